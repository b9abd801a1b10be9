import Foundation
import HTTPServer
import QTestStore

/// SearchApi `POST /api/v3/projects/{projectId}/comments`: the comments already stored by the
/// artifact comment routes, across the objects of one type (`QueryCommentResource`, items as
/// `CommentResource`, narrowed by `fields`).
///
/// Body: `{object_type, object?, author?, start?, end?, fields?}`. `start` is inclusive; `end`
/// too, and a date without a time (`"2026-02-05"`) runs to the end of that day.
enum CommentQueryRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("POST", "/api/v3/projects/{projectId}/comments") { context in
            let page = try PageRequest(context)
            let body = try context.jsonBody().requireObject()
            let type = try SearchRoutes.objectType(body, valid: [.requirements, .testCases, .testRuns, .defects])
            let narrowing = try FieldNarrowing(body)
            var filter = CommentSearch.Filter(kind: type.objectKind, objectId: try body.optionalInt("object"), author: try body.optionalInt("author"))
            filter.start = try ExecutionWire.date(body, "start")
            if let text = try body.optionalString("end"), let end = try ExecutionWire.date(body, "end") {
                // Inclusive: a date alone is that whole day, a time that whole second.
                filter.end = end.addingTimeInterval(text.trimmingCharacters(in: .whitespaces).count == 10 ? 86_400 : 1)
            }
            return try context.read(answering: 200) { db in
                let result = try CommentSearch.find(db, projectId: context.projectID, filter, paging: page.paging)
                let items = result.items.map { narrowing.apply(ArtifactCommentRoutes.encode($0, context, type.rawValue)) }
                return Wire.paged(items, page: page.page, pageSize: page.reportedSize, total: result.total)
            }
        }
    }
}
