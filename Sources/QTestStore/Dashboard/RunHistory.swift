import Foundation
import GRDB

/// One test run with what its dashboard page shows: its properties by field name, its test
/// case, and a page of its logs, newest first, each with its step logs and the files attached
/// to the log and to its steps.
///
/// ```swift
/// let history = try RunHistory.load(db, projectId: 108781, runId: 31000001, logs: Paging(page: 1, pageSize: 20))
/// history.logs.items.first?.log.statusId  // 601: the latest log
/// ```
public struct RunHistory: Sendable {
    /// One log with its steps and files.
    public struct Log: Sendable {
        public var log: TestLogRecord
        public var tester: String?
        public var steps: [Step]
        /// Files attached to the log itself.
        public var attachments: [AttachmentRecord]
    }

    /// One step log with its files.
    public struct Step: Sendable {
        public var step: TestStepLogRecord
        public var attachments: [AttachmentRecord]
    }

    public var run: TestRunRecord
    /// Every active test-run field with the run's value (Status from the run's own column).
    public var properties: [PropertyValue]
    public var testCasePid: String?
    /// The version text of the case version the run executes (`"1.0"`).
    public var testCaseVersion: String?
    public var logs: PagedResult<Log>

    /// Reads run `runId` of `projectId`; 404 (`Test Run does not exist`) when there is none.
    public static func load(_ db: Database, projectId: Int64, runId: Int64, logs paging: Paging) throws -> RunHistory {
        let run = try TestRuns.get(db, projectId: projectId, runId)
        let properties = try TestRuns.properties(db, run)
        let casePid = try String.fetchOne(db, sql: "SELECT pid FROM test_cases WHERE id = ?", arguments: [run.testCaseId])
        let version = try TestCaseVersions.find(db, run.testCaseVersionId)?.versionText
        let page = try PagedQuery<TestLogRecord>(from: "test_logs", where: "test_run_id = ?", [runId], orderBy: "id DESC").fetch(db, paging)
        var testers: [Int64: String] = [:]
        let logs = try page.items.map { log -> Log in
            var tester: String?
            if let id = log.testerId {
                if let known = testers[id] { tester = known } else {
                    tester = try ExecutionStatuses.username(db, id)
                    testers[id] = tester
                }
            }
            let steps = try TestLogs.stepLogs(db, logId: log.id).map { step in
                Step(step: step, attachments: try Attachments.list(db, of: .testStepLog, step.id))
            }
            return Log(log: log, tester: tester, steps: steps, attachments: try Attachments.list(db, of: .testLog, log.id))
        }
        return RunHistory(run: run, properties: properties, testCasePid: casePid, testCaseVersion: version,
                          logs: PagedResult(items: logs, total: page.total, page: page.page, pageSize: page.pageSize))
    }

    /// Attachment `id` of project `projectId` whatever it is attached to, or nil.
    public static func attachment(_ db: Database, projectId: Int64, _ id: Int64) throws -> AttachmentRecord? {
        try AttachmentRecord.fetchOne(db, sql: "SELECT * FROM attachments WHERE id = ? AND project_id = ?", arguments: [id, projectId])
    }
}
