import Foundation
import Testing
import TestSupport

/// References in a body that point nowhere are the client's mistake: a 4xx with a message, and
/// nothing written (they used to fail a foreign-key check and answer 500).
@Suite struct ReferenceValidationTests {
    @Test func anUnknownProjectTemplateIsA404() throws {
        let h = try EmulatorHarness(.router)
        let before = try h.get("/api/v3/projects/108781").object
        let r = try h.put("/api/v3/projects/108781", json: ["template_id": -1])
        #expect(r.status == 404, "\(r)")
        #expect((r.object["message"] as? String ?? "").contains("template"))
        #expect(try h.get("/api/v3/projects/108781").object["template_id"] as? Int == before["template_id"] as? Int)
    }

    @Test func zeroTargetsMeanNoTargetAndUnknownOnesAre404() throws {
        let h = try EmulatorHarness(.router)
        for key in ["target_release_id", "target_build_id"] {
            let zero = try h.post("/api/v3/projects/108781/test-cycles?parentId=0&parentType=root", json: ["name": "c", key: 0])
            #expect(zero.status == 201 || zero.status == 200, "\(key) 0: \(zero)")
            #expect(zero.object[key] == nil || zero.object[key] is NSNull || zero.object[key] as? Int == 0, "\(zero)")
            let unknown = try h.post("/api/v3/projects/108781/test-cycles?parentId=0&parentType=root", json: ["name": "c", key: 987_654_321])
            #expect(unknown.status == 404, "\(key) unknown: \(unknown)")
            #expect(unknown.object["message"] is String)
            let suite = try h.post("/api/v3/projects/108781/test-suites?parentId=0&parentType=root", json: ["name": "s", key: 0])
            #expect(suite.status < 300, "suite \(key) 0: \(suite)")
        }
    }
}
