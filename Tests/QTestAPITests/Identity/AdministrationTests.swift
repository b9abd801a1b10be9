import Foundation
import Testing
@testable import QTestAPI
import TestSupport

/// UserProfileApi, GroupsApi, AuthSystemsApi and SiteTemplatesApi end to end.
@Suite struct AdministrationTests {
    @Test func adminProfileOfCaller() throws {
        let h = try EmulatorHarness(.router)
        let admin = try h.get("/api/v3/admin-profiles/current")
        #expect(admin.status == 200)
        #expect(admin.object["create_project"] as? Bool == true)
        let tester = try h.get("/api/v3/admin-profiles/current", token: Demo.testerToken)
        #expect(tester.object["create_project"] as? Bool == false)
        #expect(tester.object["user_id"] as? Int == Int(Demo.testerID))
    }

    @Test func profilesListAndAssignment() throws {
        let h = try EmulatorHarness(.router)
        let all = try h.get("/api/v3/user-profiles")
        #expect(all.status == 200)
        #expect((all.object["admin_profiles"] as? [Any])?.isEmpty == false)
        #expect((all.object["user_profiles"] as? [Any])?.isEmpty == false)
        let onlyAdmin = try h.get("/api/v3/user-profiles?type=admin")
        #expect((onlyAdmin.object["user_profiles"] as? [Any])?.isEmpty == true)
        #expect(try h.get("/api/v3/user-profiles", token: Demo.testerToken).status == 403)

        // Make the tester a viewer in 108781, then check the permissions they report.
        let assigned = try h.post("/api/v3/user-profiles/108781/batch-assign-users", json: ["userIds": [Demo.testerID], "userProfileId": 700005])
        #expect(assigned.status == 200)
        #expect(assigned.array.first?["id"] as? Int == Int(Demo.testerID))
        let current = try h.get("/api/v3/user-profiles/current", token: Demo.testerToken)
        let profile = try #require(current.array.first { $0["project_id"] as? Int == 108781 })
        #expect((profile["test_run"] as? [String: Any])?["create"] as? Bool == false)
        #expect((profile["test_run"] as? [String: Any])?["view"] as? Bool == true)
        // An admin profile can't be used as a project profile and vice versa.
        #expect(try h.post("/api/v3/user-profiles/108781/batch-assign-users", json: ["userIds": [Demo.testerID], "userProfileId": 700001]).status == 400)
        #expect(try h.post("/api/v3/user-profiles/batch-assign-users", json: ["userIds": [Demo.testerID], "userProfileId": 700005]).status == 400)
        #expect(try h.post("/api/v3/user-profiles/batch-assign-users", json: ["userIds": [Demo.testerID], "userProfileId": 700002]).status == 200)
        #expect(try h.post("/api/v3/user-profiles/batch-assign-users", json: ["userIds": [], "userProfileId": 700002]).status == 400)
    }

    @Test func groups() throws {
        let h = try EmulatorHarness(.router)
        let before = try h.get("/api/v3/groups")
        #expect(before.status == 200)
        let created = try h.post("/api/v3/groups", json: ["name": "Release Managers", "description": "ship it", "user_ids": [Demo.testerID]])
        #expect(created.status == 200)
        #expect(created.object["total_user"] as? Int == 1)
        #expect(created.object["is_system"] as? Bool == false)
        let after = try h.get("/api/v3/groups")
        #expect(after.array.count == before.array.count + 1)
        #expect(try h.get("/api/v3/groups", token: Demo.testerToken).status == 403)
        #expect(try h.post("/api/v3/groups", json: ["name": ""]).status == 400)
        #expect(try h.post("/api/v3/groups", json: ["name": "Ghosts", "user_ids": [4242]]).status == 404)
        let id = try #require(created.object["id"] as? Int)
        #expect((try h.get("/api/v3/users/\(Demo.testerID)").object["user_group_ids"] as? [Int])?.contains(id) == true)
    }

    @Test func ldapUsersAndImport() throws {
        let h = try EmulatorHarness(.router)
        let systems = try h.get("/api/v3/auth-systems")
        #expect(systems.status == 200)
        let ldap = try #require((systems.object["ldaps"] as? [[String: Any]])?.first)
        let configID = try #require(ldap["id"] as? Int)
        let users = try h.get("/api/v3/auth-systems/ldap/\(configID)/users?pageSize=2")
        #expect(users.status == 200)
        let items = try #require(users.object["items"] as? [[String: Any]])
        #expect(items.count <= 2)
        let uid = try #require(items.first?["uid"] as? String)
        let imported = try h.post("/api/v3/auth-systems/ldap/\(configID)/import", json: [["ldap_username": uid]])
        #expect(imported.status == 200)
        let linked = try #require((imported.object["result"] as? [[String: Any]])?.first)
        #expect(linked["authentication_system"] as? String == "LDAP")
        #expect(try h.get("/api/v3/auth-systems/ldap/424242/users").status == 404)
        #expect(try h.post("/api/v3/auth-systems/ldap/\(configID)/import", json: [["ldap_username": "ghost"]]).status == 404)
        #expect(try h.get("/api/v3/auth-systems", token: Demo.testerToken).status == 403)
    }

    @Test func siteTemplatesApplyAndRemove() throws {
        let h = try EmulatorHarness(.router)
        let templates = try h.get("/api/v3/site-templates")
        #expect(templates.status == 200)
        let ids = templates.array.compactMap { $0["template_id"] as? Int }
        #expect(ids.count >= 2)
        let second = ids[1]
        let applied = try h.post("/api/v3/site-templates/\(second)/projects", json: ["project_ids": [108782]])
        #expect(applied.status == 200)
        #expect(applied.array.first?["template_id"] as? Int == second)
        let removed = try h.delete("/api/v3/site-templates/\(second)/projects", json: [108782])
        #expect(removed.status == 200)
        #expect(removed.array.first?["template_id"] == nil)
        #expect(try h.post("/api/v3/site-templates/999/projects", json: ["project_ids": [108782]]).status == 404)
        #expect(try h.post("/api/v3/site-templates/\(second)/projects", json: ["project_ids": [108782]], token: Demo.testerToken).status == 403)
    }
}
