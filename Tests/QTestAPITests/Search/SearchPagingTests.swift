import Foundation
import Testing
import TestSupport

/// The answer's shape (`PagedResource`), paging and `total`, `fields` narrowing, the query
/// parameters, and the trailing-slash path uploaders call.
@Suite struct SearchPagingTests {
    /// `PagedResource` in qtest-api-contract.json: `links, page, page_size, total, items`.
    static let pagedResourceKeys = ["links", "page", "page_size", "total", "items"]

    @Test func pagesAndTotal() throws {
        let w = try SearchWorld()
        var seen: [String] = []
        for page in 1...3 {
            let r = try w.search("test-cases", "name ~ 'Q-'", fields: ["name"], query: "?page=\(page)&pageSize=2")
            #expect(r.status == 200)
            #expect(Set(r.object.keys) == Set(Self.pagedResourceKeys), "\(r)")
            #expect(r.object["total"] as? Int == 5)
            #expect(r.object["page"] as? Int == page)
            #expect(r.object["page_size"] as? Int == 2)
            #expect((r.object["links"] as? [Any])?.isEmpty == true)
            seen += SearchWorld.items(r).compactMap { $0["name"] as? String }
        }
        #expect(seen.count == 5 && Set(seen).count == 5, "pages never overlap, in creation order: \(seen)")
        #expect(seen.first == "Q-Login works")
        let past = try w.search("test-cases", "name ~ 'Q-'", query: "?page=9223372036854775807&pageSize=2")
        #expect(past.status == 200)
        #expect(SearchWorld.items(past).isEmpty)
        #expect(past.object["total"] as? Int == 5, "the total is there past the end too")
        #expect(try w.search("test-cases", "name ~ 'nothing like this'").object["total"] as? Int == 0)
    }

    @Test func pageSizeDefaultsTo100AndStopsAt999() throws {
        let w = try SearchWorld()
        #expect(try w.search("test-runs", nil).object["page_size"] as? Int == 100)
        #expect(try w.search("test-runs", nil, query: "?pageSize=0").object["page_size"] as? Int == 100)
        #expect(try w.search("test-runs", nil, query: "?pageSize=5000").object["page_size"] as? Int == 999)
        #expect(try w.search("test-runs", nil, query: "?pageSize=-1").status == 400)
        #expect(try w.search("test-runs", nil, query: "?page=x").status == 400)
    }

    @Test func noQueryFindsEveryObjectOfTheType() throws {
        let w = try SearchWorld()
        let all = try w.search("test-cases", nil)
        let listed = try w.h.get("\(SearchWorld.p)/test-cases?size=999")
        #expect(all.object["total"] as? Int == listed.array.count)
        #expect(try w.search("test-cases", "   ").object["total"] as? Int == listed.array.count)
    }

    @Test func fieldsNarrowButKeepIdAndLinks() throws {
        let w = try SearchWorld()
        let narrow = SearchWorld.items(try w.search("test-cases", "name = 'Q-Login works'", fields: ["name", "PID"]))
        #expect(narrow.count == 1)
        #expect(Set(narrow.first?.keys.map { $0 } ?? []) == ["links", "id", "name", "pid"])
        let byProperty = SearchWorld.items(try w.search("test-cases", "name = 'Q-Login works'", fields: ["Priority"])).first ?? [:]
        #expect(Set(byProperty.keys) == ["links", "id", "properties"])
        let properties = byProperty["properties"] as? [[String: Any]] ?? []
        #expect(properties.count == 1 && properties.first?["field_value_name"] as? String == "High")
        for fields: [String]? in [["*"], [], nil] {
            let full = SearchWorld.items(try w.search("test-cases", "name = 'Q-Login works'", fields: fields)).first ?? [:]
            #expect(full["web_url"] != nil && full["properties"] != nil && full["version"] != nil, "\(String(describing: fields))")
        }
        let refused = try w.h.post("\(SearchWorld.p)/search", json: ["object_type": "test-cases", "fields": [1]])
        #expect(refused.status == 400)
    }

    @Test func stepsAndLogPropertiesOnlyWhenAsked() throws {
        let w = try SearchWorld()
        let plain = SearchWorld.items(try w.search("test-cases", "name = 'Q-Login works'")).first ?? [:]
        #expect(plain["test_steps"] == nil)
        let steps = SearchWorld.items(try w.search("test-cases", "name = 'Q-Login works'", query: "?appendTestSteps=True")).first ?? [:]
        #expect((steps["test_steps"] as? [[String: Any]])?.count == 1)
        let log = SearchWorld.items(try w.search("test-logs", "id = \(w.logs[0])")).first ?? [:]
        #expect(log["properties"] == nil && log["test_step_logs"] == nil && log["status"] != nil)
        let full = SearchWorld.items(try w.search("test-logs", "id = \(w.logs[0])", query: "?includeTestLogProperties=true")).first ?? [:]
        #expect(full["properties"] != nil && full["test_step_logs"] != nil)
        #expect(try w.search("requirements", nil, query: "?includeExternalProperties=true").status == 200)
        #expect(try w.search("requirements", nil, query: "?includeExternalProperties=maybe").status == 400)
    }

    @Test func aTrailingSlashReachesTheSameSearch() throws {
        let w = try SearchWorld()
        let slash = try w.search("test-cases", "'Automation Content' = 'com.acme.UploadTest'", path: "/search/")
        #expect(slash.status == 200)
        #expect(SearchWorld.items(slash).first?["name"] as? String == "Q-Uploaded")
        let raw = try w.h.client.send("POST", "\(SearchWorld.p)/search/?pageSize=1", headers: [
            ("Authorization", "bearer \(Demo.adminToken)"), ("Content-Type", "application/json"),
        ], body: Data(#"{"object_type":"Test-Cases","fields":["id"],"query":"Name = 'Q-Uploaded'"}"#.utf8))
        #expect(raw.status == 200, "\(raw)")
        #expect(raw.object["total"] as? Int == 1)
    }
}
