import Foundation
import HTTPServer
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `qtest-emulator health` (the container's HEALTHCHECK) and `--version`.
@Suite struct CLIHealthTests {
    @Test func healthReportsTheVersionOfARunningEmulatorAndExitsZero() throws {
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--seed", "none", "--log-level", "error"])
        let (code, out, stderr) = try EmulatorProcess.run(["health", "--url", "http://127.0.0.1:\(emulator.port)"])
        #expect(code == 0, "\(stderr)")
        let served = try HTTPTestClient(port: emulator.port).send("GET", "/__emulator/health").object
        let version = try #require(served["version"] as? String)
        #expect(out.hasPrefix("ok: qtest-emulator \(version) (qTest \(served["qtest_version"] as? String ?? "?")) at http://127.0.0.1:\(emulator.port), up "),
                "\(out)")
        #expect(out.contains("seed none, 0 pending jobs"), "\(out)")
        let (versionCode, printed, _) = try EmulatorProcess.run(["--version"])
        #expect(versionCode == 0)
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == version)
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
    }

    /// Without `--url`, the address `serve` would listen on from the same variables: what the
    /// image's HEALTHCHECK relies on (`QTEST_EMULATOR_HOST=0.0.0.0` is reached on loopback).
    @Test func healthFindsTheEmulatorFromTheServeVariables() throws {
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--seed", "none", "--log-level", "error"])
        let (code, out, stderr) = try EmulatorProcess.run(["health"], environment: [
            "QTEST_EMULATOR_HOST": "0.0.0.0", "QTEST_EMULATOR_PORT": String(emulator.port),
        ])
        #expect(code == 0, "\(stderr)")
        #expect(out.contains("at http://127.0.0.1:\(emulator.port),"), "\(out)")
        let (badCode, _, badStderr) = try EmulatorProcess.run(["health"], environment: ["QTEST_EMULATOR_PORT": "abc"])
        #expect(badCode == 2)
        #expect(badStderr.contains("QTEST_EMULATOR_PORT=abc"), "\(badStderr)")
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
    }

    @Test func healthFailsWithExitOneWhenNothingAnswers() throws {
        // A port that was free a moment ago: nothing listens there.
        let closed = try EmulatorProcess(["serve", "--port", "0", "--seed", "none", "--log-level", "error"])
        let port = closed.port
        closed.signal(SIGTERM)
        #expect(closed.waitForExit() == 0)
        let started = Date()
        let (code, out, stderr) = try EmulatorProcess.run(["health", "--url", "http://127.0.0.1:\(port)", "--timeout", "1"])
        #expect(code == 1)
        #expect(out.isEmpty)
        #expect(stderr.contains("http://127.0.0.1:\(port): cannot connect: connection refused"), "\(stderr)")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// A server that is not the emulator (here: an empty router, 404 to everything) is not healthy.
    @Test func healthFailsWhenSomethingElseAnswers() throws {
        try withServer(responder: Router()) { _, port in
            let (code, _, stderr) = try EmulatorProcess.run(["health", "--url", "http://127.0.0.1:\(port)"])
            #expect(code == 1)
            #expect(stderr.contains("answered 404"), "\(stderr)")
        }
    }

    @Test func healthTimesOutOnAServerThatNeverAnswers() throws {
        // A listening socket nobody accepts from: the connection is made, no answer comes.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 8)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let port = Int(UInt16(bigEndian: bound.sin_port))
        let started = Date()
        let (code, _, stderr) = try EmulatorProcess.run(["health", "--url", "http://127.0.0.1:\(port)", "--timeout", "0.5"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(code == 1)
        #expect(stderr.contains("no answer within 0.5 s"), "\(stderr)")
        #expect(elapsed < 4, "took \(elapsed) s")
    }

    @Test func aBadURLIsAUsageError() throws {
        let (code, _, stderr) = try EmulatorProcess.run(["health", "--url", "https://qtest.example"])
        #expect(code == 2)
        #expect(stderr.contains("--url must look like http://"), "\(stderr)")
    }
}
