import ArgumentParser

/// `qtest-emulator`: the command-line entry point.
@main
struct QTestEmulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qtest-emulator",
        abstract: "A stateful emulator of the qTest Manager REST API, for tests, CI and demos.",
        subcommands: [ServeCommand.self, SeedCommand.self, RoutesCommand.self, OpenAPICommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
