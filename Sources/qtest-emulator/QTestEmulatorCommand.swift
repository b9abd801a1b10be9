import ArgumentParser

/// `qtest-emulator`: the command-line entry point.
@main
struct QTestEmulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qtest-emulator",
        abstract: "A stateful emulator of the qTest Manager REST API, for tests, CI and demos.",
        subcommands: [ServeCommand.self, SeedCommand.self, ExportCommand.self, RoutesCommand.self, OpenAPICommand.self],
        defaultSubcommand: ServeCommand.self
    )

    /// ArgumentParser's own `main`, with termination signals blocked before anything else runs
    /// (see `TerminationSignals`): no thread exists yet, so every later one inherits the mask.
    static func main() {
        TerminationSignals.block()
        do {
            var command = try parseAsRoot()
            if !(command is ServeCommand) { TerminationSignals.unblock() }
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
