import ArgumentParser
import QTestAPI

/// `qtest-emulator openapi`: prints the OpenAPI 3 description of the route table.
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Print an OpenAPI 3 description (JSON) of every route the emulator serves."
    )

    func run() throws {
        print(EmulatorApp.openAPIText(), terminator: "")
    }
}
