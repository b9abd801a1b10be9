import ArgumentParser
import Foundation
import QTestAPI

/// `qtest-emulator export --db FILE`: prints the state of a database file as a seed fixture,
/// the document `GET /__emulator/export` answers with.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the state of a database file as a seed fixture (JSON)."
    )

    @Option(help: "SQLite database file to export (must exist).")
    var db: String

    func run() throws {
        do {
            FileHandle.standardOutput.write(try EmulatorApp.exportDatabase(at: db))
        } catch {
            FileHandle.standardError.write(Data("qtest-emulator export: \(FailureText.describe(error, database: db, seed: nil))\n".utf8))
            throw ExitCode(1)
        }
    }
}
