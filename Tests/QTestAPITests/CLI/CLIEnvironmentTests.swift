import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `QTEST_EMULATOR_*` variables are read as the `serve` flags they stand for: a bad value is
/// refused exactly as the same value typed as a flag, never replaced by the default.
@Suite struct CLIEnvironmentTests {
    /// A value each `serve` option refuses, by flag. A new option fails
    /// `everyServeOptionHasItsVariable` until it gets one here.
    static let badValues: [String: String] = [
        "--port": "abc", "--log-level": "loud", "--job-delay": "soon", "--busy-timeout": "0",
        "--response-cache": "maybe", "--max-body-bytes": "-1", "--max-attachment-bytes": "0",
        "--max-header-bytes": "1k", "--header-timeout": "0", "--body-timeout": "x", "--max-output-bytes": "0",
        "--idle-timeout": "-3", "--max-connections": "lots", "--journal-size": "-1", "--control": "maybe",
        "--control-token": "two words", "--webhook-timeout": "0", "--webhook-attempts": "0", "--webhook-retry-delay": "later",
        "--webhook-hosts": "a b",
        // Refused when the server starts rather than when the flags are parsed:
        "--host": "not an address", "--db": "/nonexistent-qtest-dir/state.sqlite", "--seed": "/nonexistent-qtest-fixture.json",
    ]

    /// `--max-body-bytes` → `QTEST_EMULATOR_MAX_BODY_BYTES`.
    static func variable(for flag: String) -> String {
        "QTEST_EMULATOR_" + flag.dropFirst(2).uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The error line of a refusal (ArgumentParser's `Error: …`, or the emulator's `cannot start`).
    static func errorLine(_ stderr: String) -> String {
        stderr.split(separator: "\n").first { $0.hasPrefix("Error:") || $0.contains("cannot") }.map(String.init) ?? stderr
    }

    @Test func aBadPortIsRefusedLikeTheFlagAndNamesTheVariable() throws {
        let (code, out, stderr) = try EmulatorProcess.run(["serve"], environment: ["QTEST_EMULATOR_PORT": "abc"])
        #expect(code == 64, "\(stderr)")
        #expect(!out.contains("listening"), "it must not start on the default port: \(out)")
        #expect(stderr.contains("Note: --port came from the environment: QTEST_EMULATOR_PORT=abc."), "\(stderr)")
        let (flagCode, _, flagStderr) = try EmulatorProcess.run(["serve", "--port", "abc"])
        #expect(flagCode == code)
        #expect(Self.errorLine(flagStderr) == Self.errorLine(stderr), "same refusal as the flag: \(flagStderr) / \(stderr)")
    }

    @Test func aRangeErrorFromTheEnvironmentNamesTheVariable() throws {
        let (code, _, stderr) = try EmulatorProcess.run(["serve"], environment: ["QTEST_EMULATOR_PORT": "70000"])
        #expect(code == 64)
        #expect(stderr.contains("--port must be between 0 and 65535"), "\(stderr)")
        #expect(stderr.contains("QTEST_EMULATOR_PORT=70000"), "\(stderr)")
    }

    /// Every option `serve --help` lists is read from its variable, and each refuses a bad value
    /// from there as it does from the command line.
    @Test func everyServeOptionHasItsVariable() throws {
        let (helpCode, help, _) = try EmulatorProcess.run(["serve", "--help"])
        #expect(helpCode == 0)
        let flags = Set(help.matches(of: /--[a-z][a-z-]+/).map { String($0.output) }).subtracting(["--help", "--version"])
        #expect(flags.count >= 20, "\(flags.sorted())")
        for flag in flags.sorted() where flag != "--deterministic" {
            let variable = Self.variable(for: flag)
            #expect(help.contains(variable), "the help of \(flag) names \(variable)")
            guard let bad = Self.badValues[flag] else {
                Issue.record("new option \(flag): add a value it refuses to CLIEnvironmentTests.badValues")
                continue
            }
            // A free port, so that only the variable under test can make the start fail.
            var environment = [variable: bad]
            if flag != "--port" { environment["QTEST_EMULATOR_PORT"] = "0" }
            // No seed keeps each start short; the `--seed` variable is tested without the flag.
            let noSeed = flag == "--seed" ? [] : ["--seed", "none"]
            let (code, out, stderr) = try EmulatorProcess.run(["serve"] + noSeed, environment: environment)
            #expect(code != 0, "\(variable)=\(bad) was accepted: \(out)")
            #expect(!out.contains("listening"), "\(variable)=\(bad) started the server")
            let (flagCode, _, flagStderr) = try EmulatorProcess.run(["serve", "\(flag)=\(bad)"] + noSeed,
                                                                    environment: flag == "--port" ? [:] : ["QTEST_EMULATOR_PORT": "0"])
            #expect(flagCode == code, "\(variable)=\(bad): exit \(code), \(flag)=\(bad): exit \(flagCode)")
            #expect(Self.errorLine(flagStderr) == Self.errorLine(stderr), "\(variable)=\(bad): \(stderr) / \(flag): \(flagStderr)")
            if flag == "--control-token" { #expect(!stderr.contains(bad), "a token is not repeated: \(stderr)") }
            // A refusal while parsing names the variable; one at start (host, db, seed) names the value.
            #expect(stderr.contains("Note: \(flag) came from the environment: \(variable)") || stderr.contains(bad),
                    "\(variable)=\(bad): \(stderr)")
        }
    }

    @Test func theFlagWinsOverTheVariable() throws {
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--seed", "none", "--log-level", "error"],
                                           environment: ["QTEST_EMULATOR_PORT": "abc", "QTEST_EMULATOR_SEED": "/nonexistent.json"])
        #expect(emulator.port > 0)
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
    }

