import ArgumentParser
import Foundation
import QTestAPI

/// `qtest-emulator`: the command-line entry point.
@main
struct QTestEmulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qtest-emulator",
        abstract: "A stateful emulator of the qTest Manager REST API, for tests, CI and demos.",
        version: EmulatorVersion.emulator,
        subcommands: [ServeCommand.self, HealthCommand.self, SeedCommand.self, ExportCommand.self, RoutesCommand.self,
                      OpenAPICommand.self],
        defaultSubcommand: ServeCommand.self
    )

    /// ArgumentParser's own `main`, with termination signals blocked before anything else runs
    /// (see `TerminationSignals`): no thread exists yet, so every later one inherits the mask.
    /// `serve` also reads its `QTEST_EMULATOR_*` variables here, as flags (``EnvironmentArguments``).
    static func main() {
        TerminationSignals.block()
        var environment: EnvironmentArguments?
        do {
            let settings = try EnvironmentArguments(Array(CommandLine.arguments.dropFirst()),
                                                    environment: ProcessInfo.processInfo.environment)
            environment = settings
            var command = try parseAsRoot(settings.arguments)
            if let serve = command as? ServeCommand {
                if serve.logLevel != .error { warnAboutUnknownVariables(settings.unknown) }
            } else {
                TerminationSignals.unblock()
            }
            try command.run()
        } catch {
            exit(withError: error, notes: environment?.notes(for:) ?? { _ in [] })
        }
    }

    /// A variable with the prefix that no setting reads is most often a typo: say so rather than
    /// start with the default in silence.
    static func warnAboutUnknownVariables(_ unknown: [String]) {
        for name in unknown {
            FileHandle.standardError.write(Data("qtest-emulator: ignoring \(name): not a setting of serve\n".utf8))
        }
    }

    /// `exit(withError:)`, with the notes that say which variable supplied a refused flag under
    /// the error's first line.
    static func exit(withError error: Error, notes: (String) -> [String]) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        // Help and the version go to stdout with status 0, as ArgumentParser prints them.
        guard code != .success, !message.isEmpty else { exit(withError: error) }
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(contentsOf: notes(message), at: min(1, lines.count))
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        Foundation.exit(code.rawValue)
    }
}
