import Foundation
import HTTPServer
import QTestStore

/// SiteTemplatesApi: list site templates, apply one to projects, remove it from projects.
enum SiteTemplateRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.add("GET", "/api/v3/site-templates") { context in
            _ = try context.user
            let json: JSON = try app.read { db in
                .array(try SiteTemplates.list(db).map { ["template_id": .int($0.id), "name": .string($0.name)] })
            }
            return .json(200, json)
        }

        table.site("POST", "/api/v3/site-templates/{templateId}/projects") { context in
            try app.requireSiteAdmin(context.caller)
            let templateID = try context.pathID("templateId")
            let body = try context.jsonBody().requireObject()
            guard let projectIDs = try body.optionalIntArray("project_ids"), !projectIDs.isEmpty else {
                throw APIError.badRequest("Field 'project_ids' is required")
            }
            return try context.write(answering: 200) { db in
                let projects = try projectIDs.map { try app.project(db, $0, for: context.caller) }
                try requireTemplate(db, templateID)
                try SiteTemplates.apply(db, templateId: templateID, to: projectIDs)
                return .array(try projects.map { try ProjectRoutes.encode(try Projects.get(db, $0.id), db, context) })
            }
        }

        table.site("DELETE", "/api/v3/site-templates/{templateId}/projects") { context in
            try app.requireSiteAdmin(context.caller)
            let templateID = try context.pathID("templateId")
            guard let entries = try context.jsonBody().arrayValue else {
                throw APIError.badRequest("Request body must be an array of project ids")
            }
            let projectIDs = try entries.map {
                guard let id = $0.int64Value else { throw APIError.badRequest("Request body must be an array of project ids") }
                return id
            }
            return try context.write(answering: 200) { db in
                let projects = try projectIDs.map { try app.project(db, $0, for: context.caller) }
                try requireTemplate(db, templateID)
                try SiteTemplates.remove(db, templateId: templateID, from: projectIDs)
                return .array(try projects.map { try ProjectRoutes.encode(try Projects.get(db, $0.id), db, context) })
            }
        }
    }

    static func requireTemplate(_ db: StoreDatabase, _ id: Int64) throws {
        guard try SiteTemplates.find(db, id) != nil else { throw APIError.notFound("Site template does not exist") }
    }
}
