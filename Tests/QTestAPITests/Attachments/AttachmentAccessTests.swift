import Foundation
import Testing
import QTestAPI
import QTestStore
import TestSupport

/// Who may do what, and what a wrong path answers: read-only members read but may not upload or
/// delete (403 before the body), non-members get 403, unknown projects, objects and files 404,
/// object types without attachments and malformed ids 400, an upload without a name 400.
@Suite struct AttachmentAccessTests {
    typealias F = AttachmentFixtures
    static let viewer = ("viewer@example.com", "viewer123")

    @Test func aReadOnlyMemberReadsButMayNotWrite() throws {
        let h = try EmulatorHarness()
        let object = "\(F.project)/test-cases/40000001"
        let created = try F.upload(h.client, object + "/blob-handles", name: "a.txt", contentType: "text/plain", Data("a".utf8))
        let id = try #require(created.object["id"] as? Int)
        let viewer = try h.login(Self.viewer.0, Self.viewer.1)
        #expect(try F.get(h.client, object + "/attachments", token: viewer).status == 200)
        #expect(try F.get(h.client, object + "/attachments/\(id)", token: viewer).body == Data("a".utf8))
        #expect(try F.get(h.client, "\(F.project)/attachments?type=test-cases", token: viewer).status == 200)

        // Refused from the head: the announced 10 MB never has to arrive.
        let upload = try h.makeClient().sendHeadOnly("POST", object + "/blob-handles",
                                                     headers: [("Authorization", "Bearer \(viewer)"), ("File-Name", "v.txt")], declaredLength: 10_000_000)
        #expect(upload.status == 403, "\(upload)")
        #expect((upload.object["message"] as? String)?.contains("test_case.edit") == true)
        for type in ["test-logs", "test-step-logs", "releases", "defects"] {
            let r = try F.upload(h.client, "\(F.project)/\(type)/1/blob-handles", name: "v", contentType: nil, Data("v".utf8), token: viewer)
            #expect(r.status == 403, "\(type): \(r)")
        }
        let delete = try h.delete(object + "/blob-handles/\(id)", token: viewer)
        #expect(delete.status == 403)
        #expect(delete.object["message"] is String)
        #expect(try F.get(h.client, object + "/attachments").array.count == 1)
    }

    @Test func nonMembersAndUnknownProjectsAreRefused() throws {
        let h = try EmulatorHarness(.router)
        // The tester is not assigned to the second project.
        let other = "/api/v3/projects/\(Demo.secondProjectID)/test-cases/1"
        for (method, path) in [("GET", other + "/attachments"), ("GET", other + "/attachments/1"), ("POST", other + "/blob-handles"),
                               ("DELETE", other + "/blob-handles/1"), ("GET", "/api/v3/projects/\(Demo.secondProjectID)/attachments?type=test-cases")] {
            let r = try h.client.send(method, path, headers: [("Authorization", "Bearer \(Demo.testerToken)"), ("File-Name", "x")],
                                      body: method == "POST" ? Data("x".utf8) : nil)
            #expect(r.status == 403, "\(method) \(path): \(r)")
            #expect(r.object["message"] is String)
        }
        let unknown = try F.get(h.client, "/api/v3/projects/999999/test-cases/1/attachments")
        #expect(unknown.status == 404)
        #expect(try F.get(h.client, "/api/v3/projects/108781/test-cases/1/attachments", token: "not-a-token").status == 401)
    }

    @Test func wrongPathsAndUploadsAnswerTheRight4xx() throws {
        let h = try EmulatorHarness(.router)
        let object = "\(F.project)/test-cases/40000001"
        let created = try F.upload(h.client, object + "/blob-handles", name: "a.txt", contentType: "text/plain", Data("a".utf8))
        let id = try #require(created.object["id"] as? Int)
        let cases: [(String, String, Int)] = [
            ("GET", "\(F.project)/test-cases/1/attachments", 404),                 // no such test case
            ("GET", "\(F.project)/test-cases/1/attachments/\(id)", 404),
            ("POST", "\(F.project)/test-cases/1/blob-handles", 404),
            ("DELETE", "\(F.project)/test-cases/1/blob-handles/\(id)", 404),
            ("GET", "\(F.project)/test-cases/40000002/attachments/\(id)", 404),     // another case's file
            ("DELETE", "\(F.project)/test-cases/40000002/blob-handles/\(id)", 404),
            ("GET", object + "/attachments/99999999", 404),
            ("GET", "\(F.project)/test-logs/40000001/attachments", 404),            // a case id is not a log id
            ("GET", "\(F.project)/test-runs/31000001/attachments", 400),            // runs take no attachments
            ("POST", "\(F.project)/test-cycles/1200001/blob-handles", 400),
            ("GET", "\(F.project)/modules/1/attachments", 400),
            ("DELETE", "\(F.project)/nonsense/1/blob-handles/1", 400),
            ("GET", "\(F.project)/test-cases/abc/attachments", 400),
            ("GET", object + "/attachments/abc", 400),
            ("GET", object + "/attachments/\(id)?forceDownload=maybe", 400),
            ("DELETE", object + "/blob-handles/9223372036854775808", 400),
        ]
        for (method, path, status) in cases {
            let r = try h.client.send(method, path, headers: [("Authorization", "Bearer \(Demo.adminToken)"), ("File-Name", "x")],
                                      body: method == "POST" ? Data("x".utf8) : nil)
            #expect(r.status == status, "\(method) \(path): \(r)")
            #expect(r.object["message"] is String, "\(method) \(path)")
        }
        for name: String? in [nil, "", "   "] {
            let r = try F.upload(h.client, object + "/blob-handles", name: name, contentType: "text/plain", Data("x".utf8))
            #expect(r.status == 400, "\(String(describing: name)): \(r)")
            #expect(r.object["message"] as? String == "Header 'File-Name' is required")
        }
        let long = try F.upload(h.client, object + "/blob-handles", name: String(repeating: "n", count: 501), contentType: nil, Data())
        #expect(long.status == 400)
        #expect(try F.get(h.client, object + "/attachments").array.count == 1, "nothing was stored by the refused uploads")
    }

    /// Deleting an object deletes its files (and their bytes).
    @Test func deletingTheOwnerDeletesItsAttachments() throws {
        let h = try EmulatorHarness(.router)
        let release = try h.post(F.project + "/releases", json: ["name": "with files"])
        let releaseID = try #require(release.object["id"] as? Int)
        _ = try F.upload(h.client, "\(F.project)/releases/\(releaseID)/blob-handles", name: "notes.txt", contentType: nil, Data("n".utf8))
        let testCase = try h.post(F.project + "/test-cases", json: ["name": "with files"])
        let caseID = try #require(testCase.object["id"] as? Int)
        _ = try F.upload(h.client, "\(F.project)/test-cases/\(caseID)/blob-handles", name: "spec.txt", contentType: nil, Data("s".utf8))
        let count = { try h.app.context.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attachment_blobs") ?? -1 } }
        #expect(try count() == 2)
        #expect(try h.delete("\(F.project)/releases/\(releaseID)").status == 200)
        #expect(try h.delete("\(F.project)/test-cases/\(caseID)").status == 200)
        #expect(try count() == 0)
        #expect((try F.get(h.client, "\(F.project)/attachments?type=test-cases").object["total"] as? Int) == 0)
    }
}
