import Foundation
import Testing
import TestSupport

/// The journal, fault rules and the clock, over a real socket, as a test of a qTest client
/// would use them.
@Suite struct ControlTrafficTests {
    func journal(_ h: EmulatorHarness, _ query: String = "") throws -> [[String: Any]] {
        try h.get("/__emulator/journal" + query, token: .some(nil)).object["items"] as? [[String: Any]] ?? []
    }

    @Test func journalShowsWhatTheClientSentWithoutSecrets() throws {
        let h = try EmulatorHarness(.live)
        let token = try h.login(Demo.adminUser, Demo.adminPassword)
        for name in ["a", "b"] {
            let r = try h.post(AutomationUploadTests.treeUpload, json: ["test_cycle": try h.cycle(), "test_logs": [AutomationUploadTests.log(name, "PASSED")]])
            #expect(r.status == 201)
        }
        _ = try h.get("\(h.p)/nowhere")
        let uploads = try journal(h, "?route=POST%20/api/v3/projects/%7BprojectId%7D/auto-test-logs")
        #expect(uploads.count == 2, "exactly two upload batches: \(uploads.count)")
        let entry = try #require(uploads.first)
        #expect(entry["status"] as? Int == 201 && entry["caller"] as? String == Demo.adminUser && entry["method"] as? String == "POST")
        #expect((entry["request_body"] as? String)?.contains("test_logs") == true)
        let auth = (entry["headers"] as? [String: String])?["Authorization"]
        #expect(auth == "Bearer 9bbf…7bb8", "the token is masked: \(auth ?? "none")")
        // The login: password and issued tokens masked.
        let login = try #require(try journal(h, "?path=/oauth/token").first)
        #expect((login["request_body"] as? String)?.contains(Demo.adminPassword) == false)
        #expect((login["response_body"] as? String)?.contains(token) == false, "the issued token is masked")
        #expect(try journal(h, "?status=4xx").allSatisfy { ($0["status"] as? Int ?? 0) / 100 == 4 })
        #expect(try journal(h, "?status=4xx").contains { $0["path"] as? String == "\(h.p)/nowhere" && $0["route"] == nil })
        #expect(try journal(h, "?limit=1").count == 1)
        let newest = try journal(h).compactMap { $0["sequence"] as? Int }
        #expect(newest == newest.sorted(by: >), "newest first")
        #expect(try journal(h).allSatisfy { !($0["path"] as? String ?? "").hasPrefix("/__emulator") }, "control calls stay out")
        #expect(try h.get("/__emulator/journal?status=abc", token: .some(nil)).status == 400)
        #expect(try h.delete("/__emulator/journal", token: .some(nil)).status == 200)
        #expect(try journal(h).isEmpty)
    }

    @Test func faultsMakeARetryLoopRetry() throws {
        let h = try EmulatorHarness(.live)
        let rule = try h.post("/__emulator/faults", json: ["method": "GET", "path": "/api/v3/projects/{projectId}/releases", "status": 503,
                                                           "body": ["message": "maintenance"], "times": 2], token: .some(nil))
        #expect(rule.status == 201, "\(rule)")
        // A client that retries on 5xx, as CI uploaders do.
        var attempts: [Int] = []
        for _ in 0..<5 {
            let r = try h.get("\(h.p)/releases")
            attempts.append(r.status)
            if r.status == 200 { break }
            #expect(r.object["message"] as? String == "maintenance")
        }
        #expect(attempts == [503, 503, 200])
        #expect(try journal(h, "?status=503").count == 2)
        #expect(try h.get("/__emulator/faults", token: .some(nil)).array.first?["hits"] as? Int == 2)

        // 429 carries Retry-After; a delay delays; a drop closes the connection unanswered.
        _ = try h.post("/__emulator/faults", json: ["path": "/api/v3/projects/*/builds*", "status": 429], token: .some(nil))
        let limited = try h.get("\(h.p)/builds?releaseId=1")
        #expect(limited.status == 429 && limited.header("Retry-After") == "1")
        _ = try h.post("/__emulator/faults", json: ["path": "/api/v3/re-evaluation", "delay_ms": 300], token: .some(nil))
        let started = Date()
        #expect(try h.get("/api/v3/re-evaluation").status == 200)
        #expect(Date().timeIntervalSince(started) >= 0.29)
        _ = try h.post("/__emulator/faults", json: ["path": "/api/v3/projects", "drop": true, "times": 1], token: .some(nil))
        let dropper = h.makeClient()
        #expect(throws: (any Error).self) { _ = try dropper.send("GET", "/api/v3/projects", headers: [("Authorization", "Bearer \(Demo.adminToken)")]) }
        dropper.close()
        #expect(try h.get("/api/v3/projects").status == 200, "times: 1")
        #expect(try h.delete("/__emulator/faults", token: .some(nil)).status == 200)
        #expect(try h.get("\(h.p)/builds?releaseId=1").status != 429)
        for bad: [String: Any] in [[:], ["status": 99], ["status": 500, "probability": 2], ["job": "sometimes"], ["delay_ms": -1], ["path": "no-slash", "status": 500]] {
            #expect(try h.post("/__emulator/faults", json: bad, token: .some(nil)).status == 400, "\(bad)")
        }
        #expect(try h.delete("/__emulator/faults/999", token: .some(nil)).status == 404)
    }

