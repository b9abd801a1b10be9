import Foundation
import HTTPServer
import QTestStore

/// TestCaseApi (test cases and their versions): create, list, get by id or PID, update one or
/// many, approve, delete, versions. Steps: ``TestStepRoutes``; comments: ``CommentRoutes``.
enum TestCaseRoutes: RouteGroup {
    static let base = "/api/v3/projects/{projectId}/test-cases"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("POST", base) { context in
            let body = try context.jsonBody().requireObject()
            let moduleID = try body.optionalInt("parent_id").flatMap { $0 == 0 ? nil : $0 }
            let draft = TestCaseDraft(
                name: try body.requiredName(), description: try body.optionalString("description") ?? "",
                precondition: try body.optionalString("precondition") ?? "", moduleId: moduleID,
                properties: try ExecutionWire.propertyInputs(body), steps: try decodeSteps(body) ?? [])
            return try context.write(answering: 200) { db in
                let (tc, version) = try TestCases.create(db, projectId: context.projectID, draft, by: context.caller.userID, at: context.now)
                try TestCases.requireValues(db, tc, versionId: version.id)
                return try encode(tc, version, db, context)
            }
        }

        table.project("GET", base) { context in
            // Clients ask for size=10000 and expect every case: no 999 cap here.
            let page = try PageRequest(context, sizeKey: "size", defaultSize: 20, capped: false)
            let moduleID = try context.queryInt("parentId").flatMap { $0 == 0 ? nil : $0 }
            let withProperties = try context.queryBool("expandProps") ?? true
            let withSteps = try context.queryBool("expandSteps") ?? false
            return try context.read(answering: 200) { db in
                let cases = try TestCases.list(db, projectId: context.projectID, moduleId: moduleID, paging: page.paging).items
                return .array(try cases.map { try encodeLatest($0, db, context, steps: withSteps ? .steps : .none, withProperties: withProperties) })
            }
        }

        table.project("PUT", base + "/update/testcases") { context in
            let updates = try bulkUpdates(try context.jsonBody())
            return try context.write(answering: 200) { db in
                // One transaction: any failing case rolls back all of them.
                return .array(try updates.map { id, patch in
                    let (tc, version) = try TestCases.update(db, projectId: context.projectID, id, patch, by: context.caller.userID, at: context.now)
                    return try encode(tc, version, db, context)
                })
            }
        }

        table.project("GET", base + "/{testCaseIdOrPid}") { context in
            let key = context.pathString("testCaseIdOrPid")
            let versionID = try context.queryInt("versionId")
            let detail = stepDetail(context)
            return try context.read(answering: 200) { db in
                let tc = try TestCaseRecord.get(db, projectId: context.projectID, idOrPid: key)
                let version = try versionID.map { try TestCaseVersions.get(db, caseId: tc.id, versionId: $0) }
                    ?? TestCaseVersions.latest(db, caseId: tc.id)
                return try encode(tc, version, db, context, steps: detail)
            }
        }

        table.project("PUT", base + "/{testCaseId}") { context in
            let id = try context.pathID("testCaseId")
            var patch = try decodePatch(try context.jsonBody())
            if patch.moduleId == 0 { patch.moduleId = nil }
            return try context.write(answering: 200) { db in
                let (tc, version) = try TestCases.update(db, projectId: context.projectID, id, patch, by: context.caller.userID, at: context.now)
                return try encode(tc, version, db, context)
            }
        }

        table.project("DELETE", base + "/{testCaseId}") { context in
            let id = try context.pathID("testCaseId")
            try context.write { db in
                try TestCases.delete(db, projectId: context.projectID, id)
            }
            return .okMessage("Test Case deleted")
        }

        // VERA is an e-signature approval flow; without it, both routes approve the same way.
        for path in [base + "/{testCaseId}/approve", base + "/{testCaseId}/vera/approve"] {
            table.project("PUT", path) { context in
                let id = try context.pathID("testCaseId")
                return try context.write(answering: 200) { db in
                    let tc = try TestCaseRecord.get(db, projectId: context.projectID, id)
                    let version = try TestCaseVersions.approve(db, caseId: id, by: context.caller.userID, at: context.now)
                    return try encode(try TestCaseRecord.get(db, projectId: context.projectID, tc.id), version, db, context)
                }
            }
        }

        table.project("GET", base + "/{testCaseId}/versions") { context in
            let id = try context.pathID("testCaseId")
            return try context.read(answering: 200) { db in
                let tc = try TestCaseRecord.get(db, projectId: context.projectID, id)
                return .array(try TestCaseVersions.listed(db, caseId: id).map { try encode(tc, $0, db, context) })
            }
        }

        table.project("GET", base + "/{testCaseId}/versions/{versionId}") { context in
            let id = try context.pathID("testCaseId")
            let versionID = try context.pathID("versionId")
            return try context.read(answering: 200) { db in
                let tc = try TestCaseRecord.get(db, projectId: context.projectID, id)
                return try encode(tc, try TestCaseVersions.get(db, caseId: id, versionId: versionID), db, context)
            }
        }
    }

    /// `expand=teststep` (steps, always included anyway: clients read `test_steps[].id`
    /// without asking) or `expand=calledteststep` (called cases with their steps).
    static func stepDetail(_ context: some RequestReading) -> StepDetail {
        let expand = context.queryList("expand").map { $0.lowercased() }
        return expand.contains("calledteststep") ? .calledSteps : .steps
    }

    /// The bulk body: an object keyed by test case id (the contract's shape), or an array of
    /// test cases carrying `id`.
    static func bulkUpdates(_ body: JSON) throws -> [(Int64, TestCasePatch)] {
        var updates: [(Int64, TestCasePatch)] = []
        switch body {
        case let .object(members):
            for (key, value) in members {
                guard let id = Int64(key) ?? (value["id"]?.int64Value) else {
                    throw APIError.badRequest("Test case key '\(key)' is not an id")
                }
                updates.append((id, try decodePatch(value)))
            }
        case let .array(items):
            for (index, item) in items.enumerated() {
                let object = try item.requireObject("Item \(index)")
                updates.append((try object.requiredInt("id"), try decodePatch(object)))
            }
        default:
            throw APIError.badRequest("Request body must map test case ids to test cases")
        }
        guard !updates.isEmpty else { throw APIError.badRequest("No test cases to update") }
        return updates.map { ($0.0, { var p = $0.1; if p.moduleId == 0 { p.moduleId = nil }; return p }($0)) }
    }
}
