import Foundation
import Testing
@testable import QTestAPI
import TestSupport

/// ProjectApi end to end.
@Suite struct ProjectTests {
    @Test func listShowsVisibleProjectsAsABareArray() throws {
        let h = try EmulatorHarness(.router)
        let admin = try h.get("/api/v3/projects")
        #expect(admin.status == 200)
        #expect(Set(admin.array.compactMap { $0["id"] as? Int }) == [108781, 108782])
        let tester = try h.get("/api/v3/projects", token: Demo.testerToken)
        #expect(tester.array.compactMap { $0["id"] as? Int } == [108781])
    }

    @Test func getHasContractKeysAndOmitsNulls() throws {
        let h = try EmulatorHarness(.router)
        let r = try h.get("/api/v3/projects/108781")
        #expect(r.status == 200)
        let p = r.object
        #expect(p["id"] as? Int == 108781)
        #expect(p["name"] as? String == "Sample Project")
        #expect(p["end_date"] == nil, "null fields are omitted, not null")
        #expect((p["start_date"] as? String)?.hasSuffix("+00:00") == true)
        let links = try #require(p["links"] as? [[String: Any]])
        #expect(links.first?["rel"] as? String == "self")
        #expect((links.first?["href"] as? String)?.hasSuffix("/api/v3/projects/108781") == true)
        let expanded = try h.get("/api/v3/projects/108781?expand=userprofile").object
        #expect((expanded["user_profile"] as? [String: Any])?["test_run"] != nil)
    }

    @Test func unknownProjectIs404AndForeignProjectIs403() throws {
        let h = try EmulatorHarness(.router)
        #expect(try h.get("/api/v3/projects/999999").status == 404)
        let foreign = try h.get("/api/v3/projects/\(Demo.secondProjectID)", token: Demo.testerToken)
        #expect(foreign.status == 403)
        #expect((foreign.object["message"] as? String)?.contains("assigned to project") == true)
        #expect(try h.get("/api/v3/projects/abc").status == 400)
    }

    @Test func createIsSiteAdminOnlyAndReturns201() throws {
        let h = try EmulatorHarness(.router)
        let denied = try h.post("/api/v3/projects", json: ["name": "Nope"], token: Demo.testerToken)
        #expect(denied.status == 403)
        let r = try h.post("/api/v3/projects", json: ["name": "CI Project", "description": "made by a test", "start_date": "2026-02-01T00:00:00.000Z", "unknown_key": 1])
        #expect(r.status == 201)
        let id = try #require(r.object["id"] as? Int)
        #expect(r.object["start_date"] as? String == "2026-02-01T00:00:00+00:00")
        #expect(try h.get("/api/v3/projects/\(id)").object["name"] as? String == "CI Project")
        #expect(try h.post("/api/v3/projects", json: ["description": "no name"]).status == 400)
        #expect(try h.post("/api/v3/projects", json: ["name": 42 as Any, "start_date": "yesterday"]).status == 400)
        let badBody = try h.client.send("POST", "/api/v3/projects", headers: [("Authorization", "Bearer \(Demo.adminToken)")], body: Data("{not json".utf8))
        #expect(badBody.status == 400)
        #expect(badBody.object["message"] != nil)
    }

    @Test func updateChangesOnlyGivenKeys() throws {
        let h = try EmulatorHarness(.router)
        let r = try h.put("/api/v3/projects/108781", json: ["description": "Updated"])
        #expect(r.status == 200)
        #expect(r.object["description"] as? String == "Updated")
        #expect(r.object["name"] as? String == "Sample Project")
        // The tester is a member but not a project admin.
        #expect(try h.put("/api/v3/projects/108781", json: ["name": "Hijack"], token: Demo.testerToken).status == 403)
        #expect(try h.get("/api/v3/projects/108781").object["name"] as? String == "Sample Project")
    }

    @Test func searchByUUID() throws {
        let h = try EmulatorHarness(.router)
        let uuid = try #require(try h.get("/api/v3/projects/108781").object["uuid"] as? String)
        let r = try h.post("/api/v3/projects/search", json: ["uuid": [uuid, "nope"]])
        #expect(r.status == 200)
        #expect(r.array.compactMap { $0["id"] as? Int } == [108781])
    }

    @Test func projectUsersAndCurrentProfile() throws {
        let h = try EmulatorHarness(.router)
        let users = try h.get("/api/v3/projects/108781/users")
        #expect(users.status == 200)
        #expect(users.array.contains { $0["username"] as? String == Demo.testerUser })
        let profile = try h.get("/api/v3/projects/108781/user-profiles/current", token: Demo.testerToken)
        #expect(profile.status == 200)
        #expect(profile.object["project_id"] as? Int == 108781)
        #expect(profile.object["user_id"] as? Int == Int(Demo.testerID))
    }

    @Test func pagingEdges() throws {
        let h = try EmulatorHarness(.router)
        #expect(try h.get("/api/v3/projects?page=1&pageSize=1").array.count == 1)
        #expect(try h.get("/api/v3/projects?page=2&pageSize=1").array.count == 1)
        #expect(try h.get("/api/v3/projects?page=50&pageSize=1").array.isEmpty)
        #expect(try h.get("/api/v3/projects?pageSize=5000").array.count == 2)
        #expect(try h.get("/api/v3/projects?page=x").status == 400)
        #expect(try h.get("/api/v3/projects?assigned=True").status == 200)
    }
}
