import Foundation
import Testing
@testable import QTestAPI

/// Coverage is a number: the route table is compared with the 190 operations of the scope
/// list (copied from the reference into `Fixtures/operations.tsv`).
@Suite struct RouteCoverageTests {
    struct Operation: Hashable { let method: String; let path: String }

    /// Routes that are not in the scope list on purpose.
    static let extras: Set<Operation> = [
        Operation(method: "POST", path: "/oauth/revoke"),
        // What the Jenkins plugin calls besides the scope list (notes §13).
        Operation(method: "GET", path: "/version"),
        Operation(method: "GET", path: "/api/v3/projects/{projectId}/ci"),
        Operation(method: "POST", path: "/api/v3/projects/{projectId}/ci"),
        Operation(method: "GET", path: "/api/v3/projects/{projectId}/ci/{settingId}"),
        Operation(method: "PUT", path: "/api/v3/projects/{projectId}/ci/{settingId}"),
        Operation(method: "POST", path: "/api/v3/projects/{projectId}/test-runs/{testRunId}/auto-test-logs/ci/{configurationId}"),
        Operation(method: "GET", path: "/openapi.json"),
        // `DELETE …/{artifact}/mappings` with the lower-case kinds, which the literal mapping
        // paths would otherwise answer with 405.
        Operation(method: "DELETE", path: "/api/v3/projects/{projectId}/settings/integration/connections/{connectionId}/defect/mappings"),
        Operation(method: "DELETE", path: "/api/v3/projects/{projectId}/settings/integration/connections/{connectionId}/requirement/mappings"),
        Operation(method: "DELETE", path: "/api/v3/projects/{projectId}/settings/integration/connections/{connectionId}/release/mappings"),
    ]

    static func loadOperations() throws -> [Operation] {
        let url = try #require(Bundle.module.url(forResource: "operations", withExtension: "tsv", subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t")
            return Operation(method: String(parts[0]), path: String(parts[1]))
        }
    }

    /// Parameter names differ between spellings of the same path; compare shapes.
    static func shape(_ path: String) -> String {
        path.split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }.joined(separator: "/")
    }

    @Test func scopeListHas190Operations() throws {
        #expect(try Self.loadOperations().count == 190)
    }

    @Test func everyRouteIsAScopedOperationOrADeclaredExtra() throws {
        let scoped = Set(try Self.loadOperations().map { Operation(method: $0.method, path: Self.shape($0.path)) })
        let extras = Set(Self.extras.map { Operation(method: $0.method, path: Self.shape($0.path)) })
        let routes = EmulatorApp.routeList().filter { !$0.pattern.hasPrefix("/__emulator") }
        for route in routes {
            let op = Operation(method: route.method, path: Self.shape(route.pattern))
            #expect(scoped.contains(op) || extras.contains(op), "route \(route.method) \(route.pattern) is not in the scope list")
        }
    }

    @Test func coverageOfTheScopeList() throws {
        let operations = try Self.loadOperations()
        let routes = Set(EmulatorApp.routeList().map { Operation(method: $0.method, path: Self.shape($0.pattern)) })
        let missing = operations.filter { !routes.contains(Operation(method: $0.method, path: Self.shape($0.path))) }
        let covered = operations.count - missing.count
        print("route coverage: \(covered)/\(operations.count) operations")
        // Raise this floor as route groups land; it only ever goes up.
        #expect(covered >= 190)
    }

    /// Every answered operation of the scope list is dispatched to its own route, not to a
    /// more general one that happens to match (literal segments win over parameters).
    @Test func everyScopedOperationReachesItsOwnRoute() throws {
        let app = try EmulatorApp(options: EmulatorOptions(seed: .none))
        let routes = Set(EmulatorApp.routeList().map { Operation(method: $0.method, path: Self.shape($0.pattern)) })
        var checked = 0
        for op in try Self.loadOperations() where routes.contains(Operation(method: op.method, path: Self.shape(op.path))) {
            // Parameters get a value no literal segment has, so only a parameter can match it.
            let path = op.path.split(separator: "/").map { $0.hasPrefix("{") ? "7" : String($0) }.joined(separator: "/")
            let reached = app.router.pattern(for: op.method, path: "/" + path)
            #expect(reached.map(Self.shape) == Self.shape(op.path), "\(op.method) \(op.path) reached \(reached ?? "no route")")
            checked += 1
        }
        #expect(checked >= 156, "\(checked)")
    }

    @Test func noDuplicateRoutes() {
        let routes = EmulatorApp.routeList().map { "\($0.method) \(Self.shape($0.pattern))" }
        #expect(Set(routes).count == routes.count)
    }
}
