import Foundation
import HTTPServer
import QTestStore

/// Comments on test cases, requirements and defects (TestCaseApi, RequirementApi, DefectApi):
/// `…/{segment}/{idOrKey}/comments[/{commentId}]`, lists as the paged wrapper.
///
/// Other artifacts reuse it with their own resolver, e.g. test runs:
///
/// ```swift
/// ArtifactCommentRoutes.register(in: &table, app: app, segment: "test-runs", kind: .testRun) { db, projectID, key in
///     try TestRuns.get(db, projectId: projectID, idOrPid: key).id
/// }
/// ```
enum ArtifactCommentRoutes: RouteGroup {
    /// Resolves `{idOrKey}` to the artifact id in the project (404 when absent).
    typealias Resolver = @Sendable (StoreDatabase, Int64, String) throws -> Int64

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        register(in: &table, app: app, segment: "test-cases", kind: .testCase) { db, p, key in
            try TestCaseRecord.get(db, projectId: p, idOrPid: key).id
        }
        register(in: &table, app: app, segment: "requirements", kind: .requirement) { db, p, key in
            try RequirementRecord.get(db, projectId: p, idOrPid: key).id
        }
        register(in: &table, app: app, segment: "defects", kind: .defect) { db, p, key in
            try DefectRecord.get(db, projectId: p, idOrPid: key).id
        }
    }

    static func register(in table: inout RouteTable, app: EmulatorContext, segment: String, kind: ObjectKind,
                         resolve: @escaping Resolver) {
        let base = "/api/v3/projects/{projectId}/\(segment)/{idOrKey}/comments"

        table.project("GET", base) { context in
            let page = try PageRequest(context)
            return try context.read(answering: 200) { db in
                let objectID = try resolve(db, context.projectID, context.pathString("idOrKey"))
                let result = try Comments.list(db, kind, objectID, paging: page.paging)
                return Wire.paged(result.items.map { encode($0, context, segment) }, page: page.page, pageSize: page.reportedSize, total: result.total)
            }
        }

        table.project("POST", base) { context in
            let content = try context.jsonBody().requireObject().requiredString("content")
            return try context.write(answering: 200) { db in
                let objectID = try resolve(db, context.projectID, context.pathString("idOrKey"))
                return encode(try Comments.add(db, projectId: context.projectID, kind, objectID, content: content, by: context.caller.userID, at: context.now),
                              context, segment)
            }
        }

        table.project("GET", base + "/{commentId}") { context in
            let commentID = try context.pathID("commentId")
            return try context.read(answering: 200) { db in
                let objectID = try resolve(db, context.projectID, context.pathString("idOrKey"))
                return encode(try Comments.get(db, kind, objectID, commentID), context, segment)
            }
        }

        table.project("PUT", base + "/{commentId}") { context in
            let commentID = try context.pathID("commentId")
            let content = try context.jsonBody().requireObject().requiredString("content")
            return try context.write(answering: 200) { db in
                let objectID = try resolve(db, context.projectID, context.pathString("idOrKey"))
                return encode(try Comments.update(db, kind, objectID, commentID, content: content, at: context.now), context, segment)
            }
        }

        table.project("DELETE", base + "/{commentId}") { context in
            let commentID = try context.pathID("commentId")
            try context.write { db in
                let objectID = try resolve(db, context.projectID, context.pathString("idOrKey"))
                try Comments.delete(db, kind, objectID, commentID)
            }
            return .okMessage("Comment deleted")
        }
    }

    /// `CommentResource`: `{created, updated, userId, links, id, content}`.
    static func encode(_ c: CommentRecord, _ context: some RequestReading, _ segment: String) -> JSON {
        [
            "created": Wire.date(c.created),
            "updated": Wire.date(c.updated),
            "userId": .optional(c.userId),
            "links": [Wire.link("self", Wire.href(context, "/api/v3/projects/\(c.projectId)/\(segment)/\(c.objectId)/comments/\(c.id)"))],
            "id": .int(c.id),
            "content": .string(c.content),
        ]
    }
}
