import Foundation
import GRDB

/// A test log: one execution of a run (`TestLogResource` on the wire).
public struct TestLogRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var testRunId: Int64
    public var testCaseVersionId: Int64?
    public var statusId: Int64
    public var name: String?
    public var note: String?
    public var exeStartDate: Date
    public var exeEndDate: Date
    public var buildNumber: String?
    public var buildUrl: String?
    public var plannedExeTime: Int64?
    public var actualExeTime: Int64?
    /// 1 for a run's first log, 2 for its second …
    public var resultNumber: Int64?
    /// Set on automation logs (the tool's test identifier, or "" when it sent none).
    public var automationContent: String?
    public var testerId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date

    /// Whether an automation tool submitted this log.
    public var isAutomation: Bool { automationContent != nil }

    /// Decodes a row by column name, without `Codable` (logs are read with every run).
    public init(row: Row) throws {
        id = row["id"]; projectId = row["project_id"]; testRunId = row["test_run_id"]; testCaseVersionId = row["test_case_version_id"]
        statusId = row["status_id"]; name = row["name"]; note = row["note"]; exeStartDate = row["exe_start_date"]; exeEndDate = row["exe_end_date"]
        buildNumber = row["build_number"]; buildUrl = row["build_url"]; plannedExeTime = row["planned_exe_time"]
        actualExeTime = row["actual_exe_time"]; resultNumber = row["result_number"]; automationContent = row["automation_content"]
        testerId = row["tester_id"]; createdDate = row["created_date"]; lastModifiedDate = row["last_modified_date"]
    }

    /// Encodes columns directly (no `Codable` key conversion).
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id; container["project_id"] = projectId; container["test_run_id"] = testRunId
        container["test_case_version_id"] = testCaseVersionId; container["status_id"] = statusId; container["name"] = name
        container["note"] = note; container["exe_start_date"] = exeStartDate; container["exe_end_date"] = exeEndDate
        container["build_number"] = buildNumber; container["build_url"] = buildUrl; container["planned_exe_time"] = plannedExeTime
        container["actual_exe_time"] = actualExeTime; container["result_number"] = resultNumber
        container["automation_content"] = automationContent; container["tester_id"] = testerId
        container["created_date"] = createdDate; container["last_modified_date"] = lastModifiedDate
    }

    /// Memberwise initializer.
    public init(id: Int64, projectId: Int64, testRunId: Int64, testCaseVersionId: Int64?, statusId: Int64, name: String?, note: String?,
                exeStartDate: Date, exeEndDate: Date, buildNumber: String?, buildUrl: String?, plannedExeTime: Int64?, actualExeTime: Int64?,
                resultNumber: Int64?, automationContent: String?, testerId: Int64?, createdDate: Date, lastModifiedDate: Date) {
        self.id = id; self.projectId = projectId; self.testRunId = testRunId; self.testCaseVersionId = testCaseVersionId; self.statusId = statusId
        self.name = name; self.note = note; self.exeStartDate = exeStartDate; self.exeEndDate = exeEndDate; self.buildNumber = buildNumber
        self.buildUrl = buildUrl; self.plannedExeTime = plannedExeTime; self.actualExeTime = actualExeTime; self.resultNumber = resultNumber
        self.automationContent = automationContent; self.testerId = testerId; self.createdDate = createdDate; self.lastModifiedDate = lastModifiedDate
    }
}

