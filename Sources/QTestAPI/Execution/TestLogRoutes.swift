import Foundation
import HTTPServer
import QTestStore

/// TestLogApi (non-batch): manual logs (list, get, submit, modify, last run) and the single
/// automation log (submit, modify). Every log becomes its run's latest and sets its status.
enum TestLogRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        let logs = "/api/v3/projects/{projectId}/test-runs/{testRunId}/test-logs"

        table.project("GET", logs) { context in
            let runID = try context.pathID("testRunId")
            let page = try PageRequest(context)
            return try context.read(answering: 200) { db in
                let result = try TestLogs.list(db, projectId: context.projectID, runId: runID, paging: page.paging)
                return Wire.paged(try result.items.map { try TestLogWire.encode($0, db, context) },
                                  page: page.page, pageSize: page.reportedSize, total: result.total)
            }
        }

        table.project("POST", logs) { context in
            try submit(context, try context.jsonBody().requireObject(), draft: manualDraft) { try TestLogWire.encode($0, $1, context) }
        }

        table.project("GET", logs + "/last-run") { context in
            let runID = try context.pathID("testRunId")
            let expand = context.queryList("expand").map { $0.lowercased() }
            return try context.read(answering: 200) { db in
                _ = try TestRuns.get(db, projectId: context.projectID, runID)
                guard let log = try TestLogs.latest(db, runId: runID) else { throw APIError.notFound("Test Log does not exist") }
                return try TestLogWire.encode(log, db, context, expandCase: expand.contains("testcase"),
                                              expandSteps: expand.contains("teststeplog.teststep"))
            }
        }

        table.project("GET", logs + "/{id}") { context in
            let runID = try context.pathID("testRunId")
            let id = try context.pathID("id")
            return try context.read(answering: 200) { db in
                return try TestLogWire.encode(try TestLogs.get(db, projectId: context.projectID, runId: runID, id), db, context)
            }
        }

        table.project("PUT", logs + "/{id}") { context in
            try modify(context, patch: manualPatch) { try TestLogWire.encode($0, $1, context) }
        }

        let auto = "/api/v3/projects/{projectId}/test-runs/{testRunId}/auto-test-logs"

        table.project("POST", auto) { context in
            let runID = try context.pathID("testRunId")
            let body = try context.jsonBody().requireObject()
            if runID == 0 { return try AutomationSingleLog.submit(context, body, app: app, caller: context.caller, projectID: context.projectID) }
            return try submit(context, body, draft: automationDraft) { try TestLogWire.encodeAutomation($0, $1, context) }
        }

        table.project("PUT", auto + "/{id}") { context in
            try modify(context, patch: automationPatch) { try TestLogWire.encodeAutomation($0, $1, context) }
        }
    }

    typealias DraftReader<T> = (JSON, StoreDatabase, Int64) throws -> T

    /// Submits one log to `{testRunId}` (manual or automation: `draft` reads the body) with the
    /// body's inline attachments, in one transaction; answers 201 with `encode`'s JSON.
    static func submit(_ context: ProjectRequest, _ body: JSON, draft: DraftReader<TestLogDraft>,
                       encode: (TestLogRecord, StoreDatabase) throws -> JSON) throws -> HTTPResponse {
        let runID = try context.pathID("testRunId")
        let attachments = try AutomationRequestParsing.attachments(body, at: "body")
        return try context.write(answering: 201) { db in
            let log = try TestLogs.submit(db, projectId: context.projectID, runId: runID, try draft(body, db, context.projectID),
                                          by: context.caller.userID, at: context.now)
            try AutomationImport(db, projectId: context.projectID, userId: context.caller.userID, at: context.now).attach(attachments, toLog: log.id)
            return try encode(log, db)
        }
    }

    /// Changes log `{id}` of `{testRunId}` as `patch` reads the body; answers 200 with `encode`'s JSON.
    static func modify(_ context: ProjectRequest, patch: DraftReader<TestLogs.Patch>,
                       encode: (TestLogRecord, StoreDatabase) throws -> JSON) throws -> HTTPResponse {
        let runID = try context.pathID("testRunId")
        let id = try context.pathID("id")
        let body = try context.jsonBody().requireObject()
        return try context.write(answering: 200) { db in
            let log = try TestLogs.modify(db, projectId: context.projectID, runId: runID, id, try patch(body, db, context.projectID), at: context.now)
            return try encode(log, db)
        }
    }

    // MARK: Manual

    static func manualDraft(_ body: JSON, _ db: StoreDatabase, projectID: Int64) throws -> TestLogDraft {
        guard let status = try TestLogWire.manualStatus(body["status"], "status", db, projectId: projectID) else {
            throw APIError.badRequest("Field 'status' is required")
        }
        let steps = try (body.optionalArray("test_step_logs") ?? []).enumerated().map { index, item -> StepLogDraft in
            let key = "test_step_logs[\(index)]"
            let item = try item.requireObject(key)
            guard let stepStatus = try TestLogWire.manualStatus(item["status"], key + ".status", db, projectId: projectID) else {
                throw APIError.badRequest("Field '\(key).status' is required")
            }
            return StepLogDraft(testStepId: try item.optionalInt("test_step_id"), statusId: stepStatus,
                                description: try item.optionalString("description"),
                                expectedResult: try item.optionalString("expected_result"),
                                actualResult: try item.optionalString("actual_result"),
                                order: try item.optionalInt("order").map { Int(clamping: $0) },
                                exeDate: try ExecutionWire.date(item, "exe_date"))
        }
        return try logDraft(body, status: status, steps: steps)
    }

    static func manualPatch(_ body: JSON, _ db: StoreDatabase, projectID: Int64) throws -> TestLogs.Patch {
        let steps = try (body.optionalArray("test_step_logs") ?? []).enumerated().map { index, item -> TestLogs.StepPatch in
            let key = "test_step_logs[\(index)]"
            let item = try item.requireObject(key)
            return TestLogs.StepPatch(
                stepLogId: try item.optionalInt("test_step_log_id"), testStepId: try item.optionalInt("test_step_id"),
                statusId: try TestLogWire.manualStatus(item["status"], key + ".status", db, projectId: projectID),
                actualResult: try item.optionalString("actual_result"), description: try item.optionalString("description"),
                expectedResult: try item.optionalString("expected_result"), exeDate: try ExecutionWire.date(item, "exe_date"))
        }
        return TestLogs.Patch(
            statusId: try TestLogWire.manualStatus(body["status"], "status", db, projectId: projectID),
            exeStartDate: try ExecutionWire.date(body, "exe_start_date"), exeEndDate: try ExecutionWire.date(body, "exe_end_date"),
            name: try body.optionalString("name"), note: try body.optionalString("note"),
            buildNumber: try body.optionalString("build_number"), buildUrl: try body.optionalString("build_url"),
            plannedExeTime: try body.optionalInt("planned_exe_time"), actualExeTime: try body.optionalInt("actual_exe_time"),
            steps: steps)
    }

    // MARK: Automation

    /// An automation status string, matched case-insensitively (PASS, PASSED, passed …).
    static func automationStatus(_ body: JSON, _ key: String, _ db: StoreDatabase, projectID: Int64) throws -> Int64? {
        guard let text = try body.optionalString(key) else { return nil }
        return try ExecutionStatuses.resolve(db, projectId: projectID, automation: text).id
    }

    /// Decodes a single automation log (`AutomationTestLogResource`). Reusable by batch jobs.
    static func automationDraft(_ body: JSON, _ db: StoreDatabase, projectID: Int64) throws -> TestLogDraft {
        guard let status = try automationStatus(body, "status", db, projectID: projectID) else {
            throw APIError.badRequest("Field 'status' is required")
        }
        let steps = try (body.optionalArray("test_step_logs") ?? []).enumerated().map { index, item -> StepLogDraft in
            let key = "test_step_logs[\(index)]"
            let item = try item.requireObject(key)
            let stepStatus = try automationStatus(item, "status", db, projectID: projectID) ?? status
            return StepLogDraft(statusId: stepStatus, description: try item.optionalString("description") ?? "",
                                expectedResult: try item.optionalString("expected_result") ?? "",
                                actualResult: try item.optionalString("actual_result"),
                                order: try item.optionalInt("order").map { Int(clamping: $0) },
                                exeDate: try ExecutionWire.date(item, "exe_date"))
        }
        var draft = try logDraft(body, status: status, steps: steps)
        draft.automationContent = try body.optionalString("automation_content") ?? ""
        return draft
    }

    /// The fields manual and automation logs share, read the same way for both.
    static func logDraft(_ body: JSON, status: Int64, steps: [StepLogDraft]) throws -> TestLogDraft {
        return TestLogDraft(
            statusId: status,
            exeStartDate: try TestLogWire.requiredDate(body, "exe_start_date"),
            exeEndDate: try TestLogWire.requiredDate(body, "exe_end_date"),
            name: try body.optionalString("name"), note: try body.optionalString("note"),
            testCaseVersionId: try body.optionalInt("test_case_version_id"),
            buildNumber: try body.optionalString("build_number"), buildUrl: try body.optionalString("build_url"),
            plannedExeTime: try body.optionalInt("planned_exe_time"), actualExeTime: try body.optionalInt("actual_exe_time"),
            runProperties: try ExecutionWire.propertyInputs(body), stepLogs: steps)
    }

    static func automationPatch(_ body: JSON, _ db: StoreDatabase, projectID: Int64) throws -> TestLogs.Patch {
        let steps = try (body.optionalArray("test_step_logs") ?? []).enumerated().map { index, item -> TestLogs.StepPatch in
            let key = "test_step_logs[\(index)]"
            let item = try item.requireObject(key)
            guard let id = try item.optionalInt("test_step_log_id") else { throw APIError.badRequest("Field '\(key).test_step_log_id' is required") }
            return TestLogs.StepPatch(stepLogId: id, statusId: try automationStatus(item, "status", db, projectID: projectID),
                                      actualResult: try item.optionalString("actual_result"), exeDate: try ExecutionWire.date(item, "exe_date"))
        }
        return TestLogs.Patch(
            statusId: try automationStatus(body, "status", db, projectID: projectID),
            exeStartDate: try ExecutionWire.date(body, "exe_start_date"), exeEndDate: try ExecutionWire.date(body, "exe_end_date"),
            name: try body.optionalString("name"), note: try body.optionalString("note"),
            buildNumber: try body.optionalString("build_number"), buildUrl: try body.optionalString("build_url"),
            plannedExeTime: try body.optionalInt("planned_exe_time"), actualExeTime: try body.optionalInt("actual_exe_time"),
            steps: steps)
    }
}
