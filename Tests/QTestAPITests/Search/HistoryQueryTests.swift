import Foundation
import Testing
import QTestStore
import TestSupport

/// Histories recorded with every create, update and delete, read back with `POST …/histories`
/// over a live socket: one entry per request and object, who and when, each field's old and
/// new value; filtered by object query, `created` and `author`; isolated per project.
@Suite struct HistoryQueryTests {
    /// `ArtifactHistoryResource` / `HistoryResource` / `HistoryChange` / `LinkedObject` in
    /// qtest-api-contract.json.
    static let wrapperKeys: Set<String> = ["links", "page", "page_size", "total", "items"]
    static let entryKeys: Set<String> = ["created", "description", "links", "id", "author_id", "linked_object", "changes"]
    static let changeKeys: Set<String> = ["field", "old_value", "new_value"]

    func histories(_ w: SearchWorld, _ type: String, objects: String? = nil, query: String? = nil, fields: [String]? = nil,
                   string: String = "", token: String = Demo.adminToken) throws -> WireResponse {
        var body: [String: Any] = ["object_type": type]
        if let objects { body["object_query"] = objects }
        if let query { body["query"] = query }
        if let fields { body["fields"] = fields }
        return try w.h.post("\(SearchWorld.p)/histories\(string)", json: body, token: token)
    }

    func entries(_ r: WireResponse) -> [[String: Any]] { SearchWorld.items(r) }
    func descriptions(_ r: WireResponse) -> [String] { entries(r).compactMap { $0["description"] as? String } }
    func changes(_ entry: [String: Any]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for c in entry["changes"] as? [[String: Any]] ?? [] {
            out[c["field"] as? String ?? ""] = [c["old_value"] as? String ?? "?", c["new_value"] as? String ?? "?"]
        }
        return out
    }

