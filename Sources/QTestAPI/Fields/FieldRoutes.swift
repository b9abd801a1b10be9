import Foundation
import HTTPServer
import QTestStore

/// FieldApi: the field dictionary of an object type, for a project
/// (`/projects/{projectId}/settings/{objectType}/fields…`) and for the site
/// (`/fields/{objectType}…`). Both scopes share one handler per operation; site writes are for
/// site administrators, project writes need the project's admin flag (``ProjectPermission``).
enum FieldRoutes: RouteGroup {
    static let projectBase = "/api/v3/projects/{projectId}/settings/{objectType}/fields"
    static let siteBase = "/api/v3/fields/{objectType}"

    /// The operations, each under both scopes: path after the base, and the shared handler.
    static let operations: [(method: String, path: String, handler: @Sendable (any FieldRequest, FieldScope) throws -> HTTPResponse)] = [
        ("GET", "", { try list($0, $1) }),
        ("POST", "", { try create($0, $1) }),
        ("GET", "/{fieldId}", { try get($0, $1) }),
        ("PUT", "/{fieldId}", { try update($0, $1) }),
        ("DELETE", "/{fieldId}", { try delete($0, $1) }),
        ("GET", "/{fieldId}/allowed-values", { try listValues($0, $1) }),
        ("POST", "/{fieldId}/allowed-values", { try addValues($0, $1) }),
        ("PUT", "/{fieldId}/allowed-values/{value}", { try updateValue($0, $1) }),
        ("DELETE", "/{fieldId}/allowed-values/{value}", { try deleteValue($0, $1) }),
    ]

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        for operation in operations {
            table.project(operation.method, projectBase + operation.path) { try operation.handler($0, .project($0.projectID)) }
            let write = operation.method != "GET"
            table.site(operation.method, siteBase + operation.path) { context in
                if write { try siteAdmin(context) }
                return try operation.handler(context, .site)
            }
        }
    }

    /// Site fields apply to every project: only site administrators change them.
    static func siteAdmin(_ context: SiteRequest) throws { try context.app.requireSiteAdmin(context.caller) }

    typealias FieldRequest = RequestReading & StoreAccess

    static func kind(_ context: some FieldRequest) throws -> ObjectKind { try FieldObjectType.parse(context.pathString("objectType")) }

    // MARK: Fields

    static func list(_ context: some FieldRequest, _ scope: FieldScope) throws -> HTTPResponse {
        let kind = try kind(context)
        let includeInactive = try context.queryBool("includeInactive") ?? false
        // The site list is paged (page/pageSize); a project's is the whole dictionary.
        let page = scope == .site ? try PageRequest(context) : nil
        var total = 0
        var response = try context.read(answering: 200) { db in
            let fields = try FieldSettings.list(db, scope, kind, includeInactive: includeInactive)
            total = fields.count
            let shown = page.map { $0.paging.window(fields) } ?? fields
            return .array(try shown.map { try FieldWire.encode($0, scope, db, context) })
        }
        if page != nil { response.headers["X-Item-Total"] = String(total) }
        return response
    }

    static func get(_ context: some FieldRequest, _ scope: FieldScope) throws -> HTTPResponse {
        let kind = try kind(context)
        let id = try context.pathID("fieldId")
        return try context.read(answering: 200) { db in
            try FieldWire.encode(try FieldSettings.get(db, scope, kind, id), scope, db, context)
        }
    }

    static func create(_ context: some FieldRequest, _ scope: FieldScope) throws -> HTTPResponse {
        let kind = try kind(context)
        let input = try FieldRequestParsing.field(try context.jsonBody())
        return try context.write(answering: 201) { db in
            try FieldWire.encode(try FieldSettings.create(db, scope, kind, input), scope, db, context)
        }
    }

    static func update(_ context: some FieldRequest, _ scope: FieldScope) throws -> HTTPResponse {
        let kind = try kind(context)
        let id = try context.pathID("fieldId")
        let input = try FieldRequestParsing.field(try context.jsonBody())
        return try context.write(answering: 200) { db in
            try FieldWire.encode(try FieldSettings.update(db, scope, kind, id, input), scope, db, context)
        }
    }

    static func delete(_ context: some FieldRequest, _ scope: FieldScope) throws -> HTTPResponse {
        let kind = try kind(context)
        return try context.deleting("fieldId", "Field") { try FieldSettings.delete($0, scope, kind, $1) }
    }

    // MARK: Allowed values

    static func listValues(_ context: some FieldRequest, _ scope: FieldScope) throws -> HTTPResponse {
        let kind = try kind(context)
        let id = try context.pathID("fieldId")
        let page = try PageRequest(context)
        var total = 0
        var response = try context.read(answering: 200) { db in
            let field = try FieldSettings.get(db, scope, kind, id)
            try FieldAllowedValues.requireLookup(field)
            let values = try Fields.allowedValues(db, fieldId: field.id)
            total = values.count
            return .array(page.paging.window(values).map { FieldWire.encode($0) })
        }
        response.headers["X-Item-Total"] = String(total)
        return response
    }

    static func addValues(_ context: some FieldRequest, _ scope: FieldScope) throws -> HTTPResponse {
        let kind = try kind(context)
        let id = try context.pathID("fieldId")
        let inputs = try FieldRequestParsing.allowedValues(try context.jsonBody())
        return try context.write(answering: 201) { db in
            let field = try FieldSettings.owned(db, scope, kind, id)
            let added = try FieldAllowedValues.add(db, field, inputs)
            return ["links": [], "total": .number(added.count), "items": .array(added.map { FieldWire.encode($0) })]
        }
    }

    static func updateValue(_ context: some FieldRequest, _ scope: FieldScope) throws -> HTTPResponse {
        let kind = try kind(context)
        let id = try context.pathID("fieldId")
        let value = try context.pathID("value")
        let input = try FieldRequestParsing.allowedValue(try context.jsonBody())
        return try context.write(answering: 200) { db in
            let field = try FieldSettings.owned(db, scope, kind, id)
            return FieldWire.encode(try FieldAllowedValues.update(db, field, value, input))
        }
    }

    static func deleteValue(_ context: some FieldRequest, _ scope: FieldScope) throws -> HTTPResponse {
        let kind = try kind(context)
        let id = try context.pathID("fieldId")
        let value = try context.pathID("value")
        try context.write { db in
            try FieldAllowedValues.delete(db, try FieldSettings.owned(db, scope, kind, id), value)
        }
        return .okMessage("Allowed value \(value) was deleted")
    }
}
