import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `--log-level` as a person sees it: the lines `serve` writes to stderr.
@Suite struct CLILogLevelTests {
    /// Serves one authorised GET at `level`, stops with SIGTERM; returns the stderr lines.
    private func stderrLines(at level: String) throws -> [String] {
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--log-level", level])
        let client = HTTPTestClient(port: emulator.port)
        let project = try client.send("GET", "/api/v3/projects/108781", headers: [("Authorization", "Bearer 9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8")])
        #expect(project.status == 200)
        client.close()
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
        return emulator.standardErrorLines()
    }

    private func isAccessLine(_ line: String) -> Bool {
        line.range(of: #"^GET /api/v3/projects/108781 200 [0-9]+\.[0-9]ms$"#, options: .regularExpression) != nil
    }

    @Test func infoPrintsTheAccessLineAndTheShutdown() throws {
        let lines = try stderrLines(at: "info")
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first.map(isAccessLine) == true, "\(lines)")
        #expect(lines.last == "qtest-emulator: shutting down (SIGTERM)")
    }

    @Test func debugAddsSettingsRouteAndRequestDetail() throws {
        let lines = try stderrLines(at: "debug")
        #expect(lines.first?.hasPrefix("qtest-emulator: database temporary, seed demo, ") == true, "\(lines)")
        #expect(lines.contains(where: isAccessLine), "\(lines)")
        #expect(lines.contains("GET /api/v3/projects/108781: route GET /api/v3/projects/{projectId}"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("GET /api/v3/projects/108781: ") && $0.contains(" headers (") }, "\(lines)")
        // The heads, one line each, the credential masked (CI logs are often public).
        let request = try #require(lines.first { $0.hasPrefix("GET /api/v3/projects/108781: > GET /api/v3/projects/108781 HTTP/1.1 | ") }, "\(lines)")
        #expect(request.contains(" | Authorization: Bearer ***"), "\(request)")
        #expect(!lines.contains { $0.contains("9bbf04fd") }, "the token is never logged")
        let response = try #require(lines.first { $0.hasPrefix("GET /api/v3/projects/108781: < HTTP/1.1 200 OK | ") }, "\(lines)")
        #expect(response.contains(" | Content-Type: application/json") && response.contains(" | Content-Length: "), "\(response)")
        #expect(lines.last == "qtest-emulator: shutting down (SIGTERM)")
    }

    @Test func errorPrintsNothingWhenNothingFails() throws {
        #expect(try stderrLines(at: "error").isEmpty)
    }
}
