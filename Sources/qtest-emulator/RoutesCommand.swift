import ArgumentParser
import QTestAPI

/// `qtest-emulator routes`: prints the route table, one `METHOD PATH` per line.
struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Print every emulated route (method and path pattern)."
    )

    func run() throws {
        for route in EmulatorApp.routeList() {
            print("\(route.method.padding(toLength: 7, withPad: " ", startingAt: 0)) \(route.pattern)")
        }
    }
}
