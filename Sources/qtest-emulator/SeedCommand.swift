import ArgumentParser
import Foundation
import QTestAPI

/// `qtest-emulator seed --db FILE fixture.json`: loads a fixture into a database file, all or
/// nothing.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load a seed fixture (JSON) into a database file."
    )

    @Option(help: "SQLite database file to load into (created if missing).")
    var db: String

    @Argument(help: "Fixture file, or 'demo' for the built-in demo seed.")
    var fixture: String

    func run() throws {
        do {
            let summary = try EmulatorApp.seedDatabase(at: db, from: SeedSource(argument: fixture))
            print("seeded \(db): \(summary)")
        } catch {
            FileHandle.standardError.write(Data("qtest-emulator seed: \(FailureText.describe(error, database: db, seed: fixture))\n".utf8))
            throw ExitCode(1)
        }
    }
}
