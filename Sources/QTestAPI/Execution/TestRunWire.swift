import Foundation
import QTestStore

/// How much of a run's test case to embed (`expand=testcase` / `testcase.teststep`).
enum RunCaseDetail: Sendable, Equatable {
    case reference, full, withSteps

    init(_ context: some RequestReading) {
        let expand = context.queryList("expand").map { $0.lowercased() }
        if expand.contains("testcase.teststep") { self = .withSteps } else if expand.contains("testcase") { self = .full } else { self = .reference }
    }
}

/// Encoders for test runs and test logs.
enum TestRunWire {
    /// `TestRunWithCustomFieldResource` (GET/PUT a run). Test runs have no `web_url` (notes §4).
    static func encode(_ run: TestRunRecord, _ db: StoreDatabase, _ context: some RequestReading, caseDetail: RunCaseDetail = .reference) throws -> JSON {
        let version = try ExecutionCases.version(db, versionId: run.testCaseVersionId)
        let latest = try TestLogs.latest(db, runId: run.id)
        var json = header(run)
        json = json.setting("created", Wire.date(run.createdDate))
        json = json.setting("testCaseId", .int(run.testCaseId))
        json = json.setting("links", .array(links(run, context)))
        json = json.setting("id", .int(run.id))
        json = json.setting("name", .string(run.name))
        json = try identity(json, run, db)
        json = json.setting("test_case", try testCase(run, version, db, context, caseDetail))
        json = json.setting("latest_test_log", try latest.map { try shortLog($0, db) } ?? .null)
        json = json.setting("test_case_version_id", .int(run.testCaseVersionId))
        json = json.setting("test_case_version", .optional(version?.text))
        json = json.setting("creator_id", .optional(run.creatorId))
        json = json.setting("assign_parameter_values", parameterValues(run))
        json = json.setting("tosca_guid", .optional(run.toscaGuid))
        json = json.setting("tosca_node_path", .optional(run.toscaNodePath))
        return json
    }

    /// `GetMultipleTestRunsResource` (list items and the create answer). The 2023.6 contract
    /// names the run's name `Test-Run` in this model; `name` is kept too because clients read it.
    static func encodeListItem(_ run: TestRunRecord, _ db: StoreDatabase, _ context: some RequestReading, selfLinkOnly: Bool = false) throws -> JSON {
        let version = try ExecutionCases.version(db, versionId: run.testCaseVersionId)
        let links = selfLinkOnly ? [Wire.link("self", ExecutionWire.projectHref(context, run.projectId, "/test-runs/\(run.id)"))] : links(run, context)
        var json = header(run)
        json = json.setting("testCaseId", .int(run.testCaseId))
        json = json.setting("links", .array(links))
        json = json.setting("id", .int(run.id))
        json = json.setting("name", .string(run.name))
        json = json.setting("Test-Run", .string(run.name))
        json = try identity(json, run, db)
        json = json.setting("test_case", try testCase(run, version, db, context, .reference))
        json = json.setting("test_case_version_id", .int(run.testCaseVersionId))
        json = json.setting("test_case_version", .optional(version?.text))
        json = json.setting("creator_id", .optional(run.creatorId))
        return json
    }

    /// `order`, `pid`, the dates and `properties`: what both run answers carry after the name.
    static func identity(_ json: JSON, _ run: TestRunRecord, _ db: StoreDatabase) throws -> JSON {
        json.setting("order", .number(run.sortOrder))
            .setting("pid", .string(run.pid))
            .setting("created_date", Wire.date(run.createdDate))
            .setting("last_modified_date", Wire.date(run.lastModifiedDate))
            .setting("properties", ExecutionWire.properties(try TestRuns.properties(db, run)))
    }

    static func header(_ run: TestRunRecord) -> JSON {
        let parent = run.parent
        return ["parentId": .int(parent.id), "parentType": .string(parent.type.rawValue), "automation": .optional(run.automation)]
    }

    static func links(_ run: TestRunRecord, _ context: some RequestReading) -> [JSON] {
        let base = "/test-runs/\(run.id)"
        var links = [
            Wire.link("self", ExecutionWire.projectHref(context, run.projectId, base)),
            Wire.link("test-case", ExecutionWire.projectHref(context, run.projectId,
                                                             "/test-cases/\(run.testCaseId)?versionId=\(run.testCaseVersionId)&showParamIdentifier=false")),
            Wire.link("test-logs", ExecutionWire.projectHref(context, run.projectId, base + "/test-logs")),
        ]
        let parent = run.parent
        switch parent.type {
        case .testCycle: links.append(Wire.link("test-cycle", ExecutionWire.projectHref(context, run.projectId, "/test-cycles/\(parent.id)")))
        case .testSuite: links.append(Wire.link("test-suite", ExecutionWire.projectHref(context, run.projectId, "/test-suites/\(parent.id)")))
        case .release: links.append(Wire.link("release", ExecutionWire.projectHref(context, run.projectId, "/releases/\(parent.id)")))
        case .root: break
        }
        return links
    }

    /// The run's `test_case`: always present with `properties` (the 2023.6 SDK requires both);
    /// the whole case (and its steps) with `expand=testcase` (`testcase.teststep`).
    static func testCase(_ run: TestRunRecord, _ version: ExecutionCases.Version?, _ db: StoreDatabase, _ context: some RequestReading,
                         _ detail: RunCaseDetail) throws -> JSON {
        if detail != .reference, let tc = try TestCaseRecord.find(db, projectId: run.projectId, run.testCaseId),
           let v = try? TestCaseVersions.get(db, caseId: tc.id, versionId: run.testCaseVersionId) {
            return try TestCaseRoutes.encode(tc, v, db, context, steps: detail == .withSteps ? .steps : .none)
        }
        return [
            "links": [Wire.link("self", ExecutionWire.projectHref(context, run.projectId,
                                                                  "/test-cases/\(run.testCaseId)?versionId=\(run.testCaseVersionId)"))],
            "id": .int(run.testCaseId),
            "name": .optional(version?.name),
            "properties": [],
            "test_case_version_id": .int(run.testCaseVersionId),
            // The same reference is nested in run lists (TestCaseResource: `test_case_version`)
            // and single runs (TestCaseWithCustomFieldResource: `version`): both keys.
            "test_case_version": .optional(version?.text),
            "version": .optional(version?.text),
        ]
    }

    static func parameterValues(_ run: TestRunRecord) -> JSON {
        guard let text = run.parameterValues, let json = try? JSON.parse(Data(text.utf8)) else { return .null }
        return json
    }

    /// `ShortTestLogResource`: `{status, id, tester, exe_start_date, exe_end_date}` (status as a name).
    static func shortLog(_ log: TestLogRecord, _ db: StoreDatabase) throws -> JSON {
        let status = try ExecutionStatuses.find(db, log.statusId)
        let tester = try log.testerId.flatMap { try ExecutionStatuses.username(db, $0) }
        return [
            "status": .optional(status?.name),
            "id": .int(log.id),
            "tester": .optional(tester),
            "exe_start_date": Wire.date(log.exeStartDate),
            "exe_end_date": Wire.date(log.exeEndDate),
        ]
    }
}
