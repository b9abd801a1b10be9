import Foundation
import Testing
import TestSupport

/// TestRunApi end to end.
@Suite struct ExecutionRunTests {
    @Test func runsLiveUnderEveryAllowedParent() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase()
        let rel = try h.release(), cyc = try h.cycle(), suite = try h.suite("S", parent: cyc, type: "test-cycle")
        for (parent, type) in [(0, "root"), (rel, "release"), (cyc, "test-cycle"), (suite, "test-suite")] {
            let r = try h.post("\(h.p)/test-runs?parentId=\(parent)&parentType=\(type)", json: ["name": "in \(type)", "test_case": ["id": tc.id]])
            #expect(r.status == 201, "run under \(type)")
            #expect(r.object["parentType"] as? String == type && r.object["parentId"] as? Int == parent)
            #expect(ids(try h.get("\(h.p)/test-runs?parentId=\(parent)&parentType=\(type)")) == [r.object["id"] as? Int ?? -1])
        }
        // Body parentId/parentType (some clients send them there as well as, or instead of, the query).
        let viaBody = try h.post("\(h.p)/test-runs", json: ["name": "b", "test_case": ["id": tc.id], "parentId": suite, "parentType": "test-suite"])
        #expect(viaBody.status == 201 && viaBody.object["parentId"] as? Int == suite)
    }

    @Test func refusedRunParentsCreateNothing() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase()
        let total = { try h.get("\(h.p)/test-runs").object["total"] as? Int }
        let before = try total()
        #expect(try h.post("\(h.p)/test-runs?parentId=777&parentType=test-suite", json: ["test_case": ["id": tc.id]]).status == 404)
        #expect(try h.post("\(h.p)/test-runs?parentId=777&parentType=test-cycle", json: ["test_case": ["id": tc.id]]).text
                == #"{"message":"Test Cycle does not exist"}"#)
        #expect(try h.post("\(h.p)/test-runs?parentId=777&parentType=module", json: ["test_case": ["id": tc.id]]).status == 400)
        #expect(try h.post("\(h.p)/test-runs", json: ["name": "no case"]).status == 400)
        #expect(try h.post("\(h.p)/test-runs", json: ["test_case": ["id": 123]]).status == 404)
        #expect(try h.post("\(h.p)/test-runs", json: ["test_case": ["id": "x"]]).status == 400)
        #expect(try total() == before)
    }

    @Test func runShapeStatusAndExpand() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase("Login", steps: 2)
        let suite = try h.suite()
        let created = try h.post("\(h.p)/test-runs?parentId=\(suite)&parentType=test-suite", json: ["test_case": ["id": tc.id], "extra": true])
        #expect(created.status == 201)
        #expect((created.object["links"] as? [[String: Any]])?.count == 1, "a create answer has only a self link")
        #expect(created.object["name"] as? String == "Login", "the name defaults to the case's")
        let id = try h.createdID(created)
        let run = try h.get("\(h.p)/test-runs/\(id)").object
        #expect(run["testCaseId"] as? Int == tc.id && run["test_case_version_id"] is Int && run["test_case_version"] as? String == "0.1")
        #expect(run["web_url"] == nil, "test runs have no web_url")
        #expect(run["properties"] is [Any])
        let testCase = try #require(run["test_case"] as? [String: Any])
        #expect(testCase["id"] as? Int == tc.id && testCase["properties"] is [Any])
        #expect(try h.runStatus(id) == "605")
        let rels = (run["links"] as? [[String: Any]])?.compactMap { $0["rel"] as? String } ?? []
        #expect(rels.contains("test-case") && rels.contains("test-suite") && rels.contains("test-logs"))
        let full = try h.get("\(h.p)/test-runs/\(id)?expand=testcase").object["test_case"] as? [String: Any]
        #expect(full?["pid"] is String && full?["test_steps"] == nil)
        let withSteps = try h.get("\(h.p)/test-runs/\(id)?expand=testcase.teststep").object["test_case"] as? [String: Any]
        #expect((withSteps?["test_steps"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == tc.steps)
        #expect(try h.get("\(h.p)/test-runs/\((try #require(run["pid"] as? String)))/comments").status == 200, "runs resolve by PID")
    }

    @Test func listIsAPagedWrapperAndDescendantsReachTheSubtree() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase()
        let rel = try h.release(), cyc = try h.cycle("C", parent: rel, type: "release"), suite = try h.suite("S", parent: cyc, type: "test-cycle")
        let direct = try h.run(tc.id, parent: cyc, type: "test-cycle")
        var inSuite: [Int] = []
        for i in 0..<3 { inSuite.append(try h.run(tc.id, parent: suite, type: "test-suite", name: "r\(i)")) }
        let page = try h.get("\(h.p)/test-runs?parentId=\(suite)&parentType=test-suite&page=1&pageSize=2").object
        #expect(page["total"] as? Int == 3 && page["page"] as? Int == 1 && page["page_size"] as? Int == 2)
        let items = try #require(page["items"] as? [[String: Any]])
        #expect(items.count == 2 && items[0]["name"] as? String == "r0" && items[0]["testCaseId"] as? Int == tc.id && items[0]["properties"] is [Any])
        #expect(ids(try h.get("\(h.p)/test-runs?parentId=\(cyc)&parentType=test-cycle")) == [direct])
        #expect(ids(try h.get("\(h.p)/test-runs?parentId=\(rel)&parentType=release&expand=descendants")) == [direct] + inSuite)
    }

    @Test func updateMoveAndDelete() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase()
        let s1 = try h.suite("S1"), s2 = try h.suite("S2"), cyc = try h.cycle()
        let run = try h.run(tc.id, parent: s1, type: "test-suite")
        let renamed = try h.put("\(h.p)/test-runs/\(run)", json: ["name": "renamed", "properties": [["field_id": 608921, "field_value": 724]]])
        #expect(renamed.status == 200 && renamed.object["name"] as? String == "renamed")
        let priority = (renamed.object["properties"] as? [[String: Any]])?.first { $0["field_id"] as? Int == 608921 }
        #expect(priority?["field_value_name"] as? String == "High")
        #expect(try h.put("\(h.p)/test-runs/\(run)?parentId=\(s2)&parentType=test-suite", json: [:]).object["parentId"] as? Int == s2)
        #expect(try h.put("\(h.p)/test-runs/\(run)?parentId=\(cyc)&parentType=test-cycle", json: [:]).object["parentType"] as? String == "test-cycle")
        #expect(try h.put("\(h.p)/test-runs/\(run)?parentId=31337&parentType=test-suite", json: [:]).status == 404)
        #expect(try h.put("\(h.p)/test-runs/\(run)", json: ["properties": "oops"]).status == 400)
        #expect(try h.delete("\(h.p)/test-runs/\(run)").status == 200)
        #expect(try h.get("\(h.p)/test-runs/\(run)").status == 404)
    }

    @Test func executionStatusesAndSubhierarchy() throws {
        let h = try EmulatorHarness(.router)
        let statuses = try h.get("\(h.p)/test-runs/execution-statuses")
        #expect(statuses.status == 200)
        let byID = Dictionary(uniqueKeysWithValues: statuses.array.map { ($0["id"] as? Int ?? 0, $0["name"] as? String ?? "") })
        #expect(byID[601] == "Passed" && byID[602] == "Failed" && byID[603] == "Incomplete" && byID[604] == "Blocked" && byID[605] == "Unexecuted")
        #expect(statuses.array.first { $0["id"] as? Int == 605 }?["is_default"] as? Bool == true)
        let rel = try h.release("Rel"), cyc = try h.cycle("Cyc", parent: rel, type: "release")
        _ = try h.suite("Su", parent: cyc, type: "test-cycle")
        let tree = try h.get("\(h.p)/test-runs/subhierarchy?parentId=\(rel)&parentType=release").object
        #expect(tree["artifactType"] as? String == "RELEASE")
        let child = (tree["children"] as? [[String: Any]])?.first
        #expect(child?["artifactType"] as? String == "TEST_CYCLE" && (child?["children"] as? [[String: Any]])?.first?["name"] as? String == "Su")
    }

    @Test func assignParameterValuesCreatesRuns() throws {
        let h = try EmulatorHarness(.router)
        let tc = try h.testCase("Param", steps: 2)
        let suite = try h.suite()
        let base = "\(h.p)/test-runs/assign-parameter-values"
        let manual = try h.post("\(base)/manually?parentId=\(suite)&parentType=test-suite", json: [
            "test_case": ["id": tc.id],
            "test_runs": [[["step_id": tc.steps[0], "description_parameter_values": ["a"], "expected_parameter_values": ["A"]]],
                          [["step_id": tc.steps[0], "description_parameter_values": ["b"], "expected_parameter_values": ["B"]]]],
        ])
        #expect(manual.status == 200 && manual.object["state"] as? String == "SUCCESS")
        let content = try #require((manual.object["content"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [[String: Any]])
        #expect(content.count == 2 && content[0]["name"] as? String == "Param 1")
        let run = try h.get("\(h.p)/test-runs/\(content[1]["id"] as? Int ?? 0)").object
        let values = (run["assign_parameter_values"] as? [[String: Any]])?.first
        #expect(values?["step_id"] as? Int == tc.steps[0] && values?["description_parameter_values"] as? [String] == ["b"])
        #expect(try h.get("/api/v3/projects/queue-processing/\(manual.object["id"] as? Int ?? 0)").object["state"] as? String == "SUCCESS")
        #expect(try h.post("\(base)/manually", json: ["test_case": ["id": tc.id], "test_runs": [[["step_id": 1]]]]).status == 400)
        let dataset = try h.post("\(base)/dataset?parentId=\(suite)&parentType=test-suite",
                                 json: ["name": "DS", "test_case": ["id": tc.id], "dataset_id": "d1", "from_row": 2, "number_of_rows": 3])
        #expect(dataset.status == 200 && ((dataset.object["content"] as? String)?.components(separatedBy: "\"DS\"").count ?? 0) == 4)
        let random = try h.post("\(base)/randomize", json: ["test_case": ["id": tc.id], "combined_type": 1, "number_of_combinations": 2])
        #expect(random.status == 200)
        #expect(try h.post("\(base)/randomize", json: ["test_case": ["id": tc.id]]).status == 400, "combined_type is required")
        #expect(try h.get("\(h.p)/test-runs?parentId=\(suite)&parentType=test-suite").object["total"] as? Int == 5)
    }

    @Test func runComments() throws {
        let h = try EmulatorHarness(.router)
        let run = try h.run(try h.testCase().id)
        let base = "\(h.p)/test-runs/\(run)/comments"
        let c = try h.createdID(h.post(base, json: ["content": "flaky"]))
        #expect(try h.get(base).object["total"] as? Int == 1)
        #expect(try h.get("\(base)/\(c)").object["content"] as? String == "flaky")
        #expect(try h.put("\(base)/\(c)", json: ["content": "fixed"]).object["content"] as? String == "fixed")
        #expect(try h.delete("\(base)/\(c)").status == 200)
        #expect(try h.get("\(base)/\(c)").status == 404)
    }
}
