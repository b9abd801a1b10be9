import Foundation
import Testing
@testable import QTestAPI

/// `openapi/qtest-emulator.json` is the route table described as OpenAPI 3; it must not drift.
@Suite struct OpenAPIDocumentTests {
    static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi/qtest-emulator.json")

    @Test func committedDocumentMatchesTheRouteTable() throws {
        let text = try String(contentsOf: Self.committed, encoding: .utf8)
        #expect(text == EmulatorApp.openAPIText(),
                "regenerate with: swift run qtest-emulator openapi > openapi/qtest-emulator.json")
    }

    @Test func everyRouteIsDescribedWithItsPathParameters() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(EmulatorApp.openAPIText().utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for route in EmulatorApp.routeList() {
            let operation = try #require(paths[route.pattern]?[route.method.lowercased()] as? [String: Any], "\(route.method) \(route.pattern)")
            let names = (operation["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            let expected = route.pattern.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            #expect(names == expected)
        }
        #expect(OpenAPIDocument.operationID(method: "GET", pattern: "/api/v3/projects/{projectId}") == "get_api_v3_projects_projectId")
    }
}
