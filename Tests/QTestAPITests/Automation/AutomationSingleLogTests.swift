import Foundation
import Testing
import QTestStore
@testable import QTestAPI
import TestSupport

/// `POST …/test-runs/{id}/auto-test-logs` with id 0 (creates the run) and with a real run
/// (attachments kept).
@Suite struct AutomationSingleLogTests {
    static func body(_ content: String, status: String = "PASS", attachments: [[String: Any]] = []) -> [String: Any] {
        ["name": content, "status": status, "automation_content": content, "note": "from CI",
         "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:00:03Z", "attachments": attachments]
    }

    func suite(_ h: EmulatorHarness, named name: String) throws -> [String: Any]? {
        try h.get("/api/v3/projects/108781/test-suites?parentId=0&parentType=root").array.first { $0["name"] as? String == name }
    }

    @Test func runIdZeroCreatesTheRunInTheAutomationSuiteAndReusesIt() throws {
        let h = try EmulatorHarness(.router)
        let first = try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs", json: Self.body("pkg.Login#ok"))
        #expect(first.status == 201, "\(first)")
        let second = try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs", json: Self.body("pkg.Login#ok", status: "FAILED"))
        #expect(second.status == 201)
        let suite = try #require(try suite(h, named: "Automation Test Suite"))
        let runs = try #require(try h.get("/api/v3/projects/108781/test-runs?parentId=\(suite["id"] as? Int ?? 0)&parentType=test-suite").object["items"] as? [[String: Any]])
        #expect(runs.count == 1, "the second result reuses the run")
        let runID = try #require(runs.first?["id"] as? Int)
        let logs = try h.get("/api/v3/projects/108781/test-runs/\(runID)/test-logs")
        #expect(logs.object["total"] as? Int == 2)
        let run = try h.get("/api/v3/projects/108781/test-runs/\(runID)")
        let status = (run.object["properties"] as? [[String: Any]])?.first { $0["field_name"] as? String == "Status" }
        #expect(status?["field_value_name"] as? String == "Failed", "the latest log sets the run status")
    }

    @Test func suiteDateAndSuitePerDayPickTheSuite() throws {
        let h = try EmulatorHarness(.router)
        #expect(try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs?suiteDate=20260105", json: Self.body("a")).status == 201)
        #expect(try suite(h, named: "Automation 2026-01-05") != nil)
        #expect(try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs?suitePerDay=true", json: Self.body("b")).status == 201)
        #expect(try h.get("/api/v3/projects/108781/test-suites?parentId=0&parentType=root").array.contains {
            ($0["name"] as? String)?.hasPrefix("Automation 20") == true && $0["name"] as? String != "Automation 2026-01-05"
        })
        #expect(try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs?suiteDate=tomorrow", json: Self.body("c")).status == 400)
        #expect(try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs", json: Self.body("d", status: "MAYBE")).status == 400)
    }

    @Test func attachmentsOfASingleLogAreStored() throws {
        let h = try EmulatorHarness(.router)
        let file: [String: Any] = ["name": "trace.txt", "content_type": "text/plain", "data": Data("stack trace".utf8).base64EncodedString()]
        let created = try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs", json: Self.body("with.file", attachments: [file]))
        #expect(created.status == 201)
        let logID = try #require(created.object["id"] as? Int)
        let stored = try h.app.context.database.read { db in try Attachments.list(db, of: .testLog, Int64(logID)) }
        #expect(stored.map(\.name) == ["trace.txt"])
        let bytes = try stored.first.map { record in try h.app.context.database.read { db in try Attachments.bytes(db, record.id) } }
        #expect(bytes == Data("stack trace".utf8))
        let listed = try #require(created.object["attachments"] as? [[String: Any]])
        #expect(listed.first?["name"] as? String == "trace.txt")
        #expect(listed.first?["data"] == nil)
        // The same on an existing run (its id is in the log's self link).
        let href = try #require(((created.object["links"] as? [[String: Any]])?.first?["href"]) as? String)
        let parts = href.split(separator: "/")
        let runID = try #require(parts.firstIndex(of: "test-runs").flatMap { Int(parts[$0 + 1]) })
        let again = try h.post("/api/v3/projects/108781/test-runs/\(runID)/auto-test-logs", json: Self.body("with.file", attachments: [file]))
        #expect(again.status == 201)
        let secondID = try #require(again.object["id"] as? Int)
        #expect(try h.app.context.database.read { db in try Attachments.list(db, of: .testLog, Int64(secondID)) }.count == 1)
        #expect(try h.post("/api/v3/projects/108781/test-runs/\(runID)/auto-test-logs", json: Self.body("x", attachments: [["name": "bad", "data": "%%%"]])).status == 400)
    }
}
