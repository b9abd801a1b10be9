import Foundation
import HTTPServer

/// `GET /version`, unauthenticated: the product name and version of the qTest server. The
/// Jenkins plugin calls it before anything else and takes a qTest URL as valid only if `name`
/// is `test-conductor`; it gates features on `version` (three numeric parts, compared with
/// 8.9.4 part by part: below it, it sends an older setting shape and offers no containers).
enum VersionRoutes: RouteGroup {
    /// The qTest Manager release whose REST API the emulator follows.
    static let emulatedVersion = "2025.1.0"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.add("GET", "/version", access: .open) { _ in
            .json(200, ["name": "test-conductor", "version": .string(emulatedVersion)] as JSON)
        }
    }
}