    @Test func probabilisticFaultsWithASeedRepeat() throws {
        func pattern() throws -> [Int] {
            let h = try EmulatorHarness(.live)
            _ = try h.post("/__emulator/faults", json: ["path": "/api/v3/re-evaluation", "status": 500, "probability": 0.5, "seed": 42], token: .some(nil))
            return try (0..<20).map { _ in try h.get("/api/v3/re-evaluation").status }
        }
        let first = try pattern(), second = try pattern()
        #expect(first == second)
        #expect(first.contains(500) && first.contains(200), "\(first)")
    }

    @Test func jobFaultsHoldOrFailUploads() throws {
        let h = try EmulatorHarness(.live)
        let stuck = try h.post("/__emulator/faults", json: ["job": "stuck", "times": 1], token: .some(nil))
        let ruleID = try #require(stuck.object["id"] as? Int)
        let submitted = try h.post(AutomationUploadTests.treeUpload, json: ["test_cycle": try h.cycle(), "test_logs": [AutomationUploadTests.log("held", "PASSED")]])
        let job = try #require(submitted.object["id"] as? Int)
        var state = ""
        for _ in 0..<100 {
            state = try h.get("/api/v3/projects/queue-processing/\(job)").object["state"] as? String ?? ""
            if state == "IN_PROCESSING" { break }
            usleep(20_000)
        }
        #expect(state == "IN_PROCESSING")
        usleep(200_000)
        #expect(try h.get("/api/v3/projects/queue-processing/\(job)").object["state"] as? String == "IN_PROCESSING", "held while the rule stands")
        #expect(try h.delete("/__emulator/faults/\(ruleID)", token: .some(nil)).status == 200)
        #expect(try AutomationUploadTests.waitForJob(h, job).object["state"] as? String == "SUCCESS")

        _ = try h.post("/__emulator/faults", json: ["job": "fail", "message": "Injected: disk full"], token: .some(nil))
        let failing = try h.post(AutomationUploadTests.treeUpload, json: ["test_cycle": try h.cycle(), "test_logs": [AutomationUploadTests.log("f", "PASSED")]])
        let done = try AutomationUploadTests.waitForJob(h, failing.object["id"] as? Int ?? 0)
        #expect(done.object["state"] as? String == "FAILED")
        #expect((done.object["content"] as? String)?.contains("disk full") == true, "\(done)")
    }