    @Test func aTestCaseCreatedUpdatedAndDeleted() throws {
        let w = try SearchWorld()
        let id = w.cases["Q-Login works"] ?? 0
        w.clock.set(QTestDate.parse("2026-03-01T08:00:00Z") ?? Date())
        let update = try w.h.put("\(SearchWorld.p)/test-cases/\(id)", json: [
            "name": "Q-Login still works", "properties": [["field_id": SearchWorld.casePriority, "field_value": "722"]],
        ], token: Demo.testerToken)
        #expect(update.status == 200)
        let r = try histories(w, "test-cases", objects: "id = \(id)")
        #expect(r.status == 200)
        #expect(Set(r.object.keys) == Self.wrapperKeys)
        #expect(descriptions(r) == ["Created", "Updated"])
        let (created, updated) = (entries(r)[0], entries(r)[1])
        for entry in entries(r) {
            #expect(Set(entry.keys) == Self.entryKeys, "\(entry)")
            let linked = entry["linked_object"] as? [String: Any]
            #expect(linked?["object_type"] as? String == "test-cases" && linked?["object_id"] as? Int == id)
            for c in entry["changes"] as? [[String: Any]] ?? [] { #expect(Set(c.keys) == Self.changeKeys) }
        }
        #expect(created["created"] as? String == "2026-02-02T09:00:00+00:00" && created["author_id"] as? Int == Int(Demo.adminID))
        #expect((created["changes"] as? [Any])?.isEmpty == true)
        #expect(updated["created"] as? String == "2026-03-01T08:00:00+00:00")
        #expect(updated["author_id"] as? Int == Int(Demo.testerID), "the caller is the author")
        #expect(changes(updated) == ["Version": ["0.1", "0.2"], "Name": ["Q-Login works", "Q-Login still works"], "Priority": ["High", "Low"]])

        w.clock.advance(by: 3600)
        #expect(try w.h.delete("\(SearchWorld.p)/test-cases/\(id)").status == 200)
        // A deleted object matches no object query; its entries are still there.
        #expect(try histories(w, "test-cases", objects: "id = \(id)").object["total"] as? Int == 0)
        let all = try histories(w, "test-cases", query: "created >= '2026-03-01'")
        #expect(descriptions(all) == ["Updated", "Deleted"])
        #expect(entries(all).last?["created"] as? String == "2026-03-01T09:00:00+00:00")
    }

    @Test func executionObjectsRecordTheirFields() throws {
        let w = try SearchWorld()
        let p = SearchWorld.p
        w.clock.set(QTestDate.parse("2026-03-01T08:00:00Z") ?? Date())
        #expect(try w.h.put("\(p)/releases/\(w.release)", json: ["name": "Q-Release 2", "start_date": "2026-04-01T00:00:00Z"]).status == 200)
        #expect(try w.h.put("\(p)/test-cycles/\(w.cycle)", json: ["name": "Q-Cycle 2", "description": "moved on"]).status == 200)
        let run = w.runs["Q-Run C"] ?? 0
        #expect(try w.h.post("\(p)/test-runs/\(run)/test-logs", json: ["status": ["id": 602], "exe_start_date": "2026-03-01T08:00:00Z",
                                                                     "exe_end_date": "2026-03-01T08:05:00Z"]).status == 201)
        let release = entries(try histories(w, "releases", objects: "id = \(w.release)"))
        #expect(release.map { $0["description"] as? String } == ["Created", "Updated"])
        #expect(changes(release[1]) == ["Name": ["Q-Release", "Q-Release 2"], "Start Date": ["2026-02-02T15:00:00+00:00", "2026-04-01T00:00:00+00:00"]])
        let cycle = entries(try histories(w, "test-cycles", objects: "name = 'Q-Cycle 2'"))
        #expect(changes(cycle.last ?? [:]) == ["Name": ["Q-Cycle", "Q-Cycle 2"], "Description": ["", "moved on"]])
        // A log is created, and its run's status changes with it, in one request.
        let runHistory = entries(try histories(w, "test-runs", objects: "name = 'Q-Run C'"))
        #expect(changes(runHistory.last ?? [:])["Status"] == ["Unexecuted", "Failed"])
        let logs = entries(try histories(w, "test-logs", objects: "'Test Run Id' = \(run)"))
        #expect(logs.map { $0["description"] as? String } == ["Created"])
        for type in ["builds", "test-suites", "requirements", "defects"] {
            #expect(descriptions(try histories(w, type, query: "created >= '2026-02-02'")).allSatisfy { $0 == "Created" }, "\(type)")
            #expect(try histories(w, type, query: "created >= '2026-02-02'").object["total"] as? Int ?? 0 >= 1, "\(type)")
        }
        // Properties of a defect (Summary, Status) are its fields.
        #expect(try w.h.put("\(p)/defects/\(w.defect)", json: ["properties": [["field_id": SearchWorld.defectStatus, "field_value": 402]]]).status == 200)
        #expect(changes(entries(try histories(w, "defects", objects: "id = \(w.defect)")).last ?? [:]) == ["Status": ["New", "Open"]])
        // A suite deleted with its runs: the suite's delete, and the runs'.
        #expect(try w.h.delete("\(p)/test-suites/\(w.suite)").status == 200)
        #expect(descriptions(try histories(w, "test-suites", query: "created >= '2026-03-01'")) == ["Deleted"])
        #expect(descriptions(try histories(w, "test-runs", query: "created >= '2026-03-01'")).contains("Deleted"))
    }

    @Test func filteredByAuthorAndDatePagedAndNarrowed() throws {
        let w = try SearchWorld()
        w.clock.set(QTestDate.parse("2026-03-01T08:00:00Z") ?? Date())
        for (i, token) in [Demo.adminToken, Demo.testerToken, Demo.testerToken].enumerated() {
            #expect(try w.h.put("\(SearchWorld.p)/requirements/\(w.requirement)", json: ["name": "Q-Req \(i)"], token: token).status == 200)
            w.clock.advance(by: 86_400)
        }
        let objects = "name ~ 'Q-Req'"
        #expect(try histories(w, "requirements", objects: objects).object["total"] as? Int == 4)
        #expect(try histories(w, "requirements", objects: objects, query: "author = \(Int(Demo.testerID))").object["total"] as? Int == 2)
        #expect(try histories(w, "requirements", objects: objects, query: "author <> \(Int(Demo.testerID))").object["total"] as? Int == 2)
        #expect(try histories(w, "requirements", objects: objects, query: "created >= '2026-03-02' and created <= '2026-03-02'").object["total"] as? Int == 1)
        #expect(try histories(w, "requirements", objects: objects, query: "created = '2026-03-01T08:00:00Z' or author = 'tester@example.com'")
                .object["total"] as? Int == 3)
        let page = try histories(w, "requirements", objects: objects, string: "?page=2&pageSize=3")
        #expect(entries(page).count == 1 && page.object["page"] as? Int == 2 && page.object["total"] as? Int == 4)
        let narrow = entries(try histories(w, "requirements", objects: objects, fields: ["changes"]))
        #expect(narrow.allSatisfy { Set($0.keys) == ["links", "id", "changes"] })
    }

    @Test func aRequestThatFailsLeavesNoHistory() throws {
        let w = try SearchWorld()
        let before = try histories(w, "test-cycles", objects: "id = \(w.cycle)").object["total"] as? Int
        // Without force a cycle with children is refused: nothing it did before refusing is kept.
        #expect(try w.h.delete("\(SearchWorld.p)/test-cycles/\(w.cycle)").status == 400)
        #expect(try histories(w, "test-cycles", objects: "id = \(w.cycle)").object["total"] as? Int == before)
    }

    @Test func isolationAndErrors() throws {
        let w = try SearchWorld()
        _ = try w.created(w.h.post("/api/v3/projects/108782/test-cases", json: ["name": "Q-Secret"]), "secret")
        let mine = try histories(w, "test-cases", query: "created >= '2026-02-02'")
        #expect(entries(mine).allSatisfy { ($0["linked_object"] as? [String: Any])?["object_id"] as? Int != nil })
        #expect(mine.object["total"] as? Int == 6, "5 cases created and one renamed here; the other project's case is not")
        #expect(try histories(w, "test-cases", token: Demo.testerToken).status == 200)
        #expect(try w.h.post("/api/v3/projects/108782/histories", json: ["object_type": "test-cases"], token: Demo.testerToken).status == 403)
        let bad: [(String?, String?, String)] = [
            ("colour = 1", nil, "object_query: unknown field 'colour' for test-cases at position 1"),
            (nil, "colour = 1", "query: unknown field 'colour' for histories (use created or author) at position 1"),
            (nil, "created > someday", "query: 'created' needs an ISO date"),
            ("name ~", nil, "object_query: expected a value"),
        ]
        for (objects, query, message) in bad {
            let r = try histories(w, "test-cases", objects: objects, query: query)
            #expect(r.status == 400 && (r.object["message"] as? String ?? "").hasPrefix(message), "\(r)")
        }
        #expect(try w.h.post("\(SearchWorld.p)/histories", json: ["object_type": "nothing"]).status == 400)
    }

    /// Objects an automation upload makes are recorded too, as made by the user who submitted it.
    @Test func uploadsAreRecordedWithTheSubmitter() throws {
        let w = try SearchWorld()
        let upload = try w.h.post("\(SearchWorld.p)/auto-test-logs?type=automation", json: [
            "test_logs": [["name": "Q-Uploaded by tester", "status": "PASSED", "automation_content": "com.acme.Tester",
                           "exe_start_date": "2026-03-01T08:00:00Z", "exe_end_date": "2026-03-01T08:00:01Z", "module_names": ["Q"]]],
        ], token: Demo.testerToken)
        #expect(upload.status == 201, "\(upload)")
        let job = try #require(upload.object["id"] as? Int)
        var state = ""
        for _ in 0..<200 where state != "SUCCESS" && state != "FAILED" {
            state = try w.h.get("/api/v3/projects/queue-processing/\(job)").object["state"] as? String ?? ""
            if state != "SUCCESS" { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(state == "SUCCESS")
        let cases = entries(try histories(w, "test-cases", objects: "name = 'Q-Uploaded by tester'"))
        #expect(cases.map { $0["description"] as? String } == ["Created"])
        #expect(cases.first?["author_id"] as? Int == Int(Demo.testerID))
        #expect(try histories(w, "test-logs", query: "author = \(Int(Demo.testerID))").object["total"] as? Int == 1)
    }
}