/// One step of a test log (`TestStepLogResource`).
public struct TestStepLogRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var testLogId: Int64
    public var testStepId: Int64?
    public var statusId: Int64
    public var description: String?
    public var expectedResult: String?
    public var actualResult: String?
    public var sortOrder: Int
    public var stepGroup: Int?
    public var exeDate: Date?
    public var userId: Int64?
    public var calledTestCaseId: Int64?
    public var parentTestStepId: Int64?

    /// Decodes a row by column name, without `Codable`.
    public init(row: Row) throws {
        id = row["id"]; testLogId = row["test_log_id"]; testStepId = row["test_step_id"]; statusId = row["status_id"]
        description = row["description"]; expectedResult = row["expected_result"]; actualResult = row["actual_result"]
        sortOrder = row["sort_order"]; stepGroup = row["step_group"]; exeDate = row["exe_date"]; userId = row["user_id"]
        calledTestCaseId = row["called_test_case_id"]; parentTestStepId = row["parent_test_step_id"]
    }

    /// Encodes columns directly (no `Codable` key conversion).
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id; container["test_log_id"] = testLogId; container["test_step_id"] = testStepId; container["status_id"] = statusId
        container["description"] = description; container["expected_result"] = expectedResult; container["actual_result"] = actualResult
        container["sort_order"] = sortOrder; container["step_group"] = stepGroup; container["exe_date"] = exeDate; container["user_id"] = userId
        container["called_test_case_id"] = calledTestCaseId; container["parent_test_step_id"] = parentTestStepId
    }

    /// Memberwise initializer.
    public init(id: Int64, testLogId: Int64, testStepId: Int64?, statusId: Int64, description: String?, expectedResult: String?,
                actualResult: String?, sortOrder: Int, stepGroup: Int?, exeDate: Date?, userId: Int64?, calledTestCaseId: Int64?,
                parentTestStepId: Int64?) {
        self.id = id; self.testLogId = testLogId; self.testStepId = testStepId; self.statusId = statusId; self.description = description
        self.expectedResult = expectedResult; self.actualResult = actualResult; self.sortOrder = sortOrder; self.stepGroup = stepGroup
        self.exeDate = exeDate; self.userId = userId; self.calledTestCaseId = calledTestCaseId; self.parentTestStepId = parentTestStepId
    }
}

/// A step log in a submission. Manual logs name the step (`testStepId`); automation logs
/// describe it (`description`, `expectedResult`) and are matched to the case's steps by order.
public struct StepLogDraft: Sendable, Equatable {
    public var testStepId: Int64?
    public var statusId: Int64
    public var description: String?
    public var expectedResult: String?
    public var actualResult: String?
    public var order: Int?
    public var exeDate: Date?
    /// Creates a draft.
    public init(testStepId: Int64? = nil, statusId: Int64, description: String? = nil, expectedResult: String? = nil,
                actualResult: String? = nil, order: Int? = nil, exeDate: Date? = nil) {
        self.testStepId = testStepId; self.statusId = statusId; self.description = description
        self.expectedResult = expectedResult; self.actualResult = actualResult; self.order = order; self.exeDate = exeDate
    }
}

/// A log submission (manual or automation), already decoded and with resolved statuses.
public struct TestLogDraft: Sendable, Equatable {
    /// An explicit id (seed fixtures); nil allocates one.
    public var id: Int64?
    public var statusId: Int64
    public var exeStartDate: Date
    public var exeEndDate: Date
    public var name: String?
    public var note: String?
    public var testCaseVersionId: Int64?
    public var buildNumber: String?
    public var buildUrl: String?
    public var plannedExeTime: Int64?
    public var actualExeTime: Int64?
    /// Non-nil marks an automation log.
    public var automationContent: String?
    /// Properties of the run to set along with the log.
    public var runProperties: [PropertyInput]
    public var stepLogs: [StepLogDraft]
    /// Creates a draft.
    public init(id: Int64? = nil, statusId: Int64, exeStartDate: Date, exeEndDate: Date, name: String? = nil, note: String? = nil,
                testCaseVersionId: Int64? = nil, buildNumber: String? = nil, buildUrl: String? = nil, plannedExeTime: Int64? = nil,
                actualExeTime: Int64? = nil, automationContent: String? = nil, runProperties: [PropertyInput] = [],
                stepLogs: [StepLogDraft] = []) {
        self.id = id
        self.statusId = statusId; self.exeStartDate = exeStartDate; self.exeEndDate = exeEndDate; self.name = name; self.note = note
        self.testCaseVersionId = testCaseVersionId; self.buildNumber = buildNumber; self.buildUrl = buildUrl
        self.plannedExeTime = plannedExeTime; self.actualExeTime = actualExeTime; self.automationContent = automationContent
        self.runProperties = runProperties; self.stepLogs = stepLogs
    }
}

