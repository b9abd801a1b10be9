import Foundation
import Testing
@testable import QTestAPI
import TestSupport

/// Project profiles limit what a member may write: a read-only member gets 403 from every write
/// route under a project, before its body is looked at; the check comes from the route table,
/// so a route added later is covered without touching this test.
@Suite struct ProfilePermissionTests {
    static let viewer = ("viewer@example.com", "viewer123")

    /// Every write route under a project, with its path parameters filled in (SearchApi's
    /// POST queries read, and need no flag).
    static func projectWriteRoutes() -> [(method: String, path: String)] {
        EmulatorApp.routeList().filter {
            $0.method != "GET" && $0.pattern.contains("/projects/{projectId}") && ProjectPermission.required(method: $0.method, pattern: $0.pattern) != nil
        }.map { route in
            var path = route.pattern.replacingOccurrences(of: "{projectId}", with: "108781")
                .replacingOccurrences(of: "{objectType}", with: "test-cases")
                .replacingOccurrences(of: "{linkType}", with: "requirements")
            while let open = path.firstIndex(of: "{"), let close = path[open...].firstIndex(of: "}") {
                path.replaceSubrange(open...close, with: "1")
            }
            return (route.method, path + (path.contains("auto-test-logs") ? "?type=automation" : ""))
        }
    }

    @Test func aReadOnlyMemberGets403FromEveryWriteRoute() throws {
        let h = try EmulatorHarness(.router)
        let token = try h.login(Self.viewer.0, Self.viewer.1)
        let routes = Self.projectWriteRoutes()
        #expect(routes.count > 50)
        let runsBefore = try h.get("/api/v3/projects/108781/test-runs?pageSize=999").object["total"] as? Int
        for route in routes {
            let r = try h.send(route.method, route.path, json: ["name": "viewer was here", "test_logs": [["name": "x"]]], token: token)
            #expect(r.status == 403, "\(route.method) \(route.path): \(r.status) \(r.text)")
            #expect(r.object["message"] is String, "\(route.method) \(route.path)")
        }
        // Nothing was written, and reads still work for the viewer.
        #expect(try h.get("/api/v3/projects/108781/test-runs?pageSize=999").object["total"] as? Int == runsBefore)
        #expect(try h.get("/api/v3/projects/108781/test-runs", token: token).status == 200)
    }

    /// The demo "Tester" profile has everything but a few flags: those are refused, the rest allowed.
    @Test func theTesterProfileIsRefusedOnlyWhatItLacks() throws {
        let h = try EmulatorHarness(.router)
        h.token = Demo.testerToken
        let release = try h.post("/api/v3/projects/108781/releases", json: ["name": "by tester"])
        #expect(release.status == 201, "\(release)")
        let id = try #require(release.object["id"] as? Int)
        let delete = try h.delete("/api/v3/projects/108781/releases/\(id)")
        #expect(delete.status == 403, "release.delete is off for Tester: \(delete)")
        #expect((delete.object["message"] as? String ?? "").contains("release.delete"))
        #expect(try h.get("/api/v3/projects/108781/releases/\(id)").status == 200)
        // The site admin may do it.
        #expect(try h.delete("/api/v3/projects/108781/releases/\(id)", token: Demo.adminToken).status == 200)
    }

    @Test func permissionsAreDerivedFromTheRoute() {
        let expected: [(String, String, String?)] = [
            ("POST", "/api/v3/projects/{projectId}/releases", "release.create"),
            ("DELETE", "/api/v3/projects/{projectId}/test-cycles/{testCycleId}", "test_cycle.delete"),
            ("PUT", "/api/v3/projects/{projectId}/test-cases/{testCaseId}/approve", "test_case.approve"),
            ("POST", "/api/v3/projects/{projectId}/test-cases/{testCaseId}/test-steps", "test_case.edit"),
            ("POST", "/api/v3/projects/{projectId}/defects", "defect.submit"),
            ("POST", "/api/v3/projects/{projectId}/test-runs/{testRunId}/test-logs", "test_run.execute"),
            ("POST", "/api/v3.1/projects/{projectId}/test-runs/{testRunId}/auto-test-logs", "test_run.execute"),
            ("POST", "/api/v3/projects/{projectId}/requirements/{idOrKey}/comments", "requirement.edit"),
            ("PUT", "/api/v3/projects/{projectId}", "project.admin"),
            ("GET", "/api/v3/projects/{projectId}/releases", nil),
            ("POST", "/api/v3/projects", nil),
            ("POST", "/api/v3/projects/{projectId}/search", nil),
            ("POST", "/api/v3/projects/{projectId}/comments", nil),
            ("POST", "/api/v3/projects/{projectId}/histories", nil),
            ("POST", "/api/v3/projects/{projectId}/settings/integration/connections", "project.admin"),
            ("GET", "/api/v3/projects/{projectId}/settings/integration/connections/{connectionId}/defect/mappings", nil),
            // A GET that queues a Jira retrieval.
            ("GET", "/api/v3/projects/{projectId}/settings/integration/connections/{connectionId}/retrieve", "project.admin"),
        ]
        for (method, pattern, flag) in expected {
            let permission = ProjectPermission.required(method: method, pattern: pattern)
            if case let .flag(found)? = permission { #expect(found == flag, "\(method) \(pattern)") }
            else { #expect(flag == nil && permission == nil, "\(method) \(pattern)") }
        }
        #expect(ProjectPermission.required(method: "POST", pattern: "/api/v3/projects/{projectId}/{objectType}/{objectId}/link")
                == .objectType(action: "edit"))
    }
}
