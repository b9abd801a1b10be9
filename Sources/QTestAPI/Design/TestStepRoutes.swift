import Foundation
import HTTPServer
import QTestStore

/// TestCaseApi, steps: v3 lists, reads and edits steps of a case's latest version (or of a
/// given version); v4 lists the same steps page by page (`page`, `size`=200).
enum TestStepRoutes: RouteGroup {
    static let v3 = "/api/v3/projects/{projectId}/test-cases/{testCaseId}"
    static let v4 = "/api/v4/projects/{projectId}/test-cases/{testCaseId}"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        // Listings: v3 latest, v3 by version, v4 latest, v4 by version.
        for (path, paged, byVersion) in [(v3 + "/test-steps", false, false), (v3 + "/versions/{versionId}/test-steps", false, true),
                                         (v4 + "/test-steps", true, false), (v4 + "/versions/{versionId}/test-steps", true, true)] {
            table.project("GET", path) { context in
                let caseID = try context.pathID("testCaseId")
                let versionID = byVersion ? try context.pathID("versionId") : nil
                let paging = paged ? try PageRequest(context, sizeKey: "size", defaultSize: 200).paging : .all
                let detail = TestCaseRoutes.stepDetail(context)
                return try context.read(answering: 200) { db in
                    _ = try TestCaseRecord.get(db, projectId: context.projectID, caseID)
                    let version = try versionID.map { try TestCaseVersions.get(db, caseId: caseID, versionId: $0) }
                        ?? TestCaseVersions.latest(db, caseId: caseID)
                    let steps = try TestSteps.list(db, versionId: version.id, paging: paging)
                    return .array(try steps.map {
                        try TestCaseRoutes.encodeStep($0, caseId: caseID, projectId: context.projectID, db, context, detail: detail)
                    })
                }
            }
        }

        table.project("POST", v3 + "/test-steps") { context in
            let caseID = try context.pathID("testCaseId")
            let draft = try TestCaseRoutes.decodeStep(try context.jsonBody())
            return try context.write(answering: 200) { db in
                _ = try TestCaseRecord.get(db, projectId: context.projectID, caseID)
                let step = try TestSteps.add(db, projectId: context.projectID, caseId: caseID, draft, by: context.caller.userID, at: context.now)
                return try TestCaseRoutes.encodeStep(step, caseId: caseID, projectId: context.projectID, db, context)
            }
        }

        table.project("GET", v3 + "/test-steps/{stepId}") { context in
            let caseID = try context.pathID("testCaseId")
            let stepID = try context.pathID("stepId")
            return try context.read(answering: 200) { db in
                _ = try TestCaseRecord.get(db, projectId: context.projectID, caseID)
                let latest = try TestCaseVersions.latest(db, caseId: caseID)
                let step = try TestSteps.get(db, versionId: latest.id, stepId: stepID)
                return try TestCaseRoutes.encodeStep(step, caseId: caseID, projectId: context.projectID, db, context)
            }
        }

        table.project("PUT", v3 + "/test-steps/{stepId}") { context in
            let caseID = try context.pathID("testCaseId")
            let stepID = try context.pathID("stepId")
            let body = try context.jsonBody().requireObject()
            let order = try body.optionalInt("order")
            if let order, order < 1 { throw APIError.badRequest("Field 'order' must be at least 1") }
            return try context.write(answering: 200) { db in
                _ = try TestCaseRecord.get(db, projectId: context.projectID, caseID)
                let step = try TestSteps.update(
                    db, projectId: context.projectID, caseId: caseID, stepId: stepID, description: try body.optionalString("description"),
                    expected: try body.optionalString("expected"), plainValueText: try body.optionalString("plain_value_text"),
                    calledTestCaseId: try body.optionalInt("called_test_case_id"), order: order.map { Int(clamping: $0) },
                    by: context.caller.userID, at: context.now)
                return try TestCaseRoutes.encodeStep(step, caseId: caseID, projectId: context.projectID, db, context)
            }
        }

        table.project("DELETE", v3 + "/test-steps/{stepId}") { context in
            let caseID = try context.pathID("testCaseId")
            let stepID = try context.pathID("stepId")
            let updateVersion = try context.queryBool("updateVersion") ?? false
            try context.write { db in
                _ = try TestCaseRecord.get(db, projectId: context.projectID, caseID)
                try TestSteps.delete(db, caseId: caseID, stepId: stepID, updateVersion: updateVersion, by: context.caller.userID, at: context.now)
            }
            return .okMessage("Test Step deleted")
        }
    }
}