/// Store operations on test logs.
///
/// ``submit(_:projectId:runId:_:by:at:)`` is the one way a log is created — manual, single
/// automation, or a batch job — so status propagation lives in one place:
///
/// ```swift
/// try store.write { db in
///     let log = try TestLogs.submit(db, projectId: p, runId: r, TestLogDraft(statusId: 601, exeStartDate: t0, exeEndDate: t1),
///                                   by: userId, at: now)
///     try TestRuns.get(db, projectId: p, r).statusId // 601
/// }
/// ```
public enum TestLogs {
    /// Creates a log (and its step logs) for a run in the caller's transaction; the log becomes
    /// the run's latest and sets the run's status.
    @discardableResult
    public static func submit(_ db: Database, projectId: Int64, runId: Int64, _ draft: TestLogDraft, by userId: Int64?,
                              at now: Date) throws -> TestLogRecord {
        var run = try TestRuns.get(db, projectId: projectId, runId)
        guard draft.exeEndDate >= draft.exeStartDate else {
            throw StoreError.badRequest("exe_end_date must not be before exe_start_date")
        }
        let status = try ExecutionStatuses.resolve(db, projectId: projectId, id: draft.statusId)
        let versionId = try draft.testCaseVersionId.map {
            try ExecutionCases.version(db, projectId: projectId, caseId: run.testCaseId, versionId: $0).versionId
        } ?? run.testCaseVersionId
        let previous = try db.cachedValue(Int64.self, sql: "SELECT COUNT(*) FROM test_logs WHERE test_run_id = ?", arguments: [runId]) ?? 0
        let log = TestLogRecord(
            id: try IDs.use(db, .testLog, draft.id), projectId: projectId, testRunId: runId, testCaseVersionId: versionId, statusId: status.id,
            name: draft.name, note: draft.note, exeStartDate: draft.exeStartDate, exeEndDate: draft.exeEndDate,
            buildNumber: draft.buildNumber, buildUrl: draft.buildUrl, plannedExeTime: draft.plannedExeTime,
            actualExeTime: draft.actualExeTime, resultNumber: previous + 1, automationContent: draft.automationContent,
            testerId: userId, createdDate: now, lastModifiedDate: now)
        try log.insertRow(db)
        try insertStepLogs(db, projectId: projectId, log: log, versionId: versionId, draft.stepLogs, by: userId)
        // Uploads ignore unknown field ids; a manual log through the API is refused for one.
        let runProperties = log.isAutomation ? try ObjectProperties.known(db, projectId: projectId, .testRun, draft.runProperties) : draft.runProperties
        let (runStatus, properties) = try TestRuns.splitStatus(db, projectId: projectId, runProperties)
        try ObjectProperties.write(db, projectId: projectId, .testRun, runId, properties)
        run.statusId = runStatus ?? status.id
        run.lastModifiedDate = now
        // Only these two columns change; a whole-row record update costs several times more.
        try db.cachedExecute(sql: "UPDATE test_runs SET status_id = ?, last_modified_date = ? WHERE id = ?",
                             arguments: [run.statusId, now, run.id])
        return log
    }

    /// The log `id` of run `runId`; throws `notFound("Test Log does not exist")`.
    public static func get(_ db: Database, projectId: Int64, runId: Int64, _ id: Int64) throws -> TestLogRecord {
        guard let log = try TestLogRecord.fetchOne(db, sql: "SELECT * FROM test_logs WHERE id = ? AND test_run_id = ? AND project_id = ?",
                                                   arguments: [id, runId, projectId]) else {
            throw StoreError.notFound("Test Log does not exist")
        }
        return log
    }