    @Test func anEmptyVariableCountsAsUnset() throws {
        let emulator = try EmulatorProcess(["serve", "--log-level", "error"],
                                           environment: ["QTEST_EMULATOR_PORT": "0", "QTEST_EMULATOR_DB": "", "QTEST_EMULATOR_SEED": "none"])
        let health = try HTTPTestClient(port: emulator.port).send("GET", "/__emulator/health").object
        #expect(health["store"] as? String == "memory" && health["seed"] as? String == "none")
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
    }

    @Test func deterministicTakesABooleanAndRefusesAnythingElse() throws {
        let on = try EmulatorProcess(["serve", "--port", "0", "--seed", "none"], environment: ["QTEST_EMULATOR_DETERMINISTIC": "true"])
        #expect(try HTTPTestClient(port: on.port).send("GET", "/__emulator/health").object["deterministic"] as? Bool == true)
        on.signal(SIGTERM)
        #expect(on.waitForExit() == 0)
        let off = try EmulatorProcess(["serve", "--port", "0", "--seed", "none"], environment: ["QTEST_EMULATOR_DETERMINISTIC": "0"])
        #expect(try HTTPTestClient(port: off.port).send("GET", "/__emulator/health").object["deterministic"] as? Bool == false)
        off.signal(SIGTERM)
        #expect(off.waitForExit() == 0)
        let (code, _, stderr) = try EmulatorProcess.run(["serve"], environment: ["QTEST_EMULATOR_DETERMINISTIC": "maybe"])
        #expect(code == 64)
        #expect(stderr.contains("QTEST_EMULATOR_DETERMINISTIC=maybe: must be 1 or 0"), "\(stderr)")
    }

    /// Kubernetes sets `QTEST_EMULATOR_PORT=tcp://…` in every pod beside a Service named
    /// qtest-emulator: refused like any bad port, with what to do about it.
    @Test func aServiceLinkAddressInThePortVariableIsExplained() throws {
        let (code, _, stderr) = try EmulatorProcess.run(["serve"], environment: ["QTEST_EMULATOR_PORT": "tcp://10.96.0.12:8080"])
        #expect(code == 64)
        #expect(stderr.contains("Kubernetes") && stderr.contains("enableServiceLinks"), "\(stderr)")
    }

    @Test func aMisspelledVariableIsReportedAndLinkVariablesAreNot() throws {
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--seed", "none"], environment: [
            "QTEST_EMULATOR_JOB_DELAI": "2s", "QTEST_EMULATOR_SERVICE_HOST": "10.96.0.12", "QTEST_EMULATOR_PORT_8080_TCP_ADDR": "10.96.0.12",
        ])
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
        let lines = emulator.standardErrorLines()
        #expect(lines.contains("qtest-emulator: ignoring QTEST_EMULATOR_JOB_DELAI (did you mean QTEST_EMULATOR_JOB_DELAY?): not a setting of serve"), "\(lines)")
        #expect(!lines.contains { $0.contains("SERVICE_HOST") || $0.contains("PORT_8080") }, "\(lines)")
    }

    @Test func otherCommandsIgnoreTheServeVariables() throws {
        let (code, out, stderr) = try EmulatorProcess.run(["routes"], environment: ["QTEST_EMULATOR_PORT": "abc"])
        #expect(code == 0, "\(stderr)")
        #expect(out.contains("/oauth/token"))
        let (helpCode, help, _) = try EmulatorProcess.run(["--help"], environment: ["QTEST_EMULATOR_PORT": "abc"])
        #expect(helpCode == 0)
        #expect(help.contains("health"))
    }
}
