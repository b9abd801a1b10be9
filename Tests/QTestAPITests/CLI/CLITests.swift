import Foundation
import Testing
#if canImport(Glibc)
import Glibc
import TestSupport
#endif

/// The `qtest-emulator` command line, run as a real process.
@Suite struct CLITests {
    static func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("qtest-cli-\(UUID().uuidString)-\(name)").path
    }

    @Test func serveAnswersHealthAndDemoDataThenExitsZeroOnSIGTERM() throws {
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--log-level", "error"])
        let client = HTTPTestClient(port: emulator.port)
        let health = try client.send("GET", "/__emulator/health").object
        #expect(health["status"] as? String == "ok" && health["store"] as? String == "memory" && health["seed"] as? String == "demo")
        let project = try client.send("GET", "/api/v3/projects/108781", headers: [("Authorization", "Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8")])
        #expect(project.status == 200)
        client.close()
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
    }

    @Test func sigintAlsoExitsZero() throws {
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--seed", "none"])
        emulator.signal(SIGINT)
        #expect(emulator.waitForExit() == 0)
    }

    @Test func environmentVariablesConfigureServe() throws {
        let emulator = try EmulatorProcess(["serve"], environment: ["QTEST_EMULATOR_PORT": "0", "QTEST_EMULATOR_SEED": "none"])
        let client = HTTPTestClient(port: emulator.port)
        #expect(try client.send("GET", "/__emulator/health").status == 200)
        // With no seed there is no demo token.
        let r = try client.send("GET", "/api/v3/projects", headers: [("Authorization", "Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8")])
        #expect(r.status == 401)
    }

    @Test func fileDatabaseKeepsStateAcrossRestarts() throws {
        let db = Self.tempPath("state.sqlite")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        let first = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--log-level", "error"])
        let client = HTTPTestClient(port: first.port)
        let created = try client.send("POST", "/api/v3/projects", headers: [
            ("Authorization", "Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"), ("Content-Type", "application/json"),
        ], body: Data(#"{"name":"Survives restarts"}"#.utf8))
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? Int)
        client.close()
        first.signal(SIGTERM)
        #expect(first.waitForExit() == 0)

        let second = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--log-level", "error"])
        let again = HTTPTestClient(port: second.port)
        let fetched = try again.send("GET", "/api/v3/projects/\(id)", headers: [("Authorization", "Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8")])
        #expect(fetched.object["name"] as? String == "Survives restarts")
        second.signal(SIGTERM)
        #expect(second.waitForExit() == 0)
    }

    @Test func seedCommandLoadsAFixtureAllOrNothing() throws {
        let db = Self.tempPath("seeded.sqlite")
        let bad = Self.tempPath("bad.json")
        defer { for path in [db, db + "-wal", db + "-shm", bad] { try? FileManager.default.removeItem(atPath: path) } }
        // The second project repeats the first one's id: the whole fixture must be refused.
        try Data(#"{"version":1,"projects":[{"id":5,"name":"A"},{"id":5,"name":"B"}]}"#.utf8).write(to: URL(fileURLWithPath: bad))
        let (code, _, stderr) = try EmulatorProcess.run(["seed", "--db", db, bad])
        #expect(code != 0)
        #expect(stderr.contains("$.projects[1]"), "error names the JSON path: \(stderr)")

        let (okCode, out, _) = try EmulatorProcess.run(["seed", "--db", db, "demo"])
        #expect(okCode == 0, "\(out)")
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--db", db, "--seed", "none", "--log-level", "error"])
        let client = HTTPTestClient(port: emulator.port)
        let projects = try client.send("GET", "/api/v3/projects", headers: [("Authorization", "Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8")])
        #expect(projects.array.map { $0["id"] as? Int } .contains(108781))
        #expect(!projects.array.contains { $0["name"] as? String == "A" }, "nothing of the bad fixture was loaded")
    }

    @Test func routesCommandPrintsTheTable() throws {
        let (code, out, _) = try EmulatorProcess.run(["routes"])
        #expect(code == 0)
        #expect(out.contains("POST    /oauth/token"))
        #expect(out.contains("GET     /api/v3/projects/{projectId}"))
    }

    @Test func portInUseFailsClearly() throws {
        let first = try EmulatorProcess(["serve", "--port", "0", "--seed", "none"])
        let (code, _, stderr) = try EmulatorProcess.run(["serve", "--port", String(first.port), "--seed", "none"])
        #expect(code != 0)
        #expect(stderr.contains("cannot listen"))
    }

    @Test func badFlagsAreRejected() throws {
        let (code, _, _) = try EmulatorProcess.run(["serve", "--port", "70000"])
        #expect(code != 0)
        let (delayCode, _, _) = try EmulatorProcess.run(["serve", "--job-delay", "soon"])
        #expect(delayCode != 0)
    }
}