    /// A run's logs, oldest first, paged.
    public static func list(_ db: Database, projectId: Int64, runId: Int64, paging: Paging) throws -> PagedResult<TestLogRecord> {
        _ = try TestRuns.get(db, projectId: projectId, runId)
        return try PagedQuery<TestLogRecord>(from: "test_logs", where: "test_run_id = ?", [runId], orderBy: "id").fetch(db, paging)
    }

    /// The run's latest log (the one that set its status), or nil.
    public static func latest(_ db: Database, runId: Int64) throws -> TestLogRecord? {
        try TestLogRecord.fetchOne(try db.cachedStatement(sql: "SELECT * FROM test_logs WHERE test_run_id = ? ORDER BY id DESC LIMIT 1"), arguments: [runId])
    }

    /// The run's most recently executed log (latest `exe_end_date`, then the newest), or nil:
    /// what requirement reports show as a run's latest result.
    public static func latestExecuted(_ db: Database, runId: Int64) throws -> TestLogRecord? {
        try TestLogRecord.fetchOne(db, sql: "SELECT * FROM test_logs WHERE test_run_id = ? ORDER BY exe_end_date DESC, id DESC LIMIT 1",
                                   arguments: [runId])
    }

    /// The step logs of a log, in step order.
    public static func stepLogs(_ db: Database, logId: Int64) throws -> [TestStepLogRecord] {
        try TestStepLogRecord.fetchAll(try db.cachedStatement(sql: "SELECT * FROM test_step_logs WHERE test_log_id = ? ORDER BY sort_order, id"),
                                       arguments: [logId])
    }

    /// Changes to a submitted log; nil members stay unchanged.
    public struct Patch: Sendable, Equatable {
        public var statusId: Int64?
        public var exeStartDate: Date?
        public var exeEndDate: Date?
        public var name: String?
        public var note: String?
        public var buildNumber: String?
        public var buildUrl: String?
        public var plannedExeTime: Int64?
        public var actualExeTime: Int64?
        /// Step-log changes, by step-log id (or by test step id for manual logs).
        public var steps: [StepPatch]
        /// Creates a patch.
        public init(statusId: Int64? = nil, exeStartDate: Date? = nil, exeEndDate: Date? = nil, name: String? = nil, note: String? = nil,
                    buildNumber: String? = nil, buildUrl: String? = nil, plannedExeTime: Int64? = nil, actualExeTime: Int64? = nil,
                    steps: [StepPatch] = []) {
            self.statusId = statusId; self.exeStartDate = exeStartDate; self.exeEndDate = exeEndDate; self.name = name; self.note = note
            self.buildNumber = buildNumber; self.buildUrl = buildUrl; self.plannedExeTime = plannedExeTime
            self.actualExeTime = actualExeTime; self.steps = steps
        }
    }

    /// A change to one step log. Description and expected result may be sent but not changed.
    public struct StepPatch: Sendable, Equatable {
        public var stepLogId: Int64?
        public var testStepId: Int64?
        public var statusId: Int64?
        public var actualResult: String?
        public var description: String?
        public var expectedResult: String?
        public var exeDate: Date?
        /// Creates a patch.
        public init(stepLogId: Int64? = nil, testStepId: Int64? = nil, statusId: Int64? = nil, actualResult: String? = nil,
                    description: String? = nil, expectedResult: String? = nil, exeDate: Date? = nil) {
            self.stepLogId = stepLogId; self.testStepId = testStepId; self.statusId = statusId; self.actualResult = actualResult
            self.description = description; self.expectedResult = expectedResult; self.exeDate = exeDate
        }
    }

