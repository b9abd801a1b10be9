import Foundation
import QTestStore

/// `GET …/requirements/trace-matrix-report`: a page of requirements grouped by module
/// (`TraceabilityRequirement` nodes), each requirement with the test cases linked to it.
///
/// The contract types a requirement entry only as a JSON object; this emulator puts in it
/// `id`, `pid`, `name`, `properties` (only `fieldIds` when given), `linked_test_cases` (count)
/// and `test_cases` (`[{id, pid, name, version}]`), which is what a traceability view needs.
enum TraceMatrix {
    static func report(_ db: StoreDatabase, projectID: Int64, paging: Paging, fieldIDs: [Int64], _ context: some RequestReading) throws -> JSON {
        let requirements = try Requirements.list(db, projectId: projectID, moduleId: nil, paging: paging).items
        var order: [Int64?] = []
        var groups: [Int64?: [JSON]] = [:]
        for r in requirements {
            if groups[r.moduleId] == nil { order.append(r.moduleId) }
            var props = try ObjectProperties.read(db, projectId: projectID, .requirement, r.id)
            if !fieldIDs.isEmpty { props = props.filter { fieldIDs.contains($0.fieldId) } }
            let cases: [JSON] = try Requirements.coveringCaseIDs(db, r.id).compactMap { caseID in
                guard let tc = try TestCaseRecord.find(db, projectId: projectID, caseID) else { return nil }
                let v = try TestCaseVersions.latest(db, caseId: caseID)
                return ["id": .int(tc.id), "pid": .string(tc.pid), "name": .string(v.name), "version": .string(v.versionText)]
            }
            groups[r.moduleId, default: []].append([
                "id": .int(r.id), "pid": .string(r.pid), "name": .string(r.name),
                "properties": ExecutionWire.properties(props),
                "linked_test_cases": .number(cases.count), "test_cases": .array(cases),
            ])
        }
        return .array(try order.enumerated().map { index, moduleID in
            let module = try moduleID.flatMap { try Modules.get(db, projectId: projectID, $0) }
            return [
                "order": .number(index + 1),
                "children": [],
                "requirements": .array(groups[moduleID] ?? []),
                "root": .bool(module?.parentId == nil),
            ]
        })
    }
}

/// `TestRunByRequirementIdResource`, read straight from the `test_runs` and `test_logs`
/// tables so it does not depend on the execution route group.
enum RequirementRunWire {
    static func encode(_ db: StoreDatabase, runID: Int64, includeLatestLog: Bool, _ context: some RequestReading) throws -> JSON? {
        guard let run = try TestRuns.find(db, runID) else { return nil }
        let parentID: Int64? = switch run.parentType {
        case "release": run.releaseId
        case "test-cycle": run.testCycleId
        case "test-suite": run.testSuiteId
        default: 0
        }
        let status = try Fields.executionStatus(db, run.statusId)?.name
        var testCase: JSON = .null
        var versionText: String?
        if let tc = try TestCaseRecord.find(db, projectId: run.projectId, run.testCaseId) {
            let version = try TestCaseVersions.find(db, run.testCaseVersionId) ?? TestCaseVersions.latest(db, caseId: run.testCaseId)
            versionText = version.versionText
            testCase = try TestCaseRoutes.encodeWithoutFields(tc, version, db, context)
        }
        var latest: JSON = .null
        if includeLatestLog, let log = try TestLogs.latestExecuted(db, runId: runID) {
            latest = [
                "status": .optional(try Fields.executionStatus(db, log.statusId)?.name),
                "id": .int(log.id),
                "tester": .optional(try log.testerId.flatMap { try Users.find(db, $0) }?.username),
                "exe_start_date": Wire.date(log.exeStartDate),
                "exe_end_date": Wire.date(log.exeEndDate),
            ]
        }
        return [
            "parentId": .optional(parentID),
            "parentType": .string(run.parentType),
            "id": .int(runID),
            "pid": .string(run.pid),
            "TestRunName": .string(run.name),
            "automation": .optional(run.automation),
            "order": .number(run.sortOrder),
            "created_date": Wire.date(run.createdDate),
            "creator_id": .optional(run.creatorId),
            "last_modified_date": Wire.date(run.lastModifiedDate),
            "status": .optional(status),
            "testCaseId": .int(run.testCaseId),
            "test_case_version_id": .int(run.testCaseVersionId),
            "test_case_version": .optional(versionText),
            "links": [Wire.link("self", Wire.href(context, "/api/v3/projects/\(run.projectId)/test-runs/\(runID)"))],
            "latest_test_log": latest,
            "test_case": testCase == .null ? [:] : testCase,
        ]
    }
}

extension TestCaseRoutes {
    /// `TestCaseWithNoCustomFieldResource`: the case without `properties` and Tosca fields.
    static func encodeWithoutFields(_ tc: TestCaseRecord, _ version: TestCaseVersionRecord, _ db: StoreDatabase,
                                    _ context: some RequestReading) throws -> JSON {
        let keep: Set<String> = ["links", "id", "name", "order", "pid", "created_date", "last_modified_date", "web_url", "parent_id",
                                 "test_case_version_id", "version", "description", "precondition", "creator_id", "agent_ids", "test_steps"]
        let full = try encode(tc, version, db, context, steps: .none, withProperties: false)
        return .object((full.objectValue ?? []).filter { keep.contains($0.0) })
    }
}