    @Test func theClockDrivesDatesAndTokenExpiry() throws {
        let h = try EmulatorHarness(.live)
        let frozen = try h.put("/__emulator/clock", json: ["time": "2030-06-01T12:00:00Z"], token: .some(nil))
        #expect(frozen.object["frozen"] as? Bool == true && frozen.object["time"] as? String == "2030-06-01T12:00:00+00:00", "\(frozen)")
        let release = try h.post("\(h.p)/releases", json: ["name": "Dated"]).object
        #expect(release["created_date"] as? String == "2030-06-01T12:00:00+00:00")
        let token = try h.login(Demo.adminUser, Demo.adminPassword)
        #expect(try h.get("/api/v3/re-evaluation", token: token).status == 200)
        let advanced = try h.post("/__emulator/clock/advance", json: ["seconds": 7200], token: .some(nil))
        #expect(advanced.object["time"] as? String == "2030-06-01T14:00:00+00:00")
        #expect(try h.get("/api/v3/re-evaluation", token: token).status == 401, "an issued access token lasts an hour")
        #expect(try h.get("/api/v3/re-evaluation").status == 200, "the demo API token never expires")
        let real = try h.delete("/__emulator/clock", token: .some(nil))
        #expect(real.object["frozen"] as? Bool == false)
        #expect(try h.post("/__emulator/clock/advance", json: ["seconds": "soon"], token: .some(nil)).status == 400)
        #expect(try h.put("/__emulator/clock", json: ["time": "yesterday"], token: .some(nil)).status == 400)
    }

    /// `--job-delay` is measured on the emulator's clock: a frozen clock holds an upload in
    /// IN_WAITING however long the test waits, and advancing it past the delay releases it.
    @Test func jobDelayRunsOnTheEmulatorClock() throws {
        let h = try EmulatorHarness(.live, jobDelay: 30)
        _ = try h.put("/__emulator/clock", json: ["time": "2030-06-01T12:00:00Z"], token: .some(nil))
        let submitted = try h.post(AutomationUploadTests.suiteUpload, json: ["test_logs": [AutomationUploadTests.log("held", "PASSED")]])
        let id = try #require(submitted.object["id"] as? Int, "\(submitted)")
        usleep(1_200_000)
        #expect(try h.get("/api/v3/projects/queue-processing/\(id)").object["state"] as? String == "IN_WAITING",
                "wall time passes, the frozen clock does not")
        _ = try h.post("/__emulator/clock/advance", json: ["seconds": 29], token: .some(nil))
        usleep(300_000)
        #expect(try h.get("/api/v3/projects/queue-processing/\(id)").object["state"] as? String == "IN_WAITING", "one second short")
        _ = try h.post("/__emulator/clock/advance", json: ["seconds": 1], token: .some(nil))
        let done = try AutomationUploadTests.waitForJob(h, id, timeout: 10)
        #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
    }

    @Test func deterministicRunsAnswerByteForByte() throws {
        func run() throws -> [String] {
            let h = try EmulatorHarness(.live, configure: { $0.deterministic = true })
            let token = try h.login(Demo.adminUser, Demo.adminPassword)
            let texts = [
                try h.post("\(h.p)/releases", json: ["name": "Golden"], token: token).text,
                try h.post("\(h.p)/test-cases", json: ["name": "Golden case"], token: token).text,
                try h.get("\(h.p)/releases", token: token).text,
                // A new project's uuid comes from the same fixed sequence as tokens.
                try h.post("/api/v3/projects", json: ["name": "Golden project"], token: token).text,
            ]
            // Links carry the Host the client sent, which holds each server's own port.
            return [token] + texts.map { $0.replacingOccurrences(of: "127.0.0.1:\(h.port)", with: "emulator.test") }
        }
        let first = try run(), second = try run()
        #expect(first == second)
        #expect(first[1].contains("2026-01-05T10:00:00+00:00"), "the frozen deterministic start")
        #expect(first[4].contains("\"uuid\""), "\(first[4])")
    }

    @Test func controlTokenAndControlOff() throws {
        let h = try EmulatorHarness(.live, configure: { $0.controlToken = "s3cret" })
        #expect(try h.post("/__emulator/reset", token: .some(nil)).status == 401)
        #expect(try h.post("/__emulator/reset", token: "wrong").status == 401)
        #expect(try h.post("/__emulator/reset", token: "s3cret").status == 200)
        #expect(try h.get("/__emulator/health", token: .some(nil)).status == 200, "health stays open")
        let off = try EmulatorHarness(.live, configure: { $0.controlRoutes = false })
        #expect(try off.post("/__emulator/reset", token: .some(nil)).status == 404)
        #expect(try off.get("/__emulator/health", token: .some(nil)).status == 200)
        let health = try h.get("/__emulator/health", token: .some(nil)).object
        for key in ["status", "version", "seed", "uptime_seconds", "store", "pending_jobs"] { #expect(health[key] != nil, "health has \(key)") }
    }
}
