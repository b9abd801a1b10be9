import Foundation
import GRDB
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
                guard let tc = try TestCases.find(db, projectId: projectID, caseID) else { return nil }
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
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM test_runs WHERE id = ?", arguments: [runID]) else { return nil }
        let projectID: Int64 = row["project_id"]
        let parentType: String = row["parent_type"]
        let parentID: Int64? = switch parentType {
        case "release": row["release_id"]
        case "test-cycle": row["test_cycle_id"]
        case "test-suite": row["test_suite_id"]
        default: 0
        }
        let caseID: Int64 = row["test_case_id"]
        let versionID: Int64 = row["test_case_version_id"]
        let statusID: Int64 = row["status_id"]
        let status = try Fields.executionStatus(db, statusID)?.name
        var testCase: JSON = .null
        var versionText: String?
        if let tc = try TestCases.find(db, projectId: projectID, caseID) {
            let version = try TestCaseVersions.find(db, versionID) ?? TestCaseVersions.latest(db, caseId: caseID)
            versionText = version.versionText
            testCase = try TestCaseRoutes.encodeWithoutFields(tc, version, db, context)
        }
        var latest: JSON = .null
        if includeLatestLog, let log = try Row.fetchOne(db, sql: """
            SELECT l.id, l.status_id, l.exe_start_date, l.exe_end_date, u.username FROM test_logs l
            LEFT JOIN users u ON u.id = l.tester_id WHERE l.test_run_id = ? ORDER BY l.exe_end_date DESC, l.id DESC LIMIT 1
            """, arguments: [runID]) {
            let logStatus: Int64 = log["status_id"]
            latest = [
                "status": .optional(try Fields.executionStatus(db, logStatus)?.name),
                "id": .int(log["id"]),
                "tester": .optional(log["username"] as String?),
                "exe_start_date": Wire.date(log["exe_start_date"]),
                "exe_end_date": Wire.date(log["exe_end_date"]),
            ]
        }
        return [
            "parentId": .optional(parentID),
            "parentType": .string(parentType),
            "id": .int(runID),
            "pid": .string(row["pid"]),
            "TestRunName": .string(row["name"]),
            "automation": .optional(row["automation"] as String?),
            "order": .int(row["sort_order"]),
            "created_date": Wire.date(row["created_date"]),
            "creator_id": .optional(row["creator_id"] as Int64?),
            "last_modified_date": Wire.date(row["last_modified_date"]),
            "status": .optional(status),
            "testCaseId": .int(caseID),
            "test_case_version_id": .int(versionID),
            "test_case_version": .optional(versionText),
            "links": [Wire.link("self", Wire.href(context, "/api/v3/projects/\(projectID)/test-runs/\(runID)"))],
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
