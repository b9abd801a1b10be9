import Foundation
import Testing
import TestSupport
@testable import QTestAPI

/// `openapi/qtest-emulator.json` is generated from the route table and the contract data; it
/// must not drift, must describe every operation of the scope and every route, and is served.
@Suite struct OpenAPIDocumentTests {
    static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi/qtest-emulator.json")

    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(EmulatorApp.openAPIText().utf8)) as? [String: Any])
    }

    static func shape(_ path: String) -> String { ContractOperation.shape(method: "", path: path) }

    @Test func committedDocumentMatchesTheRouteTable() throws {
        let text = try String(contentsOf: Self.committed, encoding: .utf8)
        #expect(text == EmulatorApp.openAPIText(),
                "regenerate with: swift run qtest-emulator openapi > openapi/qtest-emulator.json")
    }

    @Test func everyRouteIsDescribedWithItsPathParameters() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        let byShape = Dictionary(paths.map { (Self.shape($0.key), $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byShape.count == paths.count, "two paths of the document differ only in parameter names")
        for route in EmulatorApp.routeList() {
            let (path, item) = try #require(byShape[Self.shape(route.pattern)], "\(route.method) \(route.pattern)")
            let operation = try #require(item[route.method.lowercased()] as? [String: Any], "\(route.method) \(route.pattern)")
            let names = (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String }
            let expected = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            #expect(names == expected, "\(route.method) \(route.pattern)")
            #expect(operation["x-emulator-implemented"] == nil, "\(route.method) \(route.pattern) is routed")
        }
    }

    /// 190/190: the scope list's operations are all in the document, answered or marked as not yet.
    @Test func everyScopeOperationIsDescribedWithSchemas() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        let byShape = Dictionary(paths.map { (Self.shape($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        let scope = try RouteCoverageTests.loadOperations()
        var described = 0
        for op in scope {
            let operation = try #require(byShape[Self.shape(op.path)]?[op.method.lowercased()] as? [String: Any], "\(op.method) \(op.path)")
            let responses = try #require(operation["responses"] as? [String: Any])
            #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(op.method) \(op.path) declares no success answer")
            #expect(operation["x-emulator-undocumented"] == nil)
            described += 1
        }
        #expect(described == 190)
    }

    @Test func servedDocumentIsTheCommittedOne() throws {
        let harness = try EmulatorHarness(.router, seed: .none)
        let response = try harness.get("/openapi.json", token: .some(nil))
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(response.text == EmulatorApp.openAPIText())
    }
}

/// The contract data itself: it reads, it names only models it defines, and it covers the
/// scope list and every route.
@Suite struct ContractDataTests {
    @Test func dataReadsWithoutProblems() {
        #expect(ContractCatalog.shared.problems == [])
        #expect(ContractCatalog.shared.models.count > 160)
    }

    @Test func scopeDataIsTheScopeList() throws {
        let scope = try RouteCoverageTests.loadOperations().map { ContractOperation.shape(method: $0.method, path: $0.path) }
        let data = ContractCatalog.shared.operations.filter(\.isScope).map(\.shape)
        #expect(data == scope)
    }

    /// A route added without an entry in the contract data is served without schemas: add
    /// its line to `Sources/QTestAPI/Contract/Data/` (QTestOperationData for scope operations,
    /// EmulatorContractData for the emulator's own).
    @Test func everyRouteHasContractData() {
        for route in EmulatorApp.routeList() {
            #expect(ContractCatalog.shared.operation(method: route.method, pattern: route.pattern) != nil,
                    "\(route.method) \(route.pattern) has no contract data")
        }
    }

    @Test func typeLanguage() {
        #expect(ContractSlot("PropertyResource[]!") == ContractSlot(type: .array(.model("PropertyResource")), required: true))
        #expect(ContractSlot("map<string>") == ContractSlot(type: .map(.string), required: false))
        #expect(ContractSlot("date-time")?.type == .dateTime)
        #expect(ContractSlot("not a type") == nil)
        #expect(ContractSlot("[]") == nil)
    }
}
