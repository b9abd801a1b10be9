import ArgumentParser
import Foundation
import QTestAPI

/// `qtest-emulator health`: asks a running emulator whether it is up, and which version it is.
/// The container's HEALTHCHECK runs it, so the image needs no curl:
///
///     $ qtest-emulator health
///     ok: qtest-emulator 0.5.0 (qTest 2025.1) at http://127.0.0.1:8080, up 12 s, seed demo, 0 pending jobs
///
/// Exit status 0 when `GET /__emulator/health` answers 200 with `"status": "ok"`, 1 when it
/// does not (refused, timed out, another answer), 2 for a bad URL or variable: what a
/// HEALTHCHECK and a shell loop (`until qtest-emulator health; do sleep 1; done`) need.
struct HealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check that an emulator answers its health route (exit 0) and print its version."
    )

    @Option(help: """
        The emulator's base URL. Default: http://HOST:PORT from QTEST_EMULATOR_HOST (127.0.0.1; a wildcard, \
        0.0.0.0 or ::, means loopback) and QTEST_EMULATOR_PORT (8080), as serve reads them.
        """)
    var url: String?

    @Option(help: "Seconds to wait for the connection and the answer.")
    var timeout: Double = 2

    func validate() throws {
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds") }
    }

    func run() throws {
        let target: HealthProbe.Target
        do {
            target = try url.map(HealthProbe.Target.init(url:)) ?? HealthProbe.Target(environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("qtest-emulator health: \(error)\n".utf8))
            throw ExitCode(2)
        }
        do {
            let health = try HealthProbe(target: target, timeout: timeout).check()
            print("ok: \(health.summary(at: target))")
        } catch {
            FileHandle.standardError.write(Data("qtest-emulator health: \(target.display): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
