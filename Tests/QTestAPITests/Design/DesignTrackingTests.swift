import Foundation
import Testing
@testable import QTestAPI
import QTestStore
import TestSupport

@Suite struct DesignRequirementTests {
    let p = DesignAPI.project

    @Test func crudUnderModulesWithProperties() throws {
        let h = try EmulatorHarness(.router)
        let module = DesignAPI.id(try h.post(p + "/modules", json: ["name": "Reqs"]).object)
        let created = try h.post(p + "/requirements?parentId=\(module)", json: ["name": "Users log in",
                                                                              "properties": [["field_id": 608960, "field_value": "301"]]])
        #expect(created.status == 200)
        let id = DesignAPI.id(created.object)
        #expect(created.object["parent_id"] as? Int == module)
        #expect((created.object["pid"] as? String)?.hasPrefix("RQ-") == true)
        #expect((created.object["web_url"] as? String)?.contains("#tab=requirements&object=5") == true)
        let status = (created.object["properties"] as? [[String: Any]])?.first { $0["field_id"] as? Int == 608960 }
        #expect(status?["field_value_name"] as? String == "New")
        #expect(try h.get(p + "/requirements?parentId=\(module)").array.map { $0["id"] as? Int } == [id])
        let updated = try h.put(p + "/requirements/\(id)", json: ["name": "Users sign in", "properties": [["field_id": 608962, "field_value": "text"]]])
        #expect(updated.object["name"] as? String == "Users sign in")
        let moved = try h.put(p + "/requirements/\(id)?parentId=0", json: [String: Any]())
        #expect(moved.status == 200)
        #expect(moved.object["parent_id"] == nil)
        #expect(try h.put(p + "/requirements/\(id)", json: ["properties": [["field_id": 608960, "field_value": "999"]]]).status == 400)
        #expect(try h.get(p + "/requirements/\(id)").object["name"] as? String == "Users sign in")
        #expect(try h.delete(p + "/requirements/\(id)").status == 200)
        #expect(try h.get(p + "/requirements/\(id)").status == 404)
        #expect(try h.post(p + "/requirements", json: ["name": "bad parent", "parent_id": 1]).status == 404)
    }

    @Test func traceMatrixRunsAndDefectsFollowLinks() throws {
        let h = try EmulatorHarness(.router)
        let req = try h.post(p + "/requirements", json: ["name": "Traced"]).object
        let reqID = DesignAPI.id(req)
        let tc = try DesignAPI.createCase(h, "Covers it")
        let caseID = DesignAPI.id(tc)
        let link = try h.post(p + "/requirements/\(reqID)/link?type=test-cases", json: [caseID])
        #expect(link.status == 200)
        #expect((link.array.first?["objects"] as? [[String: Any]])?.first?["link_type"] as? String == "is covered by")
        let matrix = try h.get(p + "/requirements/trace-matrix-report").array
        let entry = matrix.flatMap { ($0["requirements"] as? [[String: Any]]) ?? [] }.first { $0["id"] as? Int == reqID }
        #expect((entry?["test_cases"] as? [[String: Any]])?.map { $0["id"] as? Int } == [caseID])
        // a run of the covering case, and a defect linked to it
        let runID: Int64 = 31_999_001
        try h.app.context.database.write { db in
            try db.execute(sql: """
                INSERT INTO test_runs (id, project_id, pid, name, parent_type, test_case_id, test_case_version_id, status_id, created_date, last_modified_date)
                VALUES (?, ?, 'TR-999', 'Run it', 'root', ?, ?, 601, '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')
                """, arguments: [runID, Demo.projectID, caseID, DesignAPI.id(tc, "test_case_version_id")])
        }
        let runs = try h.get(p + "/requirements/\(reqID)/test-runs")
        #expect(runs.object["total"] as? Int == 1)
        let run = try #require((runs.object["items"] as? [[String: Any]])?.first)
        #expect(run["id"] as? Int == Int(runID))
        #expect(run["testCaseId"] as? Int == caseID)
        #expect(run["status"] as? String == "Passed")
        #expect((run["test_case"] as? [String: Any])?["id"] as? Int == caseID)
        let defect = try h.post(p + "/defects", json: ["properties": [["field_id": 608970, "field_value": "Broken"]]]).object
        #expect(try h.post(p + "/test-runs/\(runID)/link?type=defects", json: [DesignAPI.id(defect)]).status == 200)
        let defects = try h.get(p + "/requirements/\(reqID)/defects")
        #expect(defects.array.map { $0["id"] as? Int } == [DesignAPI.id(defect)])
        // unlinking the case empties runs, defects and the matrix entry
        #expect(try h.delete(p + "/test-cases/\(caseID)/link?type=requirements", json: [reqID]).status == 200)
        #expect(try h.get(p + "/requirements/\(reqID)/test-runs").object["total"] as? Int == 0)
        #expect(try h.get(p + "/requirements/\(reqID)/defects").array.isEmpty)
    }
}

