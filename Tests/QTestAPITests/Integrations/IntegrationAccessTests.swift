import Foundation
import Testing
@testable import QTestAPI
import TestSupport

/// Who may see and change a project's Jira settings: members read them, project admins (and
/// site admins) change them and start retrievals; a connection of another project is not this
/// project's.
@Suite struct IntegrationAccessTests {
    static var base: String { Integration.base() }

    /// Every IntegrationSettingsApi write, and the retrieve trigger, against the demo connection.
    static var writes: [(String, String, Any?)] { [
        ("POST", base, Integration.body()),
        ("PUT", "\(base)/5001?active=false", nil),
        ("PUT", "\(base)/5001/defect?storeUnlinkedDefects=true", nil),
        ("PUT", "\(base)/5001/requirement?active=false", nil),
        ("PUT", "\(base)/5001/release?active=false", nil),
        ("POST", "\(base)/5001/defect/mappings?\(Integration.key(type: "1"))", nil),
        ("PUT", "\(base)/5001/defect/mappings?\(Integration.key(type: "10004"))", ["sendAttachmentToJira": "false"]),
        ("POST", "\(base)/5001/requirement/mappings?\(Integration.key(type: "1"))", nil),
        ("PUT", "\(base)/5001/requirement/mappings?\(Integration.key(type: "10001"))", ["external_filter": "1"]),
        ("POST", "\(base)/5001/release/mappings?\(Integration.key(type: "Sprint"))", nil),
        ("PUT", "\(base)/5001/release/mappings?\(Integration.key(type: "fixVersions"))", ["data_retrieval_options": ["released"]]),
        ("DELETE", "\(base)/5001/Defect/mappings?\(Integration.key(type: "10004"))", nil),
        ("DELETE", "\(base)/5001/release/mappings?\(Integration.key(type: "fixVersions"))", nil),
        ("POST", "\(base)/5001/refreshFieldSettings?artifact=Defects", nil),
        ("GET", "\(base)/5001/retrieve?artifact=Defects", nil),
        ("POST", "/api/v3/projects/108781/settings/jira-integration/defect/retrieve", ["JIRA-1"]),
        ("DELETE", "\(base)/5001", nil),
    ] }

    @Test func membersReadProjectAdminsWrite() throws {
        let h = try EmulatorHarness(.router)
        let export = { try h.get("/__emulator/export", token: .some(nil)).body }
        let before = try export()
        for (method, path, body) in Self.writes {
            let r = try h.send(method, path, json: body, token: Demo.testerToken)
            #expect(r.status == 403, "\(method) \(path): \(r)")
            #expect((r.object["message"] as? String ?? "").contains("project.admin"), "\(method) \(path): \(r)")
        }
        #expect(try export() == before, "the tester changed nothing")
        // The tester reads them, and may start an OAuth sign-in (project 0).
        for path in [Self.base, "\(Self.base)/5001/defect/mappings", "\(Self.base)/5001/requirement/mappings", "\(Self.base)/5001/release/mappings",
                     "/api/v3/projects/0/settings/integration/connections/oauthAuthorizeURL?serverUrl=https://j.example.com"] {
            #expect(try h.get(path, token: Demo.testerToken).status == 200, "\(path)")
        }
        // A project admin who is not a site admin may write.
        let admin = try h.post("/api/v3/users", json: ["username": "padmin@example.com", "first_name": "P", "last_name": "Admin", "password": "p4ssw0rd!"])
        let adminID = try #require(admin.object["id"] as? Int, "\(admin)")
        #expect(try h.post("/api/v3/users/\(adminID)/projects", json: ["project_id": 108781, "profile": ["id": 700003]]).status == 200)
        let token = try h.login("padmin@example.com", "p4ssw0rd!")
        for (method, path, body) in Self.writes {
            let r = try h.send(method, path, json: body, token: token)
            #expect(r.status < 300 || r.status == 400 || r.status == 404, "\(method) \(path): \(r)")
            #expect(r.status != 403, "\(method) \(path): \(r)")
        }
    }

    @Test func theRouteTableAsksProjectAdminForEveryIntegrationWrite() {
        for route in EmulatorApp.routeList() where route.pattern.contains("/settings/integration/") || route.pattern.contains("/jira-integration/") {
            let permission = ProjectPermission.required(method: route.method, pattern: route.pattern)
            if route.method == "GET", !route.pattern.hasSuffix("/retrieve") {
                #expect(permission == nil, "\(route.method) \(route.pattern) is a read")
            } else if route.pattern.contains("{projectIdOrZero}") {
                #expect(permission == nil, "the authorize URL names no project")
            } else {
                #expect(permission == .flag("project.admin"), "\(route.method) \(route.pattern)")
            }
        }
    }

    @Test func connectionsBelongToTheirProject() throws {
        let h = try EmulatorHarness(.router)
        let other = try Integration.connection(h, "Second project's Jira", project: Demo.secondProjectID)
        #expect(try Integration.listed(h, other) == nil, "not in 108781's list")
        #expect(try Integration.listed(h, other, project: Demo.secondProjectID) != nil)
        #expect(try Integration.listed(h, 5001, project: Demo.secondProjectID) == nil)
        for (method, path) in [("PUT", "?active=true"), ("DELETE", ""), ("GET", "/defect/mappings"), ("POST", "/defect/mappings?\(Integration.key(type: "1"))"),
                               ("PUT", "/requirement?active=true"), ("GET", "/retrieve?artifact=Defects"),
                               ("POST", "/refreshFieldSettings?artifact=Defects")] {
            let r = try h.send(method, Integration.path(other, path), json: nil)
            #expect(r.status == 404, "\(method) \(path): \(r)")
            let demo = try h.send(method, Integration.path(5001, path, project: Demo.secondProjectID), json: nil)
            #expect(demo.status == 404, "5001 from 108782: \(method) \(path): \(demo)")
        }
        #expect(try Integration.listed(h, other, project: Demo.secondProjectID)?["active"] as? Bool == false, "untouched")
        // A project the caller is not assigned to: 403 before anything else; an unknown one 404.
        #expect(try h.get(Integration.base(Demo.secondProjectID), token: Demo.testerToken).status == 403)
        #expect(try h.get(Integration.base(999)).status == 404)
    }
}
