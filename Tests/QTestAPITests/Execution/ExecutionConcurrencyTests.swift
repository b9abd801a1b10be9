import Foundation
import Synchronization
import Testing
@testable import QTestAPI
import QTestStore
import TestSupport

/// Many clients writing runs and logs into one suite at once: every request succeeds and
/// nothing is lost or doubled.
@Suite struct ExecutionConcurrencyTests {
    /// Errors collected from worker threads.
    final class Failures: Sendable {
        private let messages = Mutex<[String]>([])
        func add(_ message: String) { messages.withLock { $0.append(message) } }
        var all: [String] { messages.withLock { $0 } }
    }

    @Test func thirtyTwoClientsCreateAHundredRunsAndLogsEach() throws {
        let h = try EmulatorHarness()
        let tc = try h.testCase("Concurrent", steps: 1)
        let suite = try h.suite("Load")
        let port = h.port
        let clients = 32, perClient = 100
        let failures = Failures()
        let group = DispatchGroup()
        let caseID = tc.id
        for c in 0..<clients {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let client = HTTPTestClient(port: port)
                defer { client.close() }
                let headers = [("Authorization", "Bearer \(Demo.adminToken)"), ("Content-Type", "application/json")]
                let base = "/api/v3/projects/108781/test-runs"
                for i in 0..<perClient {
                    do {
                        let runBody = Data(#"{"name":"c\#(c)-r\#(i)","test_case":{"id":\#(caseID)}}"#.utf8)
                        let run = try client.send("POST", "\(base)?parentId=\(suite)&parentType=test-suite", headers: headers, body: runBody)
                        guard run.status == 201, let runID = run.object["id"] as? Int else { failures.add("run \(c)/\(i): \(run)"); continue }
                        let logBody = Data(#"{"status":"PASS","exe_start_date":"2026-01-05T10:00:00Z","exe_end_date":"2026-01-05T10:00:01Z"}"#.utf8)
                        let log = try client.send("POST", "\(base)/\(runID)/auto-test-logs", headers: headers, body: logBody)
                        if log.status != 201 { failures.add("log \(c)/\(i): \(log)") }
                    } catch {
                        failures.add("client \(c)/\(i): \(error)")
                    }
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        #expect(group.wait(timeout: .now() + 300) == .success)
        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")

        let total = try h.get("/api/v3/projects/108781/test-runs?parentId=\(suite)&parentType=test-suite&pageSize=1").object["total"] as? Int
        #expect(total == clients * perClient)
        let (runs, logs, passed, pids) = try h.app.context.database.read { db in
            let runs = try TestRuns.list(db, projectId: 108781, under: ExecutionParent(type: .testSuite, id: Int64(suite)), descendants: false,
                                         paging: .all).items
            var logs = 0
            for run in runs { logs += try TestLogs.list(db, projectId: 108781, runId: run.id, paging: .all).total }
            return (runs.count, logs, runs.filter { $0.statusId == 601 }.count, Set(runs.map(\.pid)).count)
        }
        #expect(runs == 3200 && logs == 3200 && passed == 3200 && pids == 3200)
    }
}
