import Foundation
import Testing
@testable import QTestAPI
import TestSupport

/// UserApi end to end.
@Suite struct UserTests {
    @Test func inviteGetUpdate() throws {
        let h = try EmulatorHarness(.router)
        let created = try h.post("/api/v3/users", json: ["username": "qa.lead@example.com", "first_name": "Qa", "last_name": "Lead"])
        #expect(created.status == 200)
        let id = try #require(created.object["id"] as? Int)
        // Without a password the documented default applies.
        _ = try h.login("qa.lead@example.com", "admin123")
        let fetched = try h.get("/api/v3/users/\(id)")
        #expect(fetched.object["email"] as? String == "qa.lead@example.com")
        let updated = try h.put("/api/v3/users/\(id)", json: ["first_name": "Quality"])
        #expect(updated.status == 200)
        #expect(updated.object["first_name"] as? String == "Quality")
        #expect(updated.object["last_name"] as? String == "Lead")
        #expect(try h.post("/api/v3/users", json: ["username": "qa.lead@example.com"]).status == 400, "duplicate")
        #expect(try h.post("/api/v3/users", json: ["username": "not-an-email"]).status == 400)
        #expect(try h.post("/api/v3/users", json: ["username": "x@example.com"], token: Demo.testerToken).status == 403)
        #expect(try h.get("/api/v3/users/424242").status == 404)
    }

    @Test func usersMayEditThemselvesButNotOthers() throws {
        let h = try EmulatorHarness(.router)
        #expect(try h.put("/api/v3/users/\(Demo.testerID)", json: ["last_name": "Renamed"], token: Demo.testerToken).status == 200)
        #expect(try h.put("/api/v3/users/\(Demo.adminID)", json: ["last_name": "X"], token: Demo.testerToken).status == 403)
        #expect(try h.put("/api/v3/users/\(Demo.testerID)", json: ["status": 2], token: Demo.testerToken).status == 403)
        #expect(try h.put("/api/v3/users/\(Demo.testerID)", json: ["status": "active"]).status == 400)
    }

    @Test func deactivatedUserCannotLogIn() throws {
        let h = try EmulatorHarness(.router)
        #expect(try h.put("/api/v3/users/\(Demo.testerID)", json: ["status": 2]).status == 200)
        #expect(throws: (any Error).self) { try h.login(Demo.testerUser, Demo.testerPassword) }
        #expect(try h.get("/api/v3/projects", token: Demo.testerToken).status == 401)
    }

    @Test func assignAndRemoveProjectMembership() throws {
        let h = try EmulatorHarness(.router)
        #expect(try h.get("/api/v3/projects/108782", token: Demo.testerToken).status == 403)
        let assigned = try h.post("/api/v3/users/projects", json: ["project_id": 108782, "user_ids": [Demo.testerID], "profile": ["id": 700004]])
        #expect(assigned.status == 200)
        #expect(try h.get("/api/v3/projects/108782", token: Demo.testerToken).status == 200)
        let removed = try h.put("/api/v3/users/projects", json: [["project_id": 108782, "user_ids": [Demo.testerID]]])
        #expect(removed.status == 200)
        #expect(removed.object["message"] != nil)
        #expect(try h.get("/api/v3/projects/108782", token: Demo.testerToken).status == 403)
        let single = try h.post("/api/v3/users/\(Demo.testerID)/projects", json: ["project_id": 108782])
        #expect(single.status == 200)
        #expect(try h.get("/api/v3/projects/108782", token: Demo.testerToken).status == 200)
        // A non-admin cannot add people to projects.
        #expect(try h.post("/api/v3/users/projects", json: ["project_id": 108781, "user_ids": [10004]], token: Demo.testerToken).status == 403)
        #expect(try h.post("/api/v3/users/projects", json: ["project_id": 108781, "user_ids": [99999]]).status == 404)
    }

    @Test func searchByUsernameIsPaged() throws {
        let h = try EmulatorHarness(.router)
        let r = try h.get("/api/v3/users/search?username=example.com&pageSize=1")
        #expect(r.status == 200)
        #expect((r.object["items"] as? [Any])?.count == 1)
        #expect((r.object["total"] as? Int ?? 0) >= 2)
        #expect(r.object["page_size"] as? Int == 1)
        let all = try h.get("/api/v3/users/search?username=example.com&pagination=false")
        #expect((all.object["items"] as? [Any])?.count == all.object["total"] as? Int)
    }

    @Test func searchByProjectNameRespectsVisibility() throws {
        let h = try EmulatorHarness(.router)
        let admin = try h.get("/api/v3/search/user?projectName=Second")
        #expect(admin.status == 200)
        let items = try #require(admin.object["items"] as? [[String: Any]])
        #expect(items.compactMap { $0["id"] as? Int } == [Int(Demo.adminID)])
        let tester = try h.get("/api/v3/search/user?projectName=Second", token: Demo.testerToken)
        #expect((tester.object["items"] as? [Any])?.isEmpty == true, "the tester can't see a project they're not in")
    }

    @Test func reEvaluationAndAvatar() throws {
        let h = try EmulatorHarness(.router)
        let me = try h.get("/api/v3/re-evaluation", token: Demo.testerToken)
        #expect(me.status == 200)
        #expect(me.object["id"] as? Int == Int(Demo.testerID))
        let avatar = try h.get("/api/v3/users/\(Demo.testerID)/avatar")
        #expect(avatar.status == 200)
        #expect(avatar.header("Content-Type") == "image/svg+xml")
        #expect(avatar.text.hasPrefix("<svg"))
    }
}
