import Foundation
import HTTPServer
import QTestStore

/// BuildApi: list (by release), create, get, update, delete builds.
enum BuildRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("GET", "/api/v3/projects/{projectId}/builds") { context in
            guard let releaseID = try context.queryInt("releaseId") else {
                throw APIError.badRequest("Query parameter 'releaseId' is required")
            }
            return try context.read(answering: 200) { db in
                return .array(try Builds.list(db, projectId: context.projectID, releaseId: releaseID).map { try encode($0, db, context) })
            }
        }

        table.project("POST", "/api/v3/projects/{projectId}/builds") { context in
            let body = try context.jsonBody().requireObject()
            let name = try body.requiredName()
            guard let releaseID = try releaseID(body, context) else { throw APIError.badRequest("Field 'release' is required") }
            let properties = try ExecutionWire.propertyInputs(body)
            return try context.write(answering: 201) { db in
                let build = try Builds.create(db, projectId: context.projectID, releaseId: releaseID, name: name, properties: properties,
                                              by: context.caller.userID, at: context.now)
                try ObjectProperties.requireValues(db, projectId: build.projectId, fieldKind: .build, valueKind: .build, objectId: build.id)
                return try encode(build, db, context)
            }
        }

        table.project("GET", "/api/v3/projects/{projectId}/builds/{buildId}") { context in
            try context.getting(BuildRecord.self, "buildId") { try encode($0, $1, context) }
        }

        table.project("PUT", "/api/v3/projects/{projectId}/builds/{buildId}") { context in
            try context.updating("buildId", draft: { body in
                (name: body["name"] != nil ? try body.requiredName() : nil, releaseID: try releaseID(body, context),
                 properties: try ExecutionWire.propertyInputs(body))
            }) { db, id, change in
                let build = try Builds.update(db, projectId: context.projectID, id, name: change.name, releaseId: change.releaseID,
                                              properties: change.properties, at: context.now)
                return try encode(build, db, context)
            }
        }

        table.project("DELETE", "/api/v3/projects/{projectId}/builds/{buildId}") { context in
            try context.deleting("buildId", "Build") { try Builds.delete($0, projectId: context.projectID, $1) }
        }
    }

    /// The parent release: `release: {id}` in the body (the documented form), `release_id`, or
    /// `?releaseId=`.
    static func releaseID(_ body: JSON, _ context: some RequestReading) throws -> Int64? {
        if let release = try body.optionalObject("release") { return try release.requiredInt("id") }
        if let id = try body.optionalInt("release_id") { return id }
        return try context.queryInt("releaseId")
    }

    /// `BuildResource`, with its release.
    static func encode(_ b: BuildRecord, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        let release = try ReleaseRecord.find(db, projectId: b.projectId, b.releaseId)
        return Wire.artifact(b, links: [Wire.link("self", ExecutionWire.projectHref(context, b.projectId, "/builds/\(b.id)"))], [
            "properties": ExecutionWire.properties(try ObjectProperties.read(db, projectId: b.projectId, .build, b.id)),
            "release": try release.map { try ReleaseRoutes.encode($0, db, context) } ?? .null,
        ])
    }
}
