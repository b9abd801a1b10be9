import Foundation
import HTTPServer
import QTestStore

/// SearchApi: `POST …/search` (objects by a query in qTest's query language), `POST
/// …/comments` (comments across objects) and `POST …/histories` (changes of the objects a
/// query matches). All three are reads that take their criteria as a body, answer the paged
/// wrapper, and are reached with a trailing slash too (`…/search/`, which uploaders send).
///
/// ```sh
/// curl -X POST -H 'Authorization: Bearer …' -H 'Content-Type: application/json' \
///   -d '{"object_type":"test-cases","fields":["id","name"],"query":"name ~ '\''login'\''"}' \
///   'http://127.0.0.1:8080/api/v3/projects/108781/search?pageSize=10'
/// ```
enum SearchRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("POST", "/api/v3/projects/{projectId}/search") { context in
            let page = try PageRequest(context)
            let options = try SearchItems.Options(context)
            let body = try context.jsonBody().requireObject()
            let type = try objectType(body)
            let narrowing = try FieldNarrowing(body)
            let query = try SearchQueryParser.parse(try body.optionalString("query") ?? "")
            return try context.read(answering: 200) { db in
                let result = try ArtifactSearch.find(db, projectId: context.projectID, type, query, paging: page.paging)
                let items = try SearchItems.encode(type, result.items, projectID: context.projectID, db, context, options, narrowing)
                return Wire.paged(items, page: page.page, pageSize: page.reportedSize, total: result.total)
            }
        }
    }

    /// The body's `object_type`; a missing or unknown one is a 400 that lists the valid values.
    static func objectType(_ body: JSON, valid: [SearchObjectType] = SearchObjectType.allCases) throws -> SearchObjectType {
        let list = valid.map(\.rawValue).joined(separator: ", ")
        guard let text = try body.optionalString("object_type"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.badRequest("Field 'object_type' is required; valid values: \(list)")
        }
        guard let type = SearchObjectType(wire: text), valid.contains(type) else {
            throw APIError.badRequest("unknown object type '\(text)'; valid values: \(list)")
        }
        return type
    }
}
