import Crypto
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import QTestAPI
import QTestStore
import TestSupport

/// Webhooks really delivered: to a real HTTP receiver on loopback, once per event and matching
/// webhook, signed, retried, recorded, and never in the way of the request that caused them.
@Suite(.serialized) struct WebhookDeliveryTests {
    static func fast(_ options: inout EmulatorOptions) {
        options.webhooks.retryDelay = 0.05
        options.webhooks.timeout = 2
    }

    static func signature(_ body: Data, _ key: String) -> String {
        HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(key.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    /// Every event type, made through the API, reaches each webhook subscribed to it in that
    /// project exactly once; a webhook for another project hears nothing; one for every
    /// project hears of a new project.
    @Test func everyEventIsDeliveredOncePerMatchingHook() throws {
        let receiver = try WebhookReceiver.make()
        defer { receiver.shutdown() }
        let h = try EmulatorHarness(.router, configure: Self.fast)
        _ = try h.webhook(receiver.url + "/json", secret: "s3cret", type: "json", name: "json")
        _ = try h.webhook(receiver.url + "/text", type: "text", name: "text")
        _ = try h.webhook(receiver.url + "/other", projects: [Demo.secondProjectID], name: "other project")
        _ = try h.webhook(receiver.url + "/site", events: ["project_created"], projects: [0], name: "every project")

        let tc = try h.createdID(try h.post("\(h.p)/test-cases", json: ["name": "Case", "test_steps": [["description": "a", "expected": "b"]]]))
        #expect(try h.put("\(h.p)/test-cases/\(tc)", json: ["name": "Case 2"]).status == 200)
        #expect(try h.put("\(h.p)/test-cases/\(tc)/approve", json: nil).status == 200)
        let run = try h.run(tc)
        let log = try h.createdID(try h.post("\(h.p)/test-runs/\(run)/test-logs", json: EmulatorHarness.manualLog(601)))
        #expect(try h.put("\(h.p)/test-runs/\(run)/test-logs/\(log)", json: ["status": ["id": 602], "note": "again"]).status == 200)
        let defect = try h.createdID(try h.post("\(h.p)/defects", json: ["properties": [["field_id": 608970, "field_value": "Bug"]]]))
        #expect(try h.put("\(h.p)/defects/\(defect)", json: ["properties": [["field_id": 608970, "field_value": "Bug 2"]]]).status == 200)
        #expect(try h.post("\(h.p)/test-runs/\(run)/link?type=defects", json: [defect]).status == 200)
        let requirement = try h.createdID(try h.post("\(h.p)/requirements", json: ["name": "Req"]))
        #expect(try h.put("\(h.p)/requirements/\(requirement)", json: ["name": "Req 2"]).status == 200)
        #expect(try h.post("\(h.p)/requirements/\(requirement)/link?type=test-cases", json: [tc]).status == 200)
        #expect(try h.delete("\(h.p)/requirements/\(requirement)/link?type=test-cases", json: [tc]).status == 200)
        #expect(try h.put("\(h.p)/test-runs/\(run)", json: ["name": "Run 2"]).status == 200)
        #expect(try h.put(h.p, json: ["name": "Renamed"]).status == 200)
        let project = try h.createdID(try h.post("/api/v3/projects", json: ["name": "New project"]))
        #expect(try h.delete("\(h.p)/requirements/\(requirement)").status == 200)
        #expect(try h.delete("\(h.p)/test-runs/\(run)").status == 200)
        #expect(try h.delete("\(h.p)/test-cases/\(tc)").status == 200)

        let expected = [
            "testcase_created:\(tc)", "testcase_updated:\(tc)", "testcase_updated:\(tc)", "testcase_approved:\(tc)",
            "testrun_created:\(run)", "testlog_submitted:\(log)", "testrun_updated:\(run)", "testlog_modified:\(log)", "testrun_updated:\(run)",
            "defect_submitted:\(defect)", "defect_modified:\(defect)", "defect_linked:\(defect)",
            "requirement_created:\(requirement)", "requirement_updated:\(requirement)", "requirement_linked:\(requirement)",
            "requirement_unlinked:\(requirement)", "testrun_updated:\(run)", "project_updated:\(Demo.projectID)",
            "requirement_deleted:\(requirement)", "defect_unlinked:\(defect)", "testrun_deleted:\(run)", "testcase_deleted:\(tc)",
        ].sorted()
        let all = receiver.wait(for: expected.count * 2 + 1)
        usleep(300_000)
        let received = receiver.received
        func seen(_ path: String) -> [String] {
            received.filter { $0.path == "/hook" + path }.map { r -> String in
                let key = r.event.split(separator: "_").first.map(String.init) ?? ""
                let object = r.json[key] as? [String: Any]
                return "\(r.event):\(object?["id"] as? Int ?? -1)"
            }.sorted()
        }
        #expect(seen("/json") == expected, "\(all.count) received")
        #expect(seen("/text") == expected)
        #expect(seen("/other").isEmpty, "another project's webhook hears nothing of 108781")
        #expect(seen("/site") == ["project_created:\(project)"])
        #expect(Set(expected.map { String($0.split(separator: ":")[0]) }).union(["project_created"]) == Set(WebhookTests.allEvents),
                "the walk covers every event type")

        for r in received where r.path == "/hook/json" {
            #expect(r.headers["content-type"] == "application/json")
            #expect(r.headers["x-qtest-signature"] == Self.signature(r.body, "s3cret"), "HMAC-SHA256 of the body, hex")
            #expect(r.json["event_timestamp"] is Int)
            let key = r.event.split(separator: "_").first.map(String.init) ?? ""
            #expect((r.json[key] as? [String: Any])?["project_id"] as? Int == (r.event == "project_created" ? project : Int(Demo.projectID)))
        }
        for r in received where r.path == "/hook/text" {
            #expect(r.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(r.headers["x-qtest-signature"] == nil, "no secret, no signature")
        }
        let log1 = try #require(received.first { $0.event == "testlog_submitted" }?.json["testlog"] as? [String: Any])
        #expect(log1["test_run_id"] as? Int == run, "the notes' testlog shape")
        let recorded = try h.deliveries("outcome=delivered&limit=100000")
        #expect(recorded.count == expected.count * 2 + 1)
        #expect(recorded.allSatisfy { ($0["attempts"] as? [[String: Any]])?.first?["status"] as? Int == 200 })
    }

    /// A queued upload job delivers its events once it commits: new cases, runs and logs,
    /// with no "updated" for objects it created.
    @Test func uploadJobsDeliverTheirEvents() throws {
        let receiver = try WebhookReceiver.make()
        defer { receiver.shutdown() }
        let h = try EmulatorHarness(.router, configure: Self.fast)
        _ = try h.webhook(receiver.url, events: ["testcase_created", "testcase_updated", "testrun_created", "testrun_updated", "testlog_submitted"])
        let logs = (0..<3).map { AutomationUploadTests.log("case\($0)", "PASSED") }
        let job = try h.post(AutomationUploadTests.suiteUpload, json: ["test_logs": logs])
        #expect(job.status == 201)
        let done = try AutomationUploadTests.waitForJob(h, job.object["id"] as? Int ?? 0)
        #expect(done.object["state"] as? String == "SUCCESS")
        receiver.wait(for: 9)
        usleep(300_000)
        let events = receiver.received.map(\.event)
        #expect(events.filter { $0 == "testcase_created" }.count == 3)
        #expect(events.filter { $0 == "testrun_created" }.count == 3)
        #expect(events.filter { $0 == "testlog_submitted" }.count == 3)
        #expect(events.count == 9, "nothing updated that the job itself created: \(events)")
    }

    /// A change that rolls back queues nothing; the same change committed is delivered.
    @Test func rolledBackChangesAreNotDelivered() throws {
        let receiver = try WebhookReceiver.make()
        defer { receiver.shutdown() }
        let h = try EmulatorHarness(.router, configure: Self.fast)
        _ = try h.webhook(receiver.url, events: ["project_updated", "testcase_created"])
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try h.app.context.write { db in
                _ = try Projects.update(db, Demo.projectID, ProjectPatch(name: "never"), at: h.app.context.now)
                throw Refused()
            }
        }
        // A request refused by the store after it wrote: the case name is checked once the row is in.
        #expect(try h.post("\(h.p)/test-cases", json: ["name": "ok", "parent_id": 999_999]).status >= 400)
        usleep(400_000)
        #expect(receiver.received.isEmpty)
        #expect(try h.deliveries().isEmpty)
        #expect(try h.put(h.p, json: ["name": "committed"]).status == 200)
        #expect(receiver.wait(for: 1).map(\.event) == ["project_updated"])
    }

