import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import QTestAPI
import TestSupport

/// Batch automation uploads: submit → poll `queue-processing` → read the results back through
/// the ordinary endpoints.
@Suite struct AutomationUploadTests {
    static let suiteUpload = "/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation"
    static let treeUpload = "/api/v3/projects/108781/auto-test-logs?type=automation"

    static func log(_ name: String, _ status: String, content: String? = nil, modules: [String]? = nil,
                    steps: [[String: Any]]? = nil, extra: [String: Any] = [:]) -> [String: Any] {
        var item: [String: Any] = [
            "name": name, "status": status, "automation_content": content ?? "com.example.\(name)",
            "exe_start_date": "2026-01-05T10:00:00.000Z", "exe_end_date": "2026-01-05T10:00:02+0000",
        ]
        if let modules { item["module_names"] = modules }
        if let steps { item["test_step_logs"] = steps }
        return item.merging(extra) { $1 }
    }

    /// Polls until the job is finished; returns the last answer.
    static func waitForJob(_ h: EmulatorHarness, _ id: Int, timeout: TimeInterval = 20) throws -> WireResponse {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let r = try h.get("/api/v3/projects/queue-processing/\(id)")
            let state = r.object["state"] as? String ?? ""
            if state == "SUCCESS" || state == "FAILED" || Date() > deadline { return r }
            usleep(20_000)
        }
    }

    static func content(_ r: WireResponse) -> [String: Any] {
        guard let text = r.object["content"] as? String,
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        return object
    }

    func submit(_ h: EmulatorHarness, _ path: String, _ body: [String: Any]) throws -> (WireResponse, Int) {
        let r = try h.post(path, json: body)
        #expect(r.status == 201, "\(r)")
        #expect(r.object["type"] as? String == "AUTOMATION_TEST_LOG")
        #expect(r.object["state"] as? String == "IN_WAITING")
        return (r, r.object["id"] as? Int ?? 0)
    }

    /// An empty batch is refused before a job exists (it used to be queued and then kill the
    /// worker, and with `--db` every later start).
    @Test func emptyBatchesAreRefusedAtSubmit() throws {
        let h = try EmulatorHarness(.router)
        for path in [Self.suiteUpload, "/api/v3/projects/108781/auto-test-logs?type=automation"] {
            let r = try h.post(path, json: ["test_logs": [Any]()])
            #expect(r.status == 400, "\(path): \(r)")
            #expect((r.object["message"] as? String ?? "").contains("test_logs"))
        }
        usleep(200_000)
        #expect(try h.get("/__emulator/health").status == 200)
        #expect(try h.post(Self.suiteUpload, json: ["test_logs": [Self.log("after", "PASSED")]]).status == 201)
    }

    @Test func suiteUploadCreatesSuiteCasesRunsAndLogs() throws {
        let h = try EmulatorHarness(.router)
        let steps: [[String: Any]] = [
            ["description": "open", "expected_result": "opened", "actual_result": "opened", "status": "PASSED", "order": 0],
            ["description": "close", "expected_result": "closed", "status": "failed", "order": 1],
        ]
        let (_, id) = try submit(h, Self.suiteUpload, [
            "execution_date": "2026-01-05T10:00:00Z",
            "test_logs": [
                Self.log("login", "PASS", steps: steps,
                         extra: ["attachments": [["name": "out.txt", "content_type": "text/plain", "data": Data("hello".utf8).base64EncodedString(), "author": [:]]]]),
                Self.log("logout", "FAILED"),
                Self.log("search", "skipped"),
            ],
        ])
        let done = try Self.waitForJob(h, id)
        #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
        #expect(done.object["contentType"] as? String == "application/json")
        let content = Self.content(done)
        let suiteID = try #require(content["testSuiteId"] as? Int)
        #expect(suiteID > 0)
        #expect(content["totalTestLogs"] as? Int == 3)
        #expect((content["testSuiteName"] as? String)?.isEmpty == false)

        let runs = try h.get("/api/v3/projects/108781/test-runs?parentId=\(suiteID)&parentType=test-suite")
        #expect(runs.status == 200)
        let items = try #require(runs.object["items"] as? [[String: Any]])
        #expect(items.count == 3)
        let login = try #require(items.first { $0["name"] as? String == "login" })
        let runID = try #require(login["id"] as? Int)
        let logs = try h.get("/api/v3/projects/108781/test-runs/\(runID)/test-logs")
        let log = try #require((logs.object["items"] as? [[String: Any]])?.first)
        #expect((log["status"] as? [String: Any])?["name"] as? String == "Passed")
        let stepLogs = try #require(log["test_step_logs"] as? [[String: Any]])
        #expect(stepLogs.count == 2)
        #expect((stepLogs.last?["status"] as? [String: Any])?["name"] as? String == "Failed")
        // The created case carries the steps and lives under an "Automation" module.
        let caseID = try #require(login["testCaseId"] as? Int)
        let testCase = try h.get("/api/v3/projects/108781/test-cases/\(caseID)?expand=teststep")
        #expect(testCase.status == 200)
        #expect((testCase.object["test_steps"] as? [Any])?.count == 2)
        let modules = try h.get("/api/v3/projects/108781/modules")
        #expect(modules.array.contains { $0["name"] as? String == "Automation" })
    }

    @Test func resubmittingReusesCasesAndRuns() throws {
        let h = try EmulatorHarness(.router)
        let body: [String: Any] = ["test_logs": [Self.log("a", "PASSED"), Self.log("b", "FAILED")]]
        let (_, first) = try submit(h, Self.suiteUpload, body)
        let suiteID = try #require(Self.content(try Self.waitForJob(h, first))["testSuiteId"] as? Int)
        // Second upload into the same suite, by PID.
        let pid = try #require(try h.get("/api/v3/projects/108781/test-suites/\(suiteID)").object["pid"] as? String)
        var again = body
        again["test_suite"] = pid
        let (_, second) = try submit(h, Self.suiteUpload, again)
        let done = try Self.waitForJob(h, second)
        #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
        #expect(Self.content(done)["testSuiteId"] as? Int == suiteID)
        let runs = try #require(try h.get("/api/v3/projects/108781/test-runs?parentId=\(suiteID)&parentType=test-suite").object["items"] as? [[String: Any]])
        #expect(runs.count == 2, "runs are reused, not duplicated")
        let runID = try #require(runs.first?["id"] as? Int)
        #expect(try h.get("/api/v3/projects/108781/test-runs/\(runID)/test-logs").object["total"] as? Int == 2)
    }

    @Test func treeUploadBuildsModulesAndCyclesAndReusesThem() throws {
        let h = try EmulatorHarness(.router)
        let root = try h.post("/api/v3/projects/108781/test-cycles?parentId=0&parentType=root", json: ["name": "Nightly"])
        let rootPID = try #require(root.object["pid"] as? String)
        let rootID = try #require(root.object["id"] as? Int)
        let body: [String: Any] = ["test_cycle": rootPID, "test_logs": [
            Self.log("t1", "PASSED", modules: ["Checkout", "Payments"]),
            Self.log("t2", "FAILED", modules: ["Checkout", "Payments"]),
            Self.log("t3", "PASSED", modules: ["Checkout"]),
        ]]
        for round in 1...2 {
            let (_, id) = try submit(h, Self.treeUpload, body)
            let done = try Self.waitForJob(h, id)
            #expect(done.object["state"] as? String == "SUCCESS", "round \(round): \(done)")
        }
        let level1 = try h.get("/api/v3/projects/108781/test-cycles?parentId=\(rootID)&parentType=test-cycle")
        #expect(level1.array.map { $0["name"] as? String } == ["Checkout"], "no duplicate cycles")
        let checkoutID = try #require(level1.array.first?["id"] as? Int)
        let level2 = try h.get("/api/v3/projects/108781/test-cycles?parentId=\(checkoutID)&parentType=test-cycle")
        #expect(level2.array.map { $0["name"] as? String } == ["Payments"])
        let paymentsID = try #require(level2.array.first?["id"] as? Int)
        let runs = try #require(try h.get("/api/v3/projects/108781/test-runs?parentId=\(paymentsID)&parentType=test-cycle").object["items"] as? [[String: Any]])
        #expect(runs.count == 2)
        let modules = try h.get("/api/v3/projects/108781/modules?expand=descendants")
        let checkout = modules.array.filter { $0["name"] as? String == "Checkout" }
        #expect(checkout.count == 1, "modules reused by name")
    }

    @Test func submissionIsValidatedBeforeQueueing() throws {
        let h = try EmulatorHarness(.router)
        #expect(try h.post("/api/v3.1/projects/108781/test-runs/7/auto-test-logs?type=automation", json: ["test_logs": []]).status == 400)
        #expect(try h.post("/api/v3.1/projects/108781/test-runs/0/auto-test-logs", json: ["test_logs": []]).status == 400)
        #expect(try h.post("/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=manual", json: ["test_logs": []]).status == 400)
        #expect(try h.post(Self.suiteUpload, json: ["no_logs": true]).status == 400)
        #expect(try h.post(Self.suiteUpload, json: ["test_logs": [["name": "x"]]]).status == 400, "status is required")
        #expect(try h.post(Self.suiteUpload, json: ["test_logs": [Self.log("x", "PASSED", extra: ["exe_start_date": "last tuesday"])]]).status == 400)
        #expect(try h.post(Self.suiteUpload, json: ["test_logs": [Self.log("x", "PASSED", extra: ["attachments": [["name": "a", "data": "***"]]])]]).status == 400)
        #expect(try h.post("/api/v3.1/projects/999999/test-runs/0/auto-test-logs?type=automation", json: ["test_logs": []]).status == 404)
        let raw = try h.client.send("POST", Self.suiteUpload, headers: [("Authorization", "Bearer \(Demo.adminToken)")], body: Data("{oops".utf8))
        #expect(raw.status == 400)
        // None of these created a job.
        #expect(try h.get("/api/v3/projects/queue-processing/2000001").status == 404)
        // Jenkins sends type=jenkins.
        let jenkins = try h.post("/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=jenkins", json: ["test_logs": [Self.log("j", "PASSED")]])
        #expect(jenkins.status == 201)
    }

    @Test func badStatusOrStepOrderFailsTheWholeJob() throws {
        let h = try EmulatorHarness(.router)
        let cases: [[String: Any]] = [
            ["test_logs": [Self.log("ok", "PASSED"), Self.log("weird", "SOMETIMES")]],
            ["test_logs": [Self.log("gap", "PASSED", steps: [
                ["description": "a", "expected_result": "a", "status": "PASSED", "order": 0],
                ["description": "b", "expected_result": "b", "status": "PASSED", "order": 2],
            ])]],
            ["test_suite": "TS-999", "test_logs": [Self.log("x", "PASSED")]],
            ["test_logs": [Self.log("new-with-version", "PASSED", extra: ["test_case_version_id": 1])]],
        ]
        for body in cases {
            let (_, id) = try submit(h, Self.suiteUpload, body)
            let done = try Self.waitForJob(h, id)
            #expect(done.object["state"] as? String == "FAILED", "\(done)")
            #expect((done.object["content"] as? String)?.isEmpty == false, "a reason is given")
        }
        // All or nothing: the "ok" log of the first upload was not applied either.
        let suites = try h.get("/api/v3/projects/108781/test-suites")
        #expect(!suites.array.contains { ($0["name"] as? String)?.hasPrefix("Automation ") == true })
    }

    @Test func stepsWithoutOrderSortAlphabetically() throws {
        let h = try EmulatorHarness(.router)
        let (_, id) = try submit(h, Self.suiteUpload, ["test_logs": [Self.log("sorted", "PASSED", steps: [
            ["description": "b step", "expected_result": "b", "status": "PASSED"],
            ["description": "a step", "expected_result": "a", "status": "FAILED"],
        ])]])
        let suiteID = try #require(Self.content(try Self.waitForJob(h, id))["testSuiteId"] as? Int)
        let run = try #require((try h.get("/api/v3/projects/108781/test-runs?parentId=\(suiteID)&parentType=test-suite").object["items"] as? [[String: Any]])?.first)
        let log = try #require((try h.get("/api/v3/projects/108781/test-runs/\(run["id"] as? Int ?? 0)/test-logs").object["items"] as? [[String: Any]])?.first)
        let descriptions = (log["test_step_logs"] as? [[String: Any]])?.compactMap { $0["description"] as? String }
        #expect(descriptions == ["a step", "b step"])
    }

    /// With the clock running, a job waits out `--job-delay` of wall time (held on a frozen
    /// clock: ControlTrafficTests.jobDelayRunsOnTheEmulatorClock).
    @Test func jobDelayHoldsJobsInWaiting() throws {
        let delay = 2.0
        let h = try EmulatorHarness(.router, jobDelay: delay)
        let started = Date()
        let (_, id) = try submit(h, Self.suiteUpload, ["test_logs": [Self.log("slow", "PASSED")]])
        let state = try h.get("/api/v3/projects/queue-processing/\(id)").object["state"] as? String
        // On a loaded machine submitting can take a good part of the delay: the job is only
        // certain to be waiting while it is younger than that.
        if Date().timeIntervalSince(started) < delay * 0.9 { #expect(state == "IN_WAITING") }
        #expect(try Self.waitForJob(h, id).object["state"] as? String == "SUCCESS")
        #expect(Date().timeIntervalSince(started) >= delay, "the job ran before its delay was over")
    }

    @Test func jobsAreProcessedInSubmissionOrderAndOnlyVisibleToTheirProject() throws {
        let h = try EmulatorHarness(.router)
        var ids: [Int] = []
        for n in 0..<5 {
            let (_, id) = try submit(h, Self.suiteUpload, ["test_suite_name": "ignored", "test_logs": [Self.log("same", n % 2 == 0 ? "PASSED" : "FAILED")]])
            ids.append(id)
        }
        for id in ids { #expect(try Self.waitForJob(h, id).object["state"] as? String == "SUCCESS") }
        #expect(ids == ids.sorted())
        #expect(try h.get("/api/v3/projects/queue-processing/424242").status == 404)
        // Another project's job is invisible to a user who is not in it.
        let foreign = try h.post("/api/v3/projects/108782/auto-test-logs?type=automation", json: ["test_logs": [Self.log("f", "PASSED")]])
        let foreignID = try #require(foreign.object["id"] as? Int)
        #expect(try h.get("/api/v3/projects/queue-processing/\(foreignID)", token: Demo.testerToken).status == 404)
    }
}

/// A job survives a crash of the process: it is re-run from the start on the next startup and
/// applied exactly once.
@Suite struct AutomationRestartTests {
    @Test func pendingJobRunsAfterKillAndRestart() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("qtest-jobs-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let auth = ("Authorization", "Bearer \(Demo.adminToken)")
        // A long delay keeps the job queued when the process is killed.
        let first = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--job-delay", "30s", "--log-level", "error"])
        let client = HTTPTestClient(port: first.port)
        let body = try JSONSerialization.data(withJSONObject: ["test_logs": [AutomationUploadTests.log("survivor", "PASSED")]])
        let submitted = try client.send("POST", AutomationUploadTests.suiteUpload, headers: [auth, ("Content-Type", "application/json")], body: body)
        #expect(submitted.status == 201)
        let id = try #require(submitted.object["id"] as? Int)
        client.close()
        first.signal(SIGKILL)
        _ = first.waitForExit()

        let second = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--log-level", "error"])
        let again = HTTPTestClient(port: second.port)
        var state = ""
        var answer: WireResponse?
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            answer = try again.send("GET", "/api/v3/projects/queue-processing/\(id)", headers: [auth])
            state = answer?.object["state"] as? String ?? ""
            if state == "SUCCESS" || state == "FAILED" { break }
            usleep(50_000)
        }
        #expect(state == "SUCCESS", "\(String(describing: answer))")
        let finished = try #require(answer)
        let suiteID = try #require(AutomationUploadTests.content(finished)["testSuiteId"] as? Int)
        let runs = try again.send("GET", "/api/v3/projects/108781/test-runs?parentId=\(suiteID)&parentType=test-suite", headers: [auth])
        #expect((runs.object["items"] as? [Any])?.count == 1, "applied exactly once")
        second.signal(SIGTERM)
        #expect(second.waitForExit() == 0)
    }

    /// A job that kills the process each time it runs is run once more after the first crash,
    /// and failed (not run a third time) after the second: no crash loop with `--db`.
    @Test func jobThatKillsTheProcessTwiceIsFailedNotRunAgain() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("qtest-poison-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let auth = ("Authorization", "Bearer \(Demo.adminToken)")
        let crash = ["QTEST_EMULATOR_TEST_CRASH_IN_JOB": "1"]
        let serve = ["serve", "--port", "0", "--db", db, "--log-level", "error"]

        // Queue the job in a process that holds it (a long delay), then kill that one.
        let queuing = try EmulatorProcess(serve + ["--job-delay", "30s"])
        let client = HTTPTestClient(port: queuing.port)
        let body = try JSONSerialization.data(withJSONObject: ["test_logs": [AutomationUploadTests.log("poison", "PASSED")]])
        let submitted = try client.send("POST", AutomationUploadTests.suiteUpload, headers: [auth, ("Content-Type", "application/json")], body: body)
        #expect(submitted.status == 201)
        let id = try #require(submitted.object["id"] as? Int)
        client.close()
        queuing.signal(SIGKILL)
        _ = queuing.waitForExit()

        // The next start runs the job, which kills the process; the start after re-runs it once,
        // and that kills the process again.
        // (The worker starts just before the ready line is printed, so a process may die before
        // it says it is listening: that start counts the same.)
        for start in 1...2 {
            if let crashing = try? EmulatorProcess(serve, environment: crash) {
                #expect(crashing.waitForExit() != 0, "start \(start): the job kills the process")
            }
        }

        // The third start must not run it again: it fails the job and stays up.
        let third = try EmulatorProcess(serve, environment: crash)
        let again = HTTPTestClient(port: third.port)
        let answer = try again.send("GET", "/api/v3/projects/queue-processing/\(id)", headers: [auth])
        #expect(answer.object["state"] as? String == "FAILED", "\(answer)")
        #expect((answer.object["content"] as? String ?? "").contains("interrupted twice"))
        usleep(300_000)
        #expect(try again.send("GET", "/__emulator/health", headers: []).status == 200, "still alive")
        third.signal(SIGTERM)
        #expect(third.waitForExit() == 0)
    }
}
