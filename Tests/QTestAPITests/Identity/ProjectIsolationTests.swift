import Foundation
import Testing
@testable import QTestAPI
import TestSupport

/// A user's token never reaches data of a project they are not assigned to: every route whose
/// path names a project, whatever its family, answers 403 to such a caller before looking at
/// the request, and 404 for a project that does not exist.
@Suite struct ProjectIsolationTests {
    /// The route pattern with `{projectId}` set and every other parameter given a plausible value.
    static func concrete(_ pattern: String, projectID: Int64) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            switch segment {
            case "{projectId}": return String(projectID)
            case "{objectType}": return "test-cases"
            case "{linkType}": return "test-cases"
            case let s where s.hasPrefix("{"): return "1"
            default: return String(segment)
            }
        }.joined(separator: "/")
    }

    /// The qTest routes under a project. The dashboard's pages (`/__emulator/ui/projects/…`)
    /// are the control plane's, open to its token holders rather than to project members.
    static var projectRoutes: [(method: String, pattern: String)] {
        EmulatorApp.routeList().filter { $0.pattern.contains("{projectId}") && !$0.pattern.hasPrefix("/__emulator/") }
    }

    @Test func foreignProjectIsForbiddenOnEveryRoute() throws {
        let h = try EmulatorHarness(.router)
        #expect(!Self.projectRoutes.isEmpty)
        for route in Self.projectRoutes {
            let path = Self.concrete(route.pattern, projectID: Demo.secondProjectID)
            let r = try h.send(route.method, path, json: [String: Any](), token: Demo.testerToken)
            #expect(r.status == 403, "\(route.method) \(path) → \(r)")
            #expect(r.object["message"] != nil)
        }
    }

    @Test func unknownProjectIsNotFoundOnEveryRoute() throws {
        let h = try EmulatorHarness(.router)
        for route in Self.projectRoutes {
            let path = Self.concrete(route.pattern, projectID: 99_999_999)
            let r = try h.send(route.method, path, json: [String: Any](), token: Demo.testerToken)
            #expect(r.status == 404, "\(route.method) \(path) → \(r)")
        }
    }

    @Test func listsAndSearchesOnlyShowAssignedProjects() throws {
        let h = try EmulatorHarness(.router)
        let projects = try h.get("/api/v3/projects?assigned=false", token: Demo.testerToken)
        #expect(!projects.array.contains { $0["id"] as? Int == Int(Demo.secondProjectID) })
        let uuid = try #require(try h.get("/api/v3/projects/\(Demo.secondProjectID)").object["uuid"] as? String)
        let search = try h.post("/api/v3/projects/search", json: ["uuid": [uuid]], token: Demo.testerToken)
        #expect(search.array.isEmpty)
    }
}