    @Test func retriesAfter503UntilDelivered() throws {
        let receiver = try WebhookReceiver.make(behaviour: .init(failureStatus: 503, failures: 2))
        defer { receiver.shutdown() }
        let h = try EmulatorHarness(.router, configure: Self.fast)
        let hook = try h.webhook(receiver.url, events: ["project_updated"])
        #expect(try h.put(h.p, json: ["name": "retry me"]).status == 200)
        let items = try h.waitForDeliveries("webhook=\(hook)") { $0.first?["outcome"] as? String == "delivered" }
        let delivery = try #require(items.first)
        #expect(delivery["outcome"] as? String == "delivered")
        let attempts = delivery["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.compactMap { $0["status"] as? Int } == [503, 503, 200])
        #expect(attempts.map { $0["attempt"] as? Int ?? 0 } == [1, 2, 3])
        #expect(attempts.allSatisfy { $0["url"] as? String == receiver.url && $0["duration_ms"] is Double })
        #expect((attempts.first?["error"] as? String ?? "").contains("503"))
        #expect(receiver.received.count == 3)
        #expect(Set(receiver.received.map(\.body)).count == 1, "every attempt sends the same body")
    }

    @Test func givesUpAfterTheLastAttempt() throws {
        let receiver = try WebhookReceiver.make(behaviour: .init(failureStatus: 500, failures: 100))
        defer { receiver.shutdown() }
        let h = try EmulatorHarness(.router) { Self.fast(&$0); $0.webhooks.attempts = 3 }
        let hook = try h.webhook(receiver.url, events: ["project_updated"])
        #expect(try h.put(h.p, json: ["name": "doomed"]).status == 200)
        let items = try h.waitForDeliveries("webhook=\(hook)&outcome=failed") { !$0.isEmpty }
        #expect((items.first?["attempts"] as? [Any])?.count == 3)
        usleep(300_000)
        #expect(receiver.received.count == 3)
        #expect(try h.deliveries("outcome=pending").isEmpty)
    }

    /// A receiver that is not there yet (connection refused) gets the delivery once it is.
    @Test func retriesAfterARefusedConnection() throws {
        let port = try WebhookReceiver.closedPort()
        let h = try EmulatorHarness(.router) { Self.fast(&$0); $0.webhooks.retryDelay = 0.4 }
        let hook = try h.webhook("http://127.0.0.1:\(port)/hook", events: ["project_updated"])
        #expect(try h.put(h.p, json: ["name": "anyone there?"]).status == 200)
        let first = try h.waitForDeliveries("webhook=\(hook)") { ($0.first?["attempt_count"] as? Int ?? 0) >= 1 }
        let refused = (first.first?["attempts"] as? [[String: Any]])?.first
        #expect(refused?["status"] == nil)
        #expect((refused?["error"] as? String ?? "").contains("refused"), "\(String(describing: refused))")
        let receiver = try WebhookReceiver.make(port: port)
        defer { receiver.shutdown() }
        let items = try h.waitForDeliveries("webhook=\(hook)") { $0.first?["outcome"] as? String == "delivered" }
        #expect(items.first?["outcome"] as? String == "delivered", "\(items)")
        #expect(receiver.received.count == 1)
    }

    /// URLs the emulator will not send to fail at once, without retries: https (no TLS here),
    /// and hosts outside the allowed destinations (loopback by default; never looked up).
    @Test func unusableURLsFailAtOnce() throws {
        let h = try EmulatorHarness(.router, configure: Self.fast)
        let https = try h.webhook("https://127.0.0.1:9/hook", events: ["project_updated"])
        let remote = try h.webhook("http://hooks.example.invalid/x", events: ["project_updated"])
        #expect(try h.put(h.p, json: ["name": "x"]).status == 200)
        let items = try h.waitForDeliveries("outcome=failed") { $0.count == 2 }
        #expect(items.count == 2)
        for item in items {
            let attempts = item["attempts"] as? [[String: Any]] ?? []
            #expect(attempts.count == 1)
            let error = attempts.first?["error"] as? String ?? ""
            #expect(item["webhook_id"] as? Int == https ? error.contains("https") : error.contains("not an allowed"), "\(error)")
        }
        _ = remote
    }

    /// A receiver that takes 2 s per request neither slows nor blocks the requests whose events
    /// it is sent; an attempt that outlives the timeout is recorded as timed out.
    @Test func aSlowReceiverDoesNotSlowTheAPI() throws {
        let receiver = try WebhookReceiver.make(behaviour: .init(failures: 0, delay: 2))
        defer { receiver.shutdown() }
        let h = try EmulatorHarness(.live) { Self.fast(&$0); $0.webhooks.timeout = 0.5; $0.webhooks.attempts = 1 }
        let hook = try h.webhook(receiver.url, events: ["project_updated"])
        let started = Date()
        for i in 0..<20 {
            #expect(try h.put(h.p, json: ["name": "slow \(i)"]).status == 200)
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 2, "20 updates took \(elapsed) s with a 2 s receiver")
        let items = try h.waitForDeliveries("webhook=\(hook)&outcome=failed") { !$0.isEmpty }
        let error = (items.last?["attempts"] as? [[String: Any]])?.first?["error"] as? String ?? ""
        #expect(error.contains("timed out"), "\(error)")
    }

    /// A reset clears deliveries (and webhooks, back to the seed's none); a snapshot restore
    /// brings back the ones it holds; deterministic mode stamps events with the frozen clock.
    @Test func resetRestoreAndDeterministicTimestamps() throws {
        let receiver = try WebhookReceiver.make()
        defer { receiver.shutdown() }
        let h = try EmulatorHarness(.router) { Self.fast(&$0); $0.deterministic = true }
        _ = try h.webhook(receiver.url, events: ["project_updated"])
        #expect(try h.put(h.p, json: ["name": "one"]).status == 200)
        try h.waitForDeliveries { $0.first?["outcome"] as? String == "delivered" }
        #expect(receiver.wait(for: 1).first?.json["event_timestamp"] as? Int == 1_767_607_200_000)
        #expect(try h.post("/__emulator/snapshots", json: ["name": "one"]).status == 201)
        #expect(try h.put(h.p, json: ["name": "two"]).status == 200)
        try h.waitForDeliveries { $0.count == 2 && $0.allSatisfy { $0["outcome"] as? String == "delivered" } }
        #expect(try h.post("/__emulator/snapshots/one/restore", json: nil).status == 200)
        #expect(try h.deliveries().count == 1)
        #expect(try h.post("/__emulator/reset", json: nil).status == 200)
        #expect(try h.deliveries().isEmpty)
        #expect(try h.get("/api/v3/webhooks").array.isEmpty)
        #expect(try h.put(h.p, json: ["name": "three"]).status == 200)
        usleep(300_000)
        #expect(receiver.received.count == 2, "no webhook after the reset")
    }

    @Test func deliveriesFilterByWebhookEventAndOutcome() throws {
        let receiver = try WebhookReceiver.make()
        defer { receiver.shutdown() }
        let h = try EmulatorHarness(.router, configure: Self.fast)
        let a = try h.webhook(receiver.url, events: ["project_updated", "requirement_created"])
        let b = try h.webhook(receiver.url, events: ["project_updated"])
        #expect(try h.put(h.p, json: ["name": "x"]).status == 200)
        _ = try h.createdID(try h.post("\(h.p)/requirements", json: ["name": "R"]))
        try h.waitForDeliveries { $0.count == 3 && $0.allSatisfy { $0["outcome"] as? String == "delivered" } }
        #expect(try h.deliveries("webhook=\(a)").count == 2)
        #expect(try h.deliveries("webhook=\(b)").count == 1)
        #expect(try h.deliveries("event=requirement_created").count == 1)
        #expect(try h.deliveries("outcome=pending").isEmpty)
        #expect(try h.deliveries("limit=1").count == 1)
        #expect(try h.get("/__emulator/webhooks/deliveries?outcome=lost").status == 400)
        #expect(try h.get("/__emulator/webhooks/deliveries?limit=0").status == 400)
        // Deleting a webhook keeps its record.
        #expect(try h.delete("/api/v3/webhooks/\(a)").status == 200)
        #expect(try h.deliveries("webhook=\(a)").count == 2)
    }
}

/// A delivery still pending when the process dies is sent by the next process on the same
/// `--db` file.
@Suite struct WebhookRestartTests {
    @Test func pendingDeliverySurvivesARestart() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("qtest-webhooks-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let port = try WebhookReceiver.closedPort()
        let auth = ("Authorization", "Bearer \(Demo.adminToken)"), json = ("Content-Type", "application/json")
        // The first attempt is refused; the next would be a minute later.
        let first = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--webhook-retry-delay", "60s", "--log-level", "error"])
        let client = HTTPTestClient(port: first.port)
        let hook = try JSONSerialization.data(withJSONObject: ["name": "r", "url": "http://127.0.0.1:\(port)/hook", "events": ["project_updated"],
                                                               "projectIds": [Demo.projectID]])
        #expect(try client.send("POST", "/api/v3/webhooks", headers: [auth, json], body: hook).status == 201)
        let rename = try JSONSerialization.data(withJSONObject: ["name": "survivor"])
        #expect(try client.send("PUT", "/api/v3/projects/108781", headers: [auth, json], body: rename).status == 200)
        let deadline = Date().addingTimeInterval(10)
        var attempted = 0
        while attempted < 1 && Date() < deadline {
            let items = try client.send("GET", "/__emulator/webhooks/deliveries").object["items"] as? [[String: Any]] ?? []
            attempted = items.first?["attempt_count"] as? Int ?? 0
            usleep(20_000)
        }
        #expect(attempted == 1)
        client.close()
        first.signal(SIGKILL)
        _ = first.waitForExit()

        let receiver = try WebhookReceiver.make(port: port)
        defer { receiver.shutdown() }
        let second = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--webhook-retry-delay", "60s", "--log-level", "error"])
        let got = receiver.wait(for: 1, timeout: 15)
        #expect(got.count == 1)
        #expect((got.first?.json["project"] as? [String: Any])?["id"] as? Int == Int(Demo.projectID))
        let again = HTTPTestClient(port: second.port)
        var items: [[String: Any]] = []
        let recorded = Date().addingTimeInterval(10)
        repeat {
            items = try again.send("GET", "/__emulator/webhooks/deliveries").object["items"] as? [[String: Any]] ?? []
            if items.first?["outcome"] as? String == "delivered" { break }
            usleep(20_000)
        } while Date() < recorded
        #expect(items.first?["outcome"] as? String == "delivered" && items.first?["attempt_count"] as? Int == 2, "\(items)")
        again.close()
        second.signal(SIGTERM)
        #expect(second.waitForExit() == 0)
    }
}