@Suite struct DesignDefectTests {
    let p = DesignAPI.project

    @Test func submitGetUpdateAndLastChange() throws {
        let h = try EmulatorHarness(.router)
        let start = QTestDate.format(Date().addingTimeInterval(-5))
        let created = try h.post(p + "/defects", json: ["properties": [["field_id": 608970, "field_value": "Crash"], ["field_id": 608972, "field_value": 401]]])
        #expect(created.status == 201)
        let id = DesignAPI.id(created.object)
        #expect((created.object["pid"] as? String)?.hasPrefix("DF-") == true)
        #expect(created.object["submitter_id"] as? Int == 10001)
        #expect((created.object["web_url"] as? String)?.contains("#tab=defects&object=17") == true)
        #expect(try h.get(p + "/defects/\(id)").status == 200)
        let updated = try h.put(p + "/defects/\(id)", json: ["properties": [["field_id": 608972, "field_value": "403"]]])
        let status = (updated.object["properties"] as? [[String: Any]])?.first { $0["field_id"] as? Int == 608972 }
        #expect(status?["field_value_name"] as? String == "Fixed")
        #expect(try h.put(p + "/defects/\(id)", json: ["properties": [["field_id": 608972, "field_value": "1"]]]).status == 400)
        let encoded = start.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(try h.get(p + "/defects/last-change?startTime=\(encoded)").array.map { $0["id"] as? Int }.contains(id))
        #expect(try h.get(p + "/defects/last-change?startTime=2999-01-01T00:00:00Z").array.isEmpty)
        #expect(try h.get(p + "/defects/last-change").status == 400)
        #expect(try h.get(p + "/defects/12345").status == 404)
    }
}

@Suite struct DesignCommentTests {
    let p = DesignAPI.project

    @Test func commentsOnCasesRequirementsAndDefects() throws {
        let h = try EmulatorHarness(.router)
        let tc = try DesignAPI.createCase(h, "Commented")
        let req = try h.post(p + "/requirements", json: ["name": "Commented"]).object
        let defect = try h.post(p + "/defects", json: ["properties": [["field_id": 608970, "field_value": "c"]]]).object
        for (segment, key) in [("test-cases", tc["pid"] as! String), ("requirements", "\(DesignAPI.id(req))"), ("defects", defect["pid"] as! String)] {
            let base = p + "/\(segment)/\(key)/comments"
            let first = try h.post(base, json: ["content": "one"])
            #expect(first.status == 200, "\(segment) \(first)")
            _ = try h.post(base, json: ["content": "two"])
            let cid = DesignAPI.id(first.object)
            #expect(first.object["userId"] as? Int == 10001)
            let page = try h.get(base + "?page=1&pageSize=1")
            #expect(page.object["total"] as? Int == 2)
            #expect(page.object["page_size"] as? Int == 1)
            #expect((page.object["items"] as? [[String: Any]])?.map { $0["content"] as? String } == ["one"])
            #expect(try h.put(base + "/\(cid)", json: ["content": "uno"]).object["content"] as? String == "uno")
            #expect(try h.get(base + "/\(cid)").object["content"] as? String == "uno")
            #expect(try h.delete(base + "/\(cid)").status == 200)
            #expect(try h.get(base + "/\(cid)").status == 404)
            #expect(try h.post(base, json: ["content": ""]).status == 400)
        }
    }
}

@Suite struct DesignObjectLinkTests {
    let p = DesignAPI.project

