import Foundation
import HTTPServer
import QTestStore

/// ReleaseApi: list, create, get, update, delete releases.
enum ReleaseRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.add("GET", "/api/v3/projects/{projectId}/releases") { context in
            let caller = try context.user
            let projectID = try context.pathID("projectId")
            let includeClosed = try context.queryBool("includeClosed") ?? false
            let json: JSON = try app.read { db in
                try app.project(db, projectID, for: caller)
                return .array(try Releases.list(db, projectId: projectID, includeClosed: includeClosed).map { try encode($0, db, context) })
            }
            return .json(200, json)
        }

        table.add("POST", "/api/v3/projects/{projectId}/releases") { context in
            let caller = try context.user
            let projectID = try context.pathID("projectId")
            let body = try context.jsonBody().requireObject()
            let draft = try draft(body, requireName: true)
            let json: JSON = try app.write { db in
                try app.project(db, projectID, for: caller)
                let release = try Releases.create(db, projectId: projectID, draft, by: caller.userID, at: app.now)
                return try encode(release, db, context)
            }
            return .json(201, json)
        }

        table.add("GET", "/api/v3/projects/{projectId}/releases/{releaseId}") { context in
            let caller = try context.user
            let projectID = try context.pathID("projectId")
            let id = try context.pathID("releaseId")
            let json: JSON = try app.read { db in
                try app.project(db, projectID, for: caller)
                return try encode(try Releases.get(db, projectId: projectID, id), db, context)
            }
            return .json(200, json)
        }

        table.add("PUT", "/api/v3/projects/{projectId}/releases/{releaseId}") { context in
            let caller = try context.user
            let projectID = try context.pathID("projectId")
            let id = try context.pathID("releaseId")
            let body = try context.jsonBody().requireObject()
            let draft = try draft(body, requireName: false)
            let json: JSON = try app.write { db in
                try app.project(db, projectID, for: caller)
                return try encode(try Releases.update(db, projectId: projectID, id, draft, at: app.now), db, context)
            }
            return .json(200, json)
        }

        table.add("DELETE", "/api/v3/projects/{projectId}/releases/{releaseId}") { context in
            let caller = try context.user
            let projectID = try context.pathID("projectId")
            let id = try context.pathID("releaseId")
            let force = try ExecutionWire.force(context)
            try app.write { db in
                try app.project(db, projectID, for: caller)
                try Releases.delete(db, projectId: projectID, id, force: force)
            }
            return .okMessage("Release \(id) was deleted")
        }
    }

    static func draft(_ body: JSON, requireName: Bool) throws -> ReleaseDraft {
        ReleaseDraft(
            name: requireName || body["name"] != nil ? try body.requiredName() : nil,
            description: try body.optionalString("description"),
            note: try body.optionalString("note"),
            startDate: try ExecutionWire.date(body, "start_date"),
            endDate: try ExecutionWire.date(body, "end_date"),
            properties: try ExecutionWire.propertyInputs(body))
    }

    /// `ReleaseWithCustomFieldResource`.
    static func encode(_ r: ReleaseRecord, _ db: StoreDatabase, _ context: RequestContext) throws -> JSON {
        [
            "links": [Wire.link("self", ExecutionWire.projectHref(context, r.projectId, "/releases/\(r.id)"))],
            "id": .int(r.id),
            "name": .string(r.name),
            "order": .number(r.sortOrder),
            "pid": .string(r.pid),
            "created_date": Wire.date(r.createdDate),
            "last_modified_date": Wire.date(r.lastModifiedDate),
            "properties": ExecutionWire.properties(try ObjectProperties.read(db, projectId: r.projectId, .release, r.id)),
            "web_url": ExecutionWire.webURL(context, projectID: r.projectId, tab: "testplan", object: 8, id: r.id),
            "description": .optional(r.description),
            "note": .optional(r.note),
            "start_date": Wire.date(r.startDate),
            "end_date": Wire.date(r.endDate),
        ]
    }
}