    /// Modifies a log. When it is the run's latest log, the run's status follows its new status.
    @discardableResult
    public static func modify(_ db: Database, projectId: Int64, runId: Int64, _ id: Int64, _ patch: Patch, at now: Date) throws -> TestLogRecord {
        var log = try get(db, projectId: projectId, runId: runId, id)
        if let v = patch.statusId { log.statusId = try ExecutionStatuses.resolve(db, projectId: projectId, id: v).id }
        if let v = patch.exeStartDate { log.exeStartDate = v }
        if let v = patch.exeEndDate { log.exeEndDate = v }
        guard log.exeEndDate >= log.exeStartDate else { throw StoreError.badRequest("exe_end_date must not be before exe_start_date") }
        if let v = patch.name { log.name = v }
        if let v = patch.note { log.note = v }
        if let v = patch.buildNumber { log.buildNumber = v }
        if let v = patch.buildUrl { log.buildUrl = v }
        if let v = patch.plannedExeTime { log.plannedExeTime = v }
        if let v = patch.actualExeTime { log.actualExeTime = v }
        try log.update(db, modifiedAt: now)
        let existing = try stepLogs(db, logId: id)
        for (index, change) in patch.steps.enumerated() {
            guard var step = existing.first(where: { s in
                change.stepLogId.map { $0 == s.id } ?? (change.testStepId.map { $0 == s.testStepId } ?? false)
            }) else {
                throw StoreError.badRequest("test_step_logs[\(index)] does not match a step log of this test log")
            }
            if let d = change.description, d != (step.description ?? "") {
                throw StoreError.badRequest("test_step_logs[\(index)].description cannot be changed")
            }
            if let e = change.expectedResult, e != (step.expectedResult ?? "") {
                throw StoreError.badRequest("test_step_logs[\(index)].expected_result cannot be changed")
            }
            if let v = change.statusId { step.statusId = try ExecutionStatuses.resolve(db, projectId: projectId, id: v).id }
            if let v = change.actualResult { step.actualResult = v }
            if let v = change.exeDate { step.exeDate = v }
            try step.update(db)
        }
        if try latest(db, runId: runId)?.id == id {
            try db.cachedExecute(sql: "UPDATE test_runs SET status_id = ?, last_modified_date = ? WHERE id = ?", arguments: [log.statusId, now, runId])
        }
        return log
    }

    static func insertStepLogs(_ db: Database, projectId: Int64, log: TestLogRecord, versionId: Int64, _ drafts: [StepLogDraft],
                               by userId: Int64?) throws {
        guard !drafts.isEmpty else { return }
        let steps = try ExecutionCases.steps(db, versionId: versionId)
        let isAutomation = log.isAutomation
        var used = Set<Int64>()
        var resolved: [Int64: ExecutionStatusRecord] = [:]
        for (index, draft) in drafts.enumerated() {
            // Steps mostly share a status: resolve each distinct one once.
            let status: ExecutionStatusRecord
            if let known = resolved[draft.statusId] { status = known } else {
                status = try ExecutionStatuses.resolve(db, projectId: projectId, id: draft.statusId)
                resolved[draft.statusId] = status
            }
            var step: ExecutionCases.Step?
            if let stepId = draft.testStepId {
                guard let s = steps.first(where: { $0.id == stepId }) else {
                    throw StoreError.badRequest("test_step_logs[\(index)].test_step_id \(stepId) is not a step of test case version \(versionId)")
                }
                guard used.insert(stepId).inserted else {
                    throw StoreError.badRequest("test_step_logs[\(index)].test_step_id \(stepId) is logged twice")
                }
                step = s
            } else if !isAutomation {
                throw StoreError.badRequest("test_step_logs[\(index)].test_step_id is required")
            } else if index < steps.count {
                step = steps[index]
            }
            let record = TestStepLogRecord(
                id: try IDs.next(db, .testStepLog), testLogId: log.id, testStepId: step?.id, statusId: status.id,
                description: draft.description ?? step?.description ?? "", expectedResult: draft.expectedResult ?? step?.expected ?? "",
                actualResult: draft.actualResult ?? "", sortOrder: step?.order ?? draft.order ?? index + 1, stepGroup: step?.group ?? 0,
                exeDate: draft.exeDate ?? log.exeEndDate, userId: userId, calledTestCaseId: step?.calledTestCaseId,
                parentTestStepId: step?.parentTestStepId)
            try record.insertRow(db)
        }
    }
}
