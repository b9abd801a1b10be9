import Foundation
import Testing
import QTestStore
import TestSupport

/// `POST …/comments` over the comments the artifact routes stored: by object type, object,
/// author and date, paged, narrowed, isolated per project.
@Suite struct CommentQueryTests {
    /// `QueryCommentResource` / `CommentResource` in qtest-api-contract.json.
    static let wrapperKeys: Set<String> = ["links", "page", "page_size", "total", "items"]
    static let commentKeys: Set<String> = ["created", "updated", "userId", "links", "id", "content"]

    /// Comments a day apart from 2026-02-05T10:00: two on a case (admin, then tester), one on a
    /// run, one on a requirement, and one in the other project.
    static func world() throws -> SearchWorld {
        let w = try SearchWorld()
        let p = SearchWorld.p
        func comment(_ path: String, _ content: String, token: String = Demo.adminToken) throws {
            #expect(try w.h.post("\(p)/\(path)/comments", json: ["content": content], token: token).status == 200)
        }
        w.clock.set(QTestDate.parse("2026-02-05T10:00:00Z") ?? Date())
        try comment("test-cases/\(w.cases["Q-Login works"] ?? 0)", "first look")
        w.clock.advance(by: 86_400)
        try comment("test-cases/\(w.cases["Q-Login works"] ?? 0)", "tester agrees", token: Demo.testerToken)
        w.clock.advance(by: 86_400)
        try comment("test-runs/\(w.runs["Q-Run A"] ?? 0)", "flaky run")
        try comment("requirements/\(w.requirement)", "needs review")
        let secret = try w.created(w.h.post("/api/v3/projects/108782/test-cases", json: ["name": "Q-Secret"]), "secret case")
        #expect(try w.h.post("/api/v3/projects/108782/test-cases/\(secret)/comments", json: ["content": "secret"]).status == 200)
        return w
    }

    func query(_ w: SearchWorld, _ body: [String: Any], _ string: String = "", token: String = Demo.adminToken) throws -> WireResponse {
        try w.h.post("\(SearchWorld.p)/comments\(string)", json: body, token: token)
    }

    func contents(_ r: WireResponse) -> [String] { SearchWorld.items(r).compactMap { $0["content"] as? String } }

    @Test func byTypeObjectAuthorAndDate() throws {
        let w = try Self.world()
        let all = try query(w, ["object_type": "test-cases"])
        #expect(all.status == 200)
        #expect(Set(all.object.keys) == Self.wrapperKeys)
        #expect(contents(all).suffix(2) == ["first look", "tester agrees"])
        #expect(!contents(all).contains("secret"), "another project's comment")
        for item in SearchWorld.items(all) { #expect(Set(item.keys) == Self.commentKeys, "\(item)") }
        let login = w.cases["Q-Login works"] ?? 0
        #expect(contents(try query(w, ["object_type": "test-cases", "object": login])) == ["first look", "tester agrees"])
        #expect(contents(try query(w, ["object_type": "test-cases", "object": login, "author": Demo.testerID])) == ["tester agrees"])
        #expect(contents(try query(w, ["object_type": "test-cases", "start": "2026-02-06T00:00:00Z"])) == ["tester agrees"])
        #expect(contents(try query(w, ["object_type": "test-cases", "start": "2026-02-05", "end": "2026-02-05"])) == ["first look"], "an end date is that whole day")
        #expect(contents(try query(w, ["object_type": "test-cases", "start": "2026-02-05T00:00:00Z", "end": "2026-02-06T10:00:00.000+0000"]))
                == ["first look", "tester agrees"], "an end time is inclusive")
        #expect(contents(try query(w, ["object_type": "test-runs"])) == ["flaky run"])
        #expect(contents(try query(w, ["object_type": "requirements", "author": Demo.adminID])) == ["needs review"])
        #expect(contents(try query(w, ["object_type": "defects"])) == [])
        let link = (SearchWorld.items(try query(w, ["object_type": "test-runs"])).first?["links"] as? [[String: Any]])?.first?["href"] as? String
        #expect(link?.hasSuffix("/api/v3/projects/108781/test-runs/\(w.runs["Q-Run A"] ?? 0)/comments/\(SearchWorld.items(try query(w, ["object_type": "test-runs"])).first?["id"] as? Int ?? 0)") == true)
    }

    @Test func pagedAndNarrowed() throws {
        let w = try Self.world()
        let login = w.cases["Q-Login works"] ?? 0
        let second = try query(w, ["object_type": "test-cases", "object": login], "?page=2&pageSize=1")
        #expect(contents(second) == ["tester agrees"])
        #expect(second.object["total"] as? Int == 2 && second.object["page_size"] as? Int == 1)
        let narrow = SearchWorld.items(try query(w, ["object_type": "test-cases", "object": login, "fields": ["content"]]))
        #expect(narrow.map { Set($0.keys) } == [["links", "id", "content"], ["links", "id", "content"]])
    }

    @Test func refusals() throws {
        let w = try Self.world()
        #expect(try query(w, ["object_type": "test-suites"]).status == 400)
        #expect(try query(w, [:]).status == 400)
        #expect(try query(w, ["object_type": "test-cases", "start": "yesterday"]).status == 400)
        #expect(try query(w, ["object_type": "test-cases", "author": "someone"]).status == 400)
        #expect(try w.h.post("/api/v3/projects/108782/comments", json: ["object_type": "test-cases"], token: Demo.testerToken).status == 403)
        let viewer = try w.h.login("viewer@example.com", "viewer123")
        #expect(try query(w, ["object_type": "test-cases"], token: viewer).status == 200, "a query, not a write")
    }
}
