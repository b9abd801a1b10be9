import Foundation
import Testing
import TestSupport

/// A search sees its own project only: a member of one project never sees another's objects,
/// a non-member is refused (before the body is read), an unknown project is a 404.
@Suite struct SearchIsolationTests {
    @Test func objectsOfAnotherProjectAreNeverFound() throws {
        let w = try SearchWorld()
        let secret = try w.created(w.h.post("/api/v3/projects/108782/test-cases", json: ["name": "Q-Secret"]), "secret case")
        #expect(try w.names("test-cases", "name ~ 'Q-Secret'") == [])
        #expect(try w.names("test-cases", "id = \(secret)") == [])
        let there = try w.h.post("/api/v3/projects/108782/search", json: ["object_type": "test-cases", "query": "name ~ 'Q-'"])
        #expect(there.status == 200)
        #expect(SearchWorld.items(there).compactMap { $0["name"] as? String } == ["Q-Secret"], "and none of 108781's")
        let runs = try w.h.post("/api/v3/projects/108782/search",
                                json: ["object_type": "test-runs", "query": "'Test Case Id' = \(w.cases["Q-Login works"] ?? 0)"])
        #expect(runs.object["total"] as? Int == 0)
    }

    @Test func aNonMemberIsRefusedAndAnUnknownProjectIsMissing() throws {
        let w = try SearchWorld()
        let refused = try w.h.post("/api/v3/projects/108782/search", json: ["object_type": "test-cases"], token: Demo.testerToken)
        #expect(refused.status == 403)
        #expect(refused.object["message"] is String)
        #expect(try w.search("test-cases", "name ~ 'Q-'", token: Demo.testerToken).object["total"] as? Int == 5, "a member of 108781")
        #expect(try w.h.post("/api/v3/projects/999999/search", json: ["object_type": "test-cases"]).status == 404)
        #expect(try w.search("test-cases", nil, token: nil).status == 401)
        // A read-only member may search: the POST changes nothing.
        let viewer = try w.h.login("viewer@example.com", "viewer123")
        #expect(try w.search("test-cases", "name ~ 'Q-'", token: viewer).object["total"] as? Int == 5)
    }
}
