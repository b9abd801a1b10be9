import Foundation
import HTTPServer

/// `GET /openapi.json`: the OpenAPI document of this emulator, the same text as
/// `openapi/qtest-emulator.json`, without a token (tools fetch it before they have one).
enum OpenAPIRoutes: RouteGroup {
    /// The document's bytes, made once.
    static let openAPIBody = Data(EmulatorApp.openAPIDocumentText.utf8)

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.add("GET", "/openapi.json", access: .open) { _ in
            .json(200, openAPIBody)
        }
    }
}