    @Test func linkByIdAndPidAndReadFromBothEnds() throws {
        let h = try EmulatorHarness(.router)
        let a = try DesignAPI.createCase(h, "A")
        let b = try DesignAPI.createCase(h, "B")
        let req = try h.post(p + "/requirements", json: ["name": "R"]).object
        let reqID = DesignAPI.id(req)
        #expect(try h.post(p + "/requirements/\(reqID)/link?type=test-cases", json: [DesignAPI.id(a)]).status == 200)
        // by PID, twice (idempotent)
        for _ in 0..<2 {
            let r = try h.post(p + "/requirements/\(reqID)/test-cases", json: [b["pid"] as! String])
            #expect(r.status == 200)
            #expect((r.array.first?["objects"] as? [[String: Any]])?.count == 2)
        }
        let fromReq = try h.get(p + "/linked-artifacts?type=requirements&ids=\(reqID)")
        #expect((fromReq.array.first?["objects"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }.sorted() == [DesignAPI.id(a), DesignAPI.id(b)].sorted())
        let fromCases = try h.get(p + "/linked-artifacts?type=test-cases&ids=\(DesignAPI.id(a))&ids=\(DesignAPI.id(b))")
        #expect(fromCases.array.count == 2)
        for container in fromCases.array {
            let objects = container["objects"] as? [[String: Any]]
            #expect(objects?.map { $0["id"] as? Int } == [reqID])
            #expect(objects?.first?["link_type"] as? String == "covers")
            #expect(objects?.first?["pid"] as? String == req["pid"] as? String)
        }
        let removed = try h.delete(p + "/requirements/\(reqID)/test-cases", json: [b["pid"] as! String])
        #expect(removed.status == 200)
        #expect(removed.json as? [String] == [b["pid"] as! String])
        let after = try h.get(p + "/linked-artifacts?type=test-cases&ids=\(DesignAPI.id(b))")
        #expect((after.array.first?["objects"] as? [Any])?.isEmpty == true)
    }

    @Test func crossProjectAndUnknownReferencesAreRefused() throws {
        let h = try EmulatorHarness(.router)
        let req = DesignAPI.id(try h.post(p + "/requirements", json: ["name": "R"]).object)
        let mine = DesignAPI.id(try DesignAPI.createCase(h, "Mine"))
        let theirs = DesignAPI.id(try h.post("/api/v3/projects/\(Demo.secondProjectID)/test-cases", json: ["name": "Theirs"]).object)
        let refused = try h.post(p + "/requirements/\(req)/link?type=test-cases", json: [mine, theirs])
        #expect(refused.status == 400)
        #expect(refused.object["message"] != nil)
        let links = try h.get(p + "/linked-artifacts?type=requirements&ids=\(req)")
        #expect((links.array.first?["objects"] as? [Any])?.isEmpty == true)
        #expect(try h.post(p + "/requirements/\(req)/link?type=widgets", json: [mine]).status == 400)
        #expect(try h.post(p + "/requirements/\(req)/link", json: [mine]).status == 400)
        #expect(try h.post(p + "/requirements/999/link?type=test-cases", json: [mine]).status == 404)
        #expect(try h.post(p + "/requirements/\(req)/test-cases", json: ["TC-99999"]).status == 400)
        #expect(try h.get(p + "/linked-artifacts?type=test-cases&ids=\(theirs)").status == 404)
    }
}

@Suite struct DesignSeedTests {
    let p = DesignAPI.project

    @Test func demoSeedHasTreeCasesRequirementsAndDefects() throws {
        let h = try EmulatorHarness(.router)
        let tree = try h.get(p + "/modules?expand=descendants").array
        let store = try #require(tree.first { $0["name"] as? String == "Web Store" })
        #expect((store["children"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Accounts", "Checkout"])
        #expect(try h.get(p + "/test-cases/TC-1").object["version"] as? String == "1.0")
        #expect(try h.get(p + "/test-cases/40000002/versions").array.map { $0["version"] as? String } == ["1.0", "1.1"])
        let draft = try h.get(p + "/test-cases/TC-3").object
        #expect(draft["version"] as? String == "0.3")
        let call = (draft["test_steps"] as? [[String: Any]])?.first
        #expect(call?["called_test_case_name"] as? String == "Sign in with valid credentials")
        let links = try h.get(p + "/linked-artifacts?type=requirements&ids=9100001").array
        #expect((links.first?["objects"] as? [[String: Any]])?.compactMap { $0["pid"] as? String } == ["TC-1", "TC-2"])
        #expect(try h.get(p + "/defects/DF-1").status == 200)
        // new objects continue after the seeded ids and PIDs
        let created = try DesignAPI.createCase(h, "After seed")
        #expect(created["pid"] as? String == "TC-5")
    }
}
