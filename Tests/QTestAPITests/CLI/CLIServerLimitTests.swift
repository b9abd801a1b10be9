import Foundation
import Testing
import TestSupport

/// The HTTP server limits added for hardening (`--body-timeout`, `--max-output-bytes`) reach the
/// server from the command line and from their `QTEST_EMULATOR_*` variables.
@Suite struct CLIServerLimitTests {
    @Test func bodyTimeoutFromTheEnvironmentAnswers408() throws {
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--seed", "none", "--log-level", "error",
                                            "--max-output-bytes", "1048576"],
                                           environment: ["QTEST_EMULATOR_BODY_TIMEOUT": "1"])
        let client = HTTPTestClient(port: emulator.port)
        let started = Date()
        // Announces 10 body bytes and sends none.
        let r = try client.send("POST", "/oauth/token", headers: [("Content-Length", "10")])
        let elapsed = Date().timeIntervalSince(started)
        #expect(r.status == 408)
        #expect(r.header("Connection") == "close")
        #expect(elapsed >= 0.9 && elapsed < 5, "answered after \(elapsed)s")
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
    }

    @Test func nonPositiveLimitsAreRejected() throws {
        for flag in ["--body-timeout", "--max-output-bytes"] {
            let (code, _, stderr) = try EmulatorProcess.run(["serve", flag, "0"])
            #expect(code != 0, "\(flag) 0 was accepted")
            #expect(stderr.contains("positive"), "\(stderr)")
        }
    }
}
