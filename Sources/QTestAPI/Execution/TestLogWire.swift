import Foundation
import QTestStore

/// Encoders and decoders for test logs, manual and automation.
enum TestLogWire {
    /// `TestLogResource`: `status` is always an object and both execution dates are present
    /// (the 2023.6 SDK requires them).
    static func encode(_ log: TestLogRecord, _ db: StoreDatabase, _ context: some RequestReading,
                       expandCase: Bool = false, expandSteps: Bool = false) throws -> JSON {
        let run = try TestRuns.get(db, projectId: log.projectId, log.testRunId)
        let base = "/test-runs/\(log.testRunId)/test-logs/\(log.id)"
        var testCase: JSON = .null
        if expandCase {
            testCase = try TestRunWire.testCase(run, try ExecutionCases.version(db, versionId: run.testCaseVersionId), db, context, .full)
        }
        let links = [
            Wire.link("self", ExecutionWire.projectHref(context, log.projectId, base)),
            Wire.link("test-case", ExecutionWire.projectHref(context, log.projectId,
                                                             "/test-cases/\(run.testCaseId)?versionId=\(log.testCaseVersionId ?? run.testCaseVersionId)")),
            // The AttachmentApi list of this log (`…/test-logs/{id}/attachments`).
            Wire.link("attachments", ExecutionWire.projectHref(context, log.projectId, "/test-logs/\(log.id)/attachments")),
        ]
        return try common(log, run, links: links, db, context, then: [
            "status": try status(log.statusId, db),
            "result_number": .optional(log.resultNumber),
            "test_step_logs": .array(try TestLogs.stepLogs(db, logId: log.id).map { try encodeStep($0, log, db, context, expand: expandSteps) }),
            "test_run_id": .int(log.testRunId),
            "test_case": testCase,
            "defects": [],
        ])
    }

    /// What both log answers begin with, in qTest's order (`links` … `properties`), then `rest`.
    static func common(_ log: TestLogRecord, _ run: TestRunRecord, links: [JSON], _ db: StoreDatabase, _ context: some RequestReading,
                       then rest: JSON) throws -> JSON {
        var object = JSONObject([
            ("links", .array(links)),
            ("id", .int(log.id)),
            ("test_case_version_id", .optional(log.testCaseVersionId)),
            ("exe_start_date", Wire.date(log.exeStartDate)),
            ("exe_end_date", Wire.date(log.exeEndDate)),
            ("note", .optional(log.note)),
            ("attachments", try AttachmentWire.list(of: .testLog, log.id, db, context)),
            ("name", .optional(log.name)),
            ("planned_exe_time", .optional(log.plannedExeTime)),
            ("actual_exe_time", .optional(log.actualExeTime)),
            ("build_number", .optional(log.buildNumber)),
            ("build_url", .optional(log.buildUrl)),
            ("properties", ExecutionWire.properties(try TestRuns.properties(db, run))),
        ])
        for (key, value) in rest.objectValue ?? [] { object.set(key, value) }
        return .object(object)
    }

    static func status(_ id: Int64, _ db: StoreDatabase) throws -> JSON {
        guard let s = try ExecutionStatuses.find(db, id) else { return ["links": [], "id": .int(id)] }
        return ExecutionWire.status(s)
    }

    /// `TestStepLogResource`.
    static func encodeStep(_ step: TestStepLogRecord, _ log: TestLogRecord, _ db: StoreDatabase, _ context: some RequestReading,
                           expand: Bool) throws -> JSON {
        var testStep: JSON = .null
        if expand, let stepId = step.testStepId {
            testStep = ["links": [], "id": .int(stepId), "description": .string(step.description ?? ""),
                        "expected": .string(step.expectedResult ?? ""), "order": .number(step.sortOrder)]
        }
        return [
            "links": [],
            "test_step_id": .optional(step.testStepId),
            "test_step_log_id": .int(step.id),
            "user_id": .optional(step.userId),
            "status": try status(step.statusId, db),
            "description": .string(step.description ?? ""),
            "expected_result": .string(step.expectedResult ?? ""),
            "actual_result": .string(step.actualResult ?? ""),
            "called_test_case_id": .optional(step.calledTestCaseId),
            "order": .number(step.sortOrder),
            "group": .number(step.stepGroup ?? 0),
            "test_step": testStep,
            "defects": [],
            "parent_test_step_id": .optional(step.parentTestStepId),
            "exe_date": Wire.date(step.exeDate),
        ]
    }

    /// `AutomationTestLogResourceResponse`: as the contract types it, `status` is the status
    /// *name* here and step logs are `AutomationTestStepLog`s.
    static func encodeAutomation(_ log: TestLogRecord, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        let run = try TestRuns.get(db, projectId: log.projectId, log.testRunId)
        let statusName = try ExecutionStatuses.find(db, log.statusId)?.name
        let steps: [JSON] = try TestLogs.stepLogs(db, logId: log.id).map { step in
            [
                "links": [],
                "description": .string(step.description ?? ""),
                "expected_result": .string(step.expectedResult ?? ""),
                "actual_result": .string(step.actualResult ?? ""),
                "order": .number(step.sortOrder),
                "status": .optional(try ExecutionStatuses.find(db, step.statusId)?.name),
                "attachments": try AttachmentWire.list(of: .testStepLog, step.id, db, context),
                "exe_date": Wire.date(step.exeDate),
            ]
        }
        let links = [Wire.link("self", ExecutionWire.projectHref(context, log.projectId, "/test-runs/\(log.testRunId)/test-logs/\(log.id)"))]
        return try common(log, run, links: links, db, context, then: [
            "automation_content": .optional(log.automationContent),
            "status": .optional(statusName),
            "test_step_logs": .array(steps),
        ])
    }

    // MARK: Decoding

    /// A manual status: `{"id": 601}` (documented), a bare id, or `{"name": "Passed"}`.
    static func manualStatus(_ value: JSON?, _ key: String, _ db: StoreDatabase, projectId: Int64) throws -> Int64? {
        guard let value, !value.isNull else { return nil }
        if let id = value.int64Value { return id }
        if case .object = value {
            if let id = value["id"]?.int64Value { return id }
            if let name = value["name"]?.stringValue {
                return try ExecutionStatuses.resolve(db, projectId: projectId, automation: name).id
            }
        }
        throw APIError.badRequest("Field '\(key)' must be a status object such as {\"id\": 601}")
    }

    static func requiredDate(_ body: JSON, _ key: String) throws -> Date {
        guard let date = try ExecutionWire.date(body, key) else { throw APIError.badRequest("Field '\(key)' is required") }
        return date
    }

    static func optionalText(_ body: JSON, _ key: String) throws -> String? { try body.optionalString(key) }
}
