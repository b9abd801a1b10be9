import Foundation
import Logging
import LogRecorder
import Testing
import TestSupport

/// What the emulator logs at each level, seen through an in-memory handler: `info` is one
/// access line per request, `debug` adds routes, request sizes and job steps, `error` is
/// silent while nothing fails.
@Suite struct LogLevelTests {
    private static let projectPath = "/api/v3/projects/108781"

    /// A read and a queued upload waited for, with app and server logging at `level`.
    /// Returns the log and the upload's job id.
    private func run(at level: Logger.Level) throws -> (LogRecorder, Int) {
        let log = LogRecorder()
        let h = try EmulatorHarness(logger: log.logger(level: level))
        #expect(try h.get(Self.projectPath).status == 200)
        let submitted = try h.post(AutomationUploadTests.suiteUpload, json: ["test_logs": [AutomationUploadTests.log("logged", "PASSED")]])
        #expect(submitted.status == 201)
        let job = submitted.object["id"] as? Int ?? 0
        #expect(try AutomationUploadTests.waitForJob(h, job).object["state"] as? String == "SUCCESS")
        return (log, job)
    }

    /// `METHOD /path STATUS 1.2ms`, the line `scripts/fuzz-api.sh` reads.
    private func isAccessLine(_ message: String) -> Bool {
        message.range(of: #"^[A-Z]+ /\S* [1-5][0-9][0-9] [0-9]+\.[0-9]ms$"#, options: .regularExpression) != nil
    }

    @Test func infoIsTheAccessLogAlone() throws {
        let (log, _) = try run(at: .info)
        let messages = log.entries.map(\.message)
        #expect(log.entries.allSatisfy { $0.level == .info }, "\(messages)")
        #expect(messages.allSatisfy(isAccessLine), "\(messages)")
        #expect(messages.first?.hasPrefix("GET \(Self.projectPath) 200 ") == true, "\(messages)")
        #expect(messages.dropFirst().first?.hasPrefix("POST /api/v3.1/projects/108781/test-runs/0/auto-test-logs 201 ") == true, "\(messages)")
    }

    @Test func debugAddsRoutesRequestSizesAndJobSteps() throws {
        let (log, job) = try run(at: .debug)
        let info = log.entries(at: .info).map(\.message)
        let debug = log.entries(at: .debug).map(\.message)
        #expect(info.allSatisfy(isAccessLine) && info.count >= 3, "\(info)")
        #expect(debug.contains("GET \(Self.projectPath): route GET /api/v3/projects/{projectId}"), "\(debug)")
        #expect(debug.contains("POST /api/v3.1/projects/108781/test-runs/0/auto-test-logs: route POST /api/v3.1/projects/{projectId}/test-runs/{testRunId}/auto-test-logs"), "\(debug)")
        #expect(debug.contains { $0.hasPrefix("GET \(Self.projectPath): ") && $0.contains(" headers (") && $0.contains("body 0 bytes") }, "\(debug)")
        #expect(debug.contains("job \(job) (AUTOMATION_TEST_LOG): started, attempt 1, project 108781"), "\(debug)")
        #expect(debug.contains { $0.hasPrefix("job \(job) (AUTOMATION_TEST_LOG): SUCCESS in ") }, "\(debug)")
    }

    @Test func errorSuppressesTheAccessLog() throws {
        let (log, _) = try run(at: .error)
        #expect(log.entries.isEmpty, "\(log.entries.map(\.message))")
    }
}
