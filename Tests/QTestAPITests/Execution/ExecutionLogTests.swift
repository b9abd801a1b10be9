import Foundation
import Testing
import TestSupport

/// TestLogApi (non-batch) end to end, and log → run status propagation.
@Suite struct ExecutionLogTests {
    @Test func manualLogBecomesLatestAndSetsRunStatus() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase(steps: 2)
        let run = try h.run(tc.id)
        #expect(try h.runStatus(run) == "605")
        let body = EmulatorHarness.manualLog(602, steps: [["test_step_id": tc.steps[0], "status": ["id": 601], "actual_result": "fine"],
                                                         ["test_step_id": tc.steps[1], "status": ["id": 602]]])
        let created = try h.post("\(h.p)/test-runs/\(run)/test-logs", json: body.merging(["note": "n", "whatever": [1]]) { a, _ in a })
        #expect(created.status == 201)
        let log = created.object
        let status = try #require(log["status"] as? [String: Any])
        #expect(status["id"] as? Int == 602 && status["name"] as? String == "Failed")
        #expect(log["exe_start_date"] as? String == "2026-01-05T10:00:00+00:00" && log["exe_end_date"] as? String == "2026-01-05T10:01:00+00:00")
        let steps = try #require(log["test_step_logs"] as? [[String: Any]])
        #expect(steps.compactMap { $0["test_step_id"] as? Int } == tc.steps)
        #expect(steps[0]["description"] as? String == "do 1" && steps[0]["expected_result"] as? String == "ok 1")
        #expect(try h.runStatus(run) == "602")
        let latest = try h.get("\(h.p)/test-runs/\(run)").object["latest_test_log"] as? [String: Any]
        #expect(latest?["id"] as? Int == log["id"] as? Int && latest?["status"] as? String == "Failed")
        // A second log takes over.
        let second = try h.createdID(h.post("\(h.p)/test-runs/\(run)/test-logs", json: EmulatorHarness.manualLog(601)))
        #expect(try h.runStatus(run) == "601")
        #expect(try h.get("\(h.p)/test-runs/\(run)/test-logs/last-run").object["id"] as? Int == second)
        let list = try h.get("\(h.p)/test-runs/\(run)/test-logs").object
        #expect(list["total"] as? Int == 2 && (list["items"] as? [[String: Any]])?.first?["status"] is [String: Any])
        #expect(try h.get("\(h.p)/test-runs/\(run)/test-logs/\(second)").object["result_number"] as? Int == 2)
    }

    @Test func manualLogValidation() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase(steps: 1), other = try h.testCase("Other", steps: 1)
        let run = try h.run(tc.id)
        let url = "\(h.p)/test-runs/\(run)/test-logs"
        var missingStatus = EmulatorHarness.manualLog(601); missingStatus["status"] = nil
        #expect(try h.post(url, json: missingStatus).status == 400)
        var noDate = EmulatorHarness.manualLog(601); noDate["exe_start_date"] = nil
        let r = try h.post(url, json: noDate)
        #expect(r.status == 400 && (r.object["message"] as? String)?.contains("exe_start_date") == true)
        var badDate = EmulatorHarness.manualLog(601); badDate["exe_end_date"] = true
        #expect(try h.post(url, json: badDate).status == 400)
        #expect(try h.post(url, json: EmulatorHarness.manualLog(999)).status == 400, "unknown status")
        let foreignStep = EmulatorHarness.manualLog(601, steps: [["test_step_id": other.steps[0], "status": ["id": 601]]])
        #expect(try h.post(url, json: foreignStep).status == 400, "step logs must match the run's case steps")
        #expect(try h.post("\(h.p)/test-runs/424242/test-logs", json: EmulatorHarness.manualLog(601)).status == 404)
        #expect(try h.get(url).object["total"] as? Int == 0, "nothing was created")
        #expect(try h.runStatus(run) == "605")
        #expect(try h.get("\(url)/last-run").status == 404)
    }

    @Test func modifyManualLog() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase(steps: 1)
        let run = try h.run(tc.id)
        let created = try h.post("\(h.p)/test-runs/\(run)/test-logs",
                                 json: EmulatorHarness.manualLog(602, steps: [["test_step_id": tc.steps[0], "status": ["id": 602]]]))
        let id = try h.createdID(created)
        let stepLogID = try #require((created.object["test_step_logs"] as? [[String: Any]])?.first?["test_step_log_id"] as? Int)
        let modified = try h.put("\(h.p)/test-runs/\(run)/test-logs/\(id)", json: [
            "status": ["id": 601], "note": "rerun ok",
            "test_step_logs": [["test_step_log_id": stepLogID, "status": ["id": 601], "actual_result": "now ok"]],
        ])
        #expect(modified.status == 200 && (modified.object["status"] as? [String: Any])?["id"] as? Int == 601)
        #expect((modified.object["test_step_logs"] as? [[String: Any]])?.first?["actual_result"] as? String == "now ok")
        #expect(try h.runStatus(run) == "601", "modifying the latest log moves the run's status")
        let changedText = try h.put("\(h.p)/test-runs/\(run)/test-logs/\(id)",
                                    json: ["test_step_logs": [["test_step_log_id": stepLogID, "description": "other"]]])
        #expect(changedText.status == 400, "step description cannot change")
    }

    @Test func automationLogStatusesAreCaseInsensitive() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase(steps: 2)
        let run = try h.run(tc.id)
        let expected: [(String, String)] = [("PASS", "601"), ("FAIL", "602"), ("passed", "601"), ("FAILED", "602"), ("SKIP", "603"),
                                            ("skipped", "603"), ("Blocked", "604"), ("Passed", "601")]
        for (text, status) in expected {
            let r = try h.post("\(h.p)/test-runs/\(run)/auto-test-logs", json: EmulatorHarness.autoLog(text))
            #expect(r.status == 201, "\(text)")
            #expect(try h.runStatus(run) == status, "\(text) → \(status)")
        }
        #expect(try h.post("\(h.p)/test-runs/\(run)/auto-test-logs", json: EmulatorHarness.autoLog("MAYBE")).status == 400)
        var noStart = EmulatorHarness.autoLog("PASS"); noStart["exe_start_date"] = nil
        #expect(try h.post("\(h.p)/test-runs/\(run)/auto-test-logs", json: noStart).status == 400)
    }

    @Test func automationLogShapeStepsAndModify() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase(steps: 2)
        let run = try h.run(tc.id)
        var body = EmulatorHarness.autoLog("FAILED")
        body["test_step_logs"] = [["description": "d1", "expected_result": "e1", "status": "passed", "order": 0],
                                  ["description": "d2", "expected_result": "e2", "status": "failed", "actual_result": "boom", "order": 1]]
        body["build_number"] = "42"
        let created = try h.post("\(h.p)/test-runs/\(run)/auto-test-logs?encodeNote=false", json: body)
        #expect(created.status == 201)
        #expect(created.object["status"] as? String == "Failed" && created.object["automation_content"] as? String == "pkg.Test#method")
        #expect(created.object["exe_start_date"] is String && created.object["exe_end_date"] is String)
        let id = try h.createdID(created)
        let manualView = try h.get("\(h.p)/test-runs/\(run)/test-logs/\(id)").object
        #expect((manualView["status"] as? [String: Any])?["id"] as? Int == 602, "GET shows the status as an object")
        let steps = try #require(manualView["test_step_logs"] as? [[String: Any]])
        #expect(steps.compactMap { $0["test_step_id"] as? Int } == tc.steps, "automation step logs map to the case's steps by order")
        #expect(steps[1]["actual_result"] as? String == "boom")
        let stepLogID = try #require(steps[1]["test_step_log_id"] as? Int)
        let modified = try h.put("\(h.p)/test-runs/\(run)/auto-test-logs/\(id)", json: [
            "status": "pass", "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:00:30Z",
            "test_step_logs": [["test_step_log_id": stepLogID, "status": "PASSED", "actual_result": "ok"]],
        ])
        #expect(modified.status == 200 && modified.object["status"] as? String == "Passed")
        #expect(try h.runStatus(run) == "601")
        #expect(try h.put("\(h.p)/test-runs/\(run)/auto-test-logs/\(id)", json: ["test_step_logs": [["status": "PASS"]]]).status == 400)
    }

    @Test func runStatusCanBeSetAsAProperty() throws {
        let h = try EmulatorHarness(.router)
        let run = try h.run(try h.testCase().id)
        #expect(try h.put("\(h.p)/test-runs/\(run)", json: ["properties": [["field_id": 608917, "field_value": "604"]]]).status == 200)
        #expect(try h.runStatus(run) == "604")
        #expect(try h.put("\(h.p)/test-runs/\(run)", json: ["properties": [["field_id": 608917, "field_value": "123"]]]).status == 400)
    }
}
