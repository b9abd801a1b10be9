import Foundation
import Testing
import QTestAPI
import TestSupport

/// The files that arrive inside test logs and step logs are attachments like any other: every
/// link the emulator writes for them (and the `attachments` links of logs, test cases and
/// defects) answers, with the bytes that were sent.
@Suite struct AttachmentLinkTests {
    typealias F = AttachmentFixtures

    @Test func inlineLogAndStepLogAttachmentsAreReachableThroughTheirLinks() throws {
        let h = try EmulatorHarness()
        let logBytes = Data("stack trace\n\tat Foo.bar()".utf8)
        let stepBytes = F.binary
        let body: [String: Any] = [
            "name": "pkg.Login#ok", "status": "FAILED", "automation_content": "pkg.Login#ok",
            "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:00:03Z",
            "attachments": [["name": "trace.txt", "content_type": "text/plain", "data": logBytes.base64EncodedString()]],
            "test_step_logs": [["description": "open", "expected_result": "opens", "status": "FAILED", "order": 0,
                                "attachments": [["name": "screen.png", "content_type": "image/png", "data": stepBytes.base64EncodedString()]]]],
        ]
        let created = try h.post(F.project + "/test-runs/0/auto-test-logs", json: body)
        #expect(created.status == 201, "\(created)")
        let logID = try #require(created.object["id"] as? Int)

        let logFiles = try #require(created.object["attachments"] as? [[String: Any]])
        #expect(logFiles.count == 1)
        #expect(Set(logFiles.first?.keys ?? [:].keys) == Set(F.resourceKeys))
        let logHref = try #require(logFiles.first.flatMap(F.selfHref))
        #expect(logHref.hasSuffix("/test-logs/\(logID)/attachments/\(logFiles.first?["id"] as? Int ?? 0)"))
        let logDownload = try F.get(h.client, F.path(logHref))
        #expect(logDownload.status == 200)
        #expect(logDownload.body == logBytes)
        #expect(logDownload.header("Content-Type") == "text/plain")

        let steps = try #require(created.object["test_step_logs"] as? [[String: Any]])
        let stepFiles = try #require(steps.first?["attachments"] as? [[String: Any]])
        let stepHref = try #require(stepFiles.first.flatMap(F.selfHref))
        #expect(stepHref.contains("/test-step-logs/"))
        #expect(try F.get(h.client, F.path(stepHref)).body == stepBytes)
        // Listed through the AttachmentApi too, and deletable there.
        let stepList = try F.get(h.client, F.path(stepHref).components(separatedBy: "/attachments/")[0] + "/attachments")
        #expect(stepList.array.map { $0["name"] as? String } == ["screen.png"])

        // The log as the test-log API answers it: its `attachments` link lists the same file.
        let logSelf = try #require(F.selfHref(created.object))
        let log = try F.get(h.client, F.path(logSelf))
        #expect(log.status == 200, "\(log)")
        let listHref = try #require(((log.object["links"] as? [[String: Any]])?.first { $0["rel"] as? String == "attachments" })?["href"] as? String)
        let listed = try F.get(h.client, F.path(listHref))
        #expect(listed.status == 200, "\(listHref): \(listed)")
        #expect(listed.array.map { $0["name"] as? String } == ["trace.txt"])
        for file in (log.object["attachments"] as? [[String: Any]]) ?? [] {
            #expect(try F.get(h.client, F.path(F.selfHref(file) ?? "")).status == 200)
        }

        let fileID = try #require(logFiles.first?["id"] as? Int)
        #expect(try h.delete(F.project + "/test-logs/\(logID)/blob-handles/\(fileID)").status == 200)
        #expect((try F.get(h.client, F.path(logSelf)).object["attachments"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func testCaseAndDefectAnswersPointAtTheirFiles() throws {
        let h = try EmulatorHarness(.router)
        let testCase = try F.get(h.client, F.project + "/test-cases/40000001")
        let listHref = try #require(((testCase.object["links"] as? [[String: Any]])?.first { $0["rel"] as? String == "attachments" })?["href"] as? String)
        #expect(try F.get(h.client, F.path(listHref)).array.isEmpty)
        _ = try F.upload(h.client, F.project + "/test-cases/40000001/blob-handles", name: "spec.pdf", contentType: "application/pdf", Data("%PDF".utf8))
        #expect(try F.get(h.client, F.path(listHref)).array.map { $0["name"] as? String } == ["spec.pdf"])

        let defectID = try #require(try F.owners(h).first { $0.type == "defects" }?.id)
        _ = try F.upload(h.client, F.project + "/defects/\(defectID)/blob-handles", name: "crash.log", contentType: "text/plain", Data("boom".utf8))
        let defect = try F.get(h.client, F.project + "/defects/\(defectID)")
        let files = try #require(defect.object["attachments"] as? [[String: Any]])
        #expect(files.map { $0["name"] as? String } == ["crash.log"])
        #expect(try F.get(h.client, F.path(F.selfHref(files[0]) ?? "")).body == Data("boom".utf8))
    }
}
