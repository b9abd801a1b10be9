import Foundation
import HTTPServer
import QTestStore

/// SearchApi `POST /api/v3/projects/{projectId}/histories`: the change history of the objects
/// of one type (`ArtifactHistoryResource`, items as `HistoryResource`).
///
/// Body: `{object_type, object_query?, query?, fields?}`. `object_query` picks the objects in
/// the language of `…/search`; `query` filters the entries by `created` (a date) and `author`
/// (a user id). Every create, update and delete is recorded in its own transaction (see
/// `SchemaHistorySQL.swift`), so the entries of deleted objects are here too (with no
/// `object_query`: a deleted object matches none).
enum HistoryQueryRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("POST", "/api/v3/projects/{projectId}/histories") { context in
            let page = try PageRequest(context)
            let body = try context.jsonBody().requireObject()
            let type = try SearchRoutes.objectType(body)
            let narrowing = try FieldNarrowing(body)
            let objectQuery = try labelled("object_query") { try SearchQueryParser.parse(try body.optionalString("object_query") ?? "") }
            let query = try labelled("query") { try SearchQueryParser.parse(try body.optionalString("query") ?? "") }
            return try context.read(answering: 200) { db in
                let objects = try objectQuery.map { q in
                    try labelled("object_query") { try ArtifactSearch.matching(db, projectId: context.projectID, type, q) }
                }
                let result = try labelled("query") {
                    try Histories.find(db, projectId: context.projectID, type, objects: objects, query: query, paging: page.paging)
                }
                let items = result.items.map { narrowing.apply(encode($0, projectID: context.projectID, context)) }
                return Wire.paged(items, page: page.page, pageSize: page.reportedSize, total: result.total)
            }
        }
    }

    /// Runs `body`, saying in a query error which of the two queries it is about.
    static func labelled<T>(_ key: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SearchQueryError {
            throw SearchQueryError("\(key): \(error.reason)", at: error.position)
        }
    }

    /// `HistoryResource`: `{created, description, links, id, author_id, linked_object, changes}`.
    static func encode(_ entry: HistoryEntry, projectID: Int64, _ context: some RequestReading) -> JSON {
        // A log's own address needs its run; the other objects are addressed by kind and id.
        let links: [JSON] = entry.objectKind == ObjectKind.testLog.rawValue ? []
            : [Wire.link("linked-object", ExecutionWire.projectHref(context, projectID, "/\(entry.objectKind)/\(entry.objectId)"))]
        return [
            "created": Wire.date(entry.created),
            "description": .string(entry.action.rawValue.prefix(1).uppercased() + entry.action.rawValue.dropFirst()),
            "links": .array(links),
            "id": .int(entry.id),
            "author_id": .optional(entry.authorId),
            "linked_object": ["object_type": .string(entry.objectKind), "object_id": .int(entry.objectId)],
            "changes": .array(entry.changes.map { ["field": .string($0.field), "old_value": .string($0.oldValue), "new_value": .string($0.newValue)] }),
        ]
    }
}
