import Foundation
import HTTPServer
import QTestStore

/// ReleaseApi: list, create, get, update, delete releases.
enum ReleaseRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("GET", "/api/v3/projects/{projectId}/releases") { context in
            let includeClosed = try context.queryBool("includeClosed") ?? false
            return try context.read(answering: 200) { db in
                return .array(try Releases.list(db, projectId: context.projectID, includeClosed: includeClosed).map { try encode($0, db, context) })
            }
        }

        table.project("POST", "/api/v3/projects/{projectId}/releases") { context in
            let body = try context.jsonBody().requireObject()
            let draft = try draft(body, requireName: true)
            return try context.write(answering: 201) { db in
                let release = try Releases.create(db, projectId: context.projectID, draft, by: context.caller.userID, at: context.now)
                try ObjectProperties.requireValues(db, projectId: release.projectId, fieldKind: .release, valueKind: .release, objectId: release.id)
                return try encode(release, db, context)
            }
        }

        table.project("GET", "/api/v3/projects/{projectId}/releases/{releaseId}") { context in
            try context.getting(ReleaseRecord.self, "releaseId") { try encode($0, $1, context) }
        }

        table.project("PUT", "/api/v3/projects/{projectId}/releases/{releaseId}") { context in
            try context.updating("releaseId", draft: { try draft($0, requireName: false) }) { db, id, draft in
                try encode(try Releases.update(db, projectId: context.projectID, id, draft, at: context.now), db, context)
            }
        }

        table.project("DELETE", "/api/v3/projects/{projectId}/releases/{releaseId}") { context in
            let force = try ExecutionWire.force(context)
            return try context.deleting("releaseId", "Release") { try Releases.delete($0, projectId: context.projectID, $1, force: force) }
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
    static func encode(_ r: ReleaseRecord, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        Wire.artifact(r, links: [Wire.link("self", ExecutionWire.projectHref(context, r.projectId, "/releases/\(r.id)"))], [
            "properties": ExecutionWire.properties(try ObjectProperties.read(db, projectId: r.projectId, .release, r.id)),
            "web_url": ExecutionWire.webURL(context, projectID: r.projectId, tab: "testplan", object: 8, id: r.id),
            "description": .optional(r.description),
            "note": .optional(r.note),
            "start_date": Wire.date(r.startDate),
            "end_date": Wire.date(r.endDate),
        ])
    }
}
