import ArgumentParser
import QTestAPI

/// `qtest-emulator routes`: prints the route table, one `METHOD PATH  File.swift:LINE` per line
/// (where the route is declared, so an endpoint's code is one hop away).
struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Print every emulated route (method, path pattern, and where it is declared)."
    )

    func run() throws {
        let routes = EmulatorApp.routeInfo()
        let width = routes.map(\.pattern.count).max() ?? 0
        for route in routes {
            print("\(route.method.padding(toLength: 7, withPad: " ", startingAt: 0)) \(route.pattern.padding(toLength: width, withPad: " ", startingAt: 0))  \(route.source)")
        }
    }
}
