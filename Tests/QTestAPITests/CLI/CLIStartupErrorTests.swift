import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What `serve` says when it cannot start as asked: `--seed FILE` on a database that holds data,
/// a bad fixture, a database file it cannot use. Each names the file and exits 2 without listening.
@Suite struct CLIStartupErrorTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("qtest-start-\(UUID().uuidString)-\(name)").path
    }

    static func remove(_ paths: String...) {
        for path in paths { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    }

    static let fixture = #"{"version":1,"users":[{"id":77,"username":"fixture@example.com","password":"x"}],"projects":[{"id":4242,"name":"From the fixture"}]}"#

    @Test func aSeedFileIsRefusedOnADatabaseThatHoldsDataAndNothingChanges() throws {
        let db = Self.temporaryPath("used.sqlite"), fixture = Self.temporaryPath("fixture.json")
        defer { Self.remove(db, fixture) }
        try Data(Self.fixture.utf8).write(to: URL(fileURLWithPath: fixture))
        #expect(try EmulatorProcess.run(["seed", "--db", db, "demo"]).0 == 0)

        let (code, out, stderr) = try EmulatorProcess.run(["serve", "--port", "0", "--db", db, "--seed", fixture])
        #expect(code == 2)
        #expect(!out.contains("listening"))
        #expect(stderr.contains("--seed \(fixture) not loaded: --db \(db) already holds data (4 users, 2 projects)"), "\(stderr)")
        #expect(stderr.contains("Start without --seed to keep that state"), "\(stderr)")

        // The database is as it was: the demo projects, not the fixture's.
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--log-level", "error"])
        let projects = try HTTPTestClient(port: emulator.port).send("GET", "/api/v3/projects", headers: [("Authorization", "Bearer \(Demo.adminToken)")])
        #expect(projects.array.compactMap { $0["id"] as? Int }.contains(108781))
        #expect(!projects.array.contains { $0["id"] as? Int == 4242 })
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
    }

    @Test func aSeedFileIsLoadedIntoANewDatabaseAndARestartWithoutItKeepsTheState() throws {
        let db = Self.temporaryPath("new.sqlite"), fixture = Self.temporaryPath("fixture.json")
        defer { Self.remove(db, fixture) }
        try Data(Self.fixture.utf8).write(to: URL(fileURLWithPath: fixture))
        let first = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--seed", fixture, "--log-level", "error"])
        #expect(try HTTPTestClient(port: first.port).send("GET", "/__emulator/health").object["seed"] as? String == fixture)
        first.signal(SIGTERM)
        #expect(first.waitForExit() == 0)
        // Again with the same --seed: refused (the file holds data now) ...
        #expect(try EmulatorProcess.run(["serve", "--port", "0", "--db", db, "--seed", fixture]).0 == 2)
        // ... and without it the state is there. The demo seed (the default) is never loaded over it.
        let second = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--log-level", "error"])
        #expect(second.port > 0)
        second.signal(SIGTERM)
        #expect(second.waitForExit() == 0)
        let (code, exported, _) = try EmulatorProcess.run(["export", "--db", db])
        #expect(code == 0)
        #expect(exported.contains("From the fixture") && !exported.contains("api-test@qasymphony.com"))
    }

    /// A bad fixture is reported with the file and the JSON path at fault, not with the HTTP
    /// status the same error has as an API answer.
    @Test func aBadFixtureNamesTheFileAndThePathWithoutAStatus() throws {
        let bad = Self.temporaryPath("bad.json")
        defer { Self.remove(bad) }
        try Data(#"{"version":1,"projects":[{"id":5,"name":"A"},{"id":5,"name":"B"}]}"#.utf8).write(to: URL(fileURLWithPath: bad))
        let (code, _, stderr) = try EmulatorProcess.run(["serve", "--port", "0", "--seed", bad])
        #expect(code == 2)
        #expect(stderr.contains("qtest-emulator: cannot start: fixture \(bad): $.projects[1].id: duplicate project id 5"), "\(stderr)")
        #expect(!stderr.contains("400"), "\(stderr)")
        let db = Self.temporaryPath("seeded.sqlite")
        defer { Self.remove(db) }
        let (seedCode, _, seedStderr) = try EmulatorProcess.run(["seed", "--db", db, bad])
        #expect(seedCode == 1)
        #expect(seedStderr.hasPrefix("qtest-emulator seed: fixture \(bad): $.projects[1].id"), "\(seedStderr)")
    }

    @Test func aFileThatIsNoDatabaseIsNamed() throws {
        let db = Self.temporaryPath("garbage.sqlite")
        defer { Self.remove(db) }
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: db))
        let (code, _, stderr) = try EmulatorProcess.run(["serve", "--port", "0", "--db", db])
        #expect(code == 2)
        #expect(stderr.contains("cannot start: database \(db): SQLite error 26: file is not a database"), "\(stderr)")
        let (exportCode, _, exportStderr) = try EmulatorProcess.run(["export", "--db", db])
        #expect(exportCode == 1)
        #expect(exportStderr.contains("database \(db): SQLite error 26"), "\(exportStderr)")
    }

    @Test func aMissingDirectoryOrADirectoryAsTheFileIsNamed() throws {
        let missing = "/nonexistent-qtest-\(UUID().uuidString)/state.sqlite"
        let (code, _, stderr) = try EmulatorProcess.run(["serve", "--port", "0", "--db", missing])
        #expect(code == 2)
        #expect(stderr.contains("cannot create --db \(missing): the directory \((missing as NSString).deletingLastPathComponent) does not exist"), "\(stderr)")
        let directory = FileManager.default.temporaryDirectory.path
        let (dirCode, _, dirStderr) = try EmulatorProcess.run(["serve", "--port", "0", "--db", directory])
        #expect(dirCode == 2)
        #expect(dirStderr.contains("--db \(directory) is a directory"), "\(dirStderr)")
    }

    /// The case a root-owned bind mount makes in a container: the directory is not writable for
    /// the emulator's user. The message names the directory, the uid and the owner. As root
    /// (CI) the emulator runs as `nobody` through setpriv, since root may write anywhere.
    @Test func anUnwritableDirectoryNamesTheUserAndTheOwner() throws {
        let directory = Self.temporaryPath("readonly")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        chmod(directory, 0o555)
        let db = directory + "/state.sqlite"
        let arguments = ["serve", "--port", "0", "--seed", "none", "--db", db]
        let (code, stderr): (Int32, String)
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", try EmulatorProcess.binaryURL.path] + arguments
            let err = Pipe()
            p.standardError = err
            p.standardOutput = Pipe()
            try p.run()
            let data = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            (code, stderr) = (p.terminationStatus, String(decoding: data, as: UTF8.self))
        } else {
            let result = try EmulatorProcess.run(arguments)
            (code, stderr) = (result.0, result.2)
        }
        let uid = getuid() == 0 ? 65534 : getuid()
        #expect(code == 2, "\(stderr)")
        #expect(stderr.contains("cannot create --db \(db): directory \(directory): not writable by uid \(uid) (owner uid \(getuid()), mode 0555)"), "\(stderr)")
        #expect(stderr.contains("chown \(uid) \(directory)"), "\(stderr)")
    }
}
