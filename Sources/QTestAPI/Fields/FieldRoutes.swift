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

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("GET", projectBase) { try list($0, .project($0.projectID)) }
        table.site("GET", siteBase) { try list($0, .site) }
        table.project("POST", projectBase) { try create($0, .project($0.projectID)) }
        table.site("POST", siteBase) { try siteAdmin($0); return try create($0, .site) }

        table.project("GET", projectBase + "/{fieldId}") { try get($0, .project($0.projectID)) }
        table.site("GET", siteBase + "/{fieldId}") { try get($0, .site) }
        table.project("PUT", projectBase + "/{fieldId}") { try update($0, .project($0.projectID)) }
        table.site("PUT", siteBase + "/{fieldId}") { try siteAdmin($0); return try update($0, .site) }
        table.project("DELETE", projectBase + "/{fieldId}") { try delete($0, .project($0.projectID)) }
        table.site("DELETE", siteBase + "/{fieldId}") { try siteAdmin($0); return try delete($0, .site) }

        table.project("GET", projectBase + "/{fieldId}/allowed-values") { try listValues($0, .project($0.projectID)) }
        table.site("GET", siteBase + "/{fieldId}/allowed-values") { try listValues($0, .site) }
        table.project("POST", projectBase + "/{fieldId}/allowed-values") { try addValues($0, .project($0.projectID)) }
        table.site("POST", siteBase + "/{fieldId}/allowed-values") { try siteAdmin($0); return try addValues($0, .site) }
        table.project("PUT", projectBase + "/{fieldId}/allowed-values/{value}") { try updateValue($0, .project($0.projectID)) }
        table.site("PUT", siteBase + "/{fieldId}/allowed-values/{value}") { try siteAdmin($0); return try updateValue($0, .site) }
        table.project("DELETE", projectBase + "/{fieldId}/allowed-values/{value}") { try deleteValue($0, .project($0.projectID)) }
        table.site("DELETE", siteBase + "/{fieldId}/allowed-values/{value}") { try siteAdmin($0); return try deleteValue($0, .site) }
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
        let id = try context.pathID("fieldId")
        try context.write { db in try FieldSettings.delete(db, scope, kind, id) }
        return .okMessage("Field \(id) was deleted")
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
