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
        /// The first step logs (see ``RunHistory/load(_:projectId:runId:logs:stepsPerLog:)``).
        public var steps: [Step]
        /// How many step logs the log has in all.
        public var stepCount: Int
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

    /// Reads run `runId` of `projectId` with a page of its logs, and at most `stepsPerLog` step
    /// logs of each (``Log/stepCount`` says how many there are); 404 (`Test Run does not
    /// exist`) when there is no such run. The files of a whole page are read in a few
    /// statements, not one per step.
    public static func load(_ db: Database, projectId: Int64, runId: Int64, logs paging: Paging, stepsPerLog: Int = 200) throws -> RunHistory {
        let run = try TestRuns.get(db, projectId: projectId, runId)
        let properties = try TestRuns.properties(db, run)
        let casePid = try String.fetchOne(db, sql: "SELECT pid FROM test_cases WHERE id = ?", arguments: [run.testCaseId])
        let version = try TestCaseVersions.find(db, run.testCaseVersionId)?.versionText
        let page = try PagedQuery<TestLogRecord>(from: "test_logs", where: "test_run_id = ?", [runId], orderBy: "id DESC").fetch(db, paging)
        var testers: [Int64: String] = [:]
        for id in Set(page.items.compactMap(\.testerId)) { testers[id] = try ExecutionStatuses.username(db, id) }
        var steps: [Int64: [TestStepLogRecord]] = [:]
        var stepCounts: [Int64: Int] = [:]
        for log in page.items {
            steps[log.id] = try TestStepLogRecord.fetchAll(db, sql: "SELECT * FROM test_step_logs WHERE test_log_id = ? ORDER BY sort_order, id LIMIT ?",
                                                           arguments: [log.id, max(0, stepsPerLog)])
            stepCounts[log.id] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM test_step_logs WHERE test_log_id = ?", arguments: [log.id]) ?? 0
        }
        let logFiles = try files(db, .testLog, page.items.map(\.id))
        let stepFiles = try files(db, .testStepLog, steps.values.flatMap { $0.map(\.id) })
        let logs = page.items.map { log in
            Log(log: log, tester: log.testerId.flatMap { testers[$0] },
                steps: (steps[log.id] ?? []).map { Step(step: $0, attachments: stepFiles[$0.id] ?? []) },
                stepCount: stepCounts[log.id] ?? 0, attachments: logFiles[log.id] ?? [])
        }
        return RunHistory(run: run, properties: properties, testCasePid: casePid, testCaseVersion: version,
                          logs: PagedResult(items: logs, total: page.total, page: page.page, pageSize: page.pageSize))
    }

    /// The attachments of objects `ids` of one kind, by object, oldest first.
    private static func files(_ db: Database, _ kind: ObjectKind, _ ids: [Int64]) throws -> [Int64: [AttachmentRecord]] {
        var byObject: [Int64: [AttachmentRecord]] = [:]
        for chunk in TreeTable.chunks(ids) {
            // Ids read from the database: integers, safe to write into the SQL.
            for file in try AttachmentRecord.fetchAll(db, sql: """
                SELECT * FROM attachments WHERE object_type = ? AND object_id IN (\(chunk.map(String.init).joined(separator: ","))) ORDER BY id
                """, arguments: [kind.rawValue]) {
                byObject[file.objectId, default: []].append(file)
            }
        }
        return byObject
    }

    /// Attachment `id` of project `projectId` whatever it is attached to, or nil.
    public static func attachment(_ db: Database, projectId: Int64, _ id: Int64) throws -> AttachmentRecord? {
        try AttachmentRecord.fetchOne(db, sql: "SELECT * FROM attachments WHERE id = ? AND project_id = ?", arguments: [id, projectId])
    }
}
