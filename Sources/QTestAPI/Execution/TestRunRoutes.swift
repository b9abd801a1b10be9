import Foundation
import HTTPServer
import QTestStore

/// TestRunApi: list, create, get, update (and move), delete test runs; execution statuses;
/// the container sub-hierarchy. Parameterised creation and comments live in their own files.
enum TestRunRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        let runs = "/api/v3/projects/{projectId}/test-runs"

        table.project("GET", runs) { context in
            let parent = try ExecutionWire.parent(context)
            let descendants = context.queryList("expand").contains { $0.lowercased() == "descendants" }
            let page = try PageRequest(context)
            return try context.read(answering: 200) { db in
                let result = try TestRuns.list(db, projectId: context.projectID, under: parent, descendants: descendants, paging: page.paging)
                return Wire.paged(try result.items.map { try TestRunWire.encodeListItem($0, db, context) },
                                  page: page.page, pageSize: page.reportedSize, total: result.total)
            }
        }

        table.project("POST", runs) { context in
            let body = try context.jsonBody().requireObject()
            let parent = try ExecutionWire.parent(context, body: body) ?? .root
            let draft = try draft(body, creating: true)
            return try context.write(answering: 201) { db in
                let run = try TestRuns.create(db, projectId: context.projectID, under: parent, draft, by: context.caller.userID, at: context.now)
                try TestRuns.requireValues(db, run)
                // A create answer carries only the `self` link (notes §4).
                return try TestRunWire.encodeListItem(run, db, context, selfLinkOnly: true)
            }
        }

        table.project("GET", runs + "/execution-statuses") { context in
            return try context.read(answering: 200) { db in
                return .array(try Fields.executionStatuses(db, projectId: context.projectID).filter(\.active).map(ExecutionWire.status))
            }
        }

        table.project("GET", runs + "/subhierarchy") { context in
            let parent = try ExecutionWire.parent(context) ?? .root
            return try context.read(answering: 200) { db in
                return try ExecutionHierarchy.tree(db, projectID: context.projectID, parent)
            }
        }

        table.project("GET", runs + "/{testRunId}") { context in
            let id = try context.pathID("testRunId")
            let detail = RunCaseDetail(context)
            _ = context.caller // RouteTable has authorized the context.caller for the project: this is the hottest read.
            return try context.read(answering: 200) { db in
                try TestRunWire.encode(try TestRuns.get(db, projectId: context.projectID, id), db, context, caseDetail: detail)
            }
        }

        table.project("PUT", runs + "/{testRunId}") { context in
            try context.updatingMovable("testRunId", unchanged: TestRunDraft(), draft: { try draft($0, creating: false) }) { db, id, draft, moveTo in
                try TestRunWire.encode(try TestRuns.update(db, projectId: context.projectID, id, draft, moveTo: moveTo, at: context.now), db, context)
            }
        }

        table.project("DELETE", runs + "/{testRunId}") { context in
            try context.deleting("testRunId", "Test Run") { try TestRuns.delete($0, projectId: context.projectID, $1) }
        }
    }

    /// A run body: `name` (or the 2023.6 `Test-Run`), `test_case: {id, test_case_version_id}`
    /// (or `testCaseId` / `test_case_version_id` at the top), `properties`.
    static func draft(_ body: JSON, creating: Bool) throws -> TestRunDraft {
        let nameKey = body["name"] != nil ? "name" : (body["Test-Run"] != nil ? "Test-Run" : nil)
        let name = try nameKey.map { try body.requiredName($0) }
        let testCase = try body.optionalObject("test_case")
        var caseID = try testCase?.optionalInt("id")
        if caseID == nil { caseID = try body.optionalInt("testCaseId") }
        if creating, caseID == nil { throw APIError.badRequest("Field 'test_case' is required") }
        let versionID = try testCase?.optionalInt("test_case_version_id") ?? body.optionalInt("test_case_version_id")
        return TestRunDraft(name: name, testCaseId: caseID, testCaseVersionId: versionID,
                            properties: try ExecutionWire.propertyInputs(body), automation: try body.optionalString("automation"))
    }
}
