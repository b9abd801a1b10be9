import Foundation
import Testing
import TestSupport

/// `qtest-emulator export --db FILE`: the fixture of a database file, which `seed` loads back
/// to the same document; the binary's export equals what the running emulator's route answers.
@Suite struct CLIExportTests {
    static func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cli-export-\(UUID().uuidString)-\(name)").path
    }

    @Test func exportCommandRoundTripsThroughSeed() throws {
        let first = Self.tempPath("a.sqlite"), second = Self.tempPath("b.sqlite"), fixture = Self.tempPath("a.json")
        defer {
            for path in [first, second].flatMap({ [$0, $0 + "-wal", $0 + "-shm"] }) + [fixture] { try? FileManager.default.removeItem(atPath: path) }
        }
        #expect(try EmulatorProcess.run(["seed", "--db", first, "demo"]).0 == 0)
        let (code, exported, stderr) = try EmulatorProcess.run(["export", "--db", first])
        #expect(code == 0, "\(stderr)")
        #expect(exported.contains("\"projects\""))
        try Data(exported.utf8).write(to: URL(fileURLWithPath: fixture))
        #expect(try EmulatorProcess.run(["seed", "--db", second, fixture]).0 == 0)
        let (againCode, again, _) = try EmulatorProcess.run(["export", "--db", second])
        #expect(againCode == 0 && again == exported, "the export of the loaded export is the same document")

        // The running emulator answers the same document.
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--db", second, "--seed", "none", "--log-level", "error"])
        let served = try HTTPTestClient(port: emulator.port).send("GET", "/__emulator/export")
        #expect(served.status == 200 && served.text == exported)
    }

    @Test func exportOfAMissingFileFailsWithoutCreatingIt() throws {
        let missing = Self.tempPath("missing.sqlite")
        let (code, out, stderr) = try EmulatorProcess.run(["export", "--db", missing])
        #expect(code != 0 && out.isEmpty)
        #expect(stderr.contains("no database file"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
