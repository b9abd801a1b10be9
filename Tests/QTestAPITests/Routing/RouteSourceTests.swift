import Foundation
import Testing
@testable import QTestAPI

/// `qtest-emulator routes` says where each route is declared; the place must be right, or the
/// next engineer is sent to the wrong file.
@Suite struct RouteSourceTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/QTestAPI")

    @Test func everyRouteNamesTheLineThatDeclaresIt() throws {
        var files: [String: URL] = [:]
        let all = FileManager.default.enumerator(atPath: Self.sources.path)?.compactMap { $0 as? String } ?? []
        for path in all where path.hasSuffix(".swift") {
            files[URL(fileURLWithPath: path).lastPathComponent] = Self.sources.appendingPathComponent(path)
        }
        let routes = EmulatorApp.routeInfo()
        #expect(routes.count > 100)
        for route in routes {
            let parts = route.source.split(separator: ":")
            guard parts.count == 2, let line = Int(parts[1]), let url = files[String(parts[0])] else {
                Issue.record("\(route.method) \(route.pattern): bad source '\(route.source)'"); continue
            }
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            let text = line >= 1 && line <= lines.count ? String(lines[line - 1]) : ""
            // Route groups that register one handler for several methods pass the method as a value.
            #expect(text.contains("table.add(") || text.contains("table.project(") || text.contains("table.site("),
                    "\(route.method) \(route.pattern) → \(route.source): \(text)")
        }
    }
}
