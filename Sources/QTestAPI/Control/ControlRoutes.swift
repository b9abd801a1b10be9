import Foundation
import HTTPServer

/// Emulator-only routes under `/__emulator/`, which no qTest client calls: readiness probes now,
/// and later reset, fixtures, journal and fault injection.
enum ControlRoutes {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.add("GET", "/__emulator/health", access: .open) { _ in
            .json(200, ["status": "ok"] as JSON)
        }
    }
}
