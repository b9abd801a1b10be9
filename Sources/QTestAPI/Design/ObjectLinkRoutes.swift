import Foundation
import HTTPServer
import QTestStore

/// ObjectLinkApi: link and unlink artifacts by id (`…/{objectType}/{objectId}/link?type=`) or
/// by PID (`…/{objectType}/{objectId}/{linkType}` with a body of PIDs), and read the links of
/// several objects at once (`linked-artifacts?type=&ids=a&ids=b`).
enum ObjectLinkRoutes: RouteGroup {
    static let base = "/api/v3/projects/{projectId}"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("GET", base + "/linked-artifacts") { context in
            let kind = try linkableKind(context.queryString("type"), "type")
            let ids = try context.queryIDs("ids")
            let pids = context.queryList("pids")
            return try context.read(answering: 200) { db in
                var objects = try ids.map { try ObjectLinks.get(db, projectId: context.projectID, kind, $0) }
                for pid in pids {
                    guard let o = try ObjectLinks.find(db, projectId: context.projectID, kind, pid: pid) else {
                        throw APIError.notFound("\(kind.rawValue) \(pid) does not exist")
                    }
                    objects.append(o)
                }
                return .array(try objects.map { try container($0, db, context.projectID, context) })
            }
        }

        for method in ["POST", "DELETE"] {
            table.project(method, base + "/{objectType}/{objectId}/link") { context in
                let sourceKind = try linkableKind(context.pathString("objectType"), "objectType")
                let sourceID = try context.pathID("objectId")
                let targetKind = try linkableKind(context.queryString("type"), "type")
                let ids = try idList(try context.jsonBody())
                return try context.write(answering: 200) { db in
                    if method == "POST" {
                        try ObjectLinks.link(db, projectId: context.projectID, sourceKind, sourceID, to: targetKind, ids, at: context.now)
                    } else {
                        try ObjectLinks.unlink(db, projectId: context.projectID, sourceKind, sourceID, from: targetKind, ids)
                    }
                    let source = try ObjectLinks.get(db, projectId: context.projectID, sourceKind, sourceID)
                    return .array([try container(source, db, context.projectID, context, only: targetKind)])
                }
            }
        }

        for method in ["POST", "DELETE"] {
            table.project(method, base + "/{objectType}/{objectId}/{linkType}") { context in
                // Any other POST/DELETE of this shape is not an API path.
                guard let sourceKind = ObjectLinks.kind(context.pathString("objectType")),
                      let targetKind = ObjectLinks.kind(context.pathString("linkType")) else {
                    throw APIError.notFound("No API found for \(context.request.method) \(context.request.path)")
                }
                let sourceID = try context.pathID("objectId")
                guard let pids = try context.jsonBody().arrayValue?.map({ $0.stringValue ?? "" }) else {
                    throw APIError.badRequest("Request body must be an array of PIDs")
                }
                return try context.write(answering: 200) { db in
                    let targets = try pids.map { pid in
                        guard let o = try ObjectLinks.find(db, projectId: context.projectID, targetKind, pid: pid) else {
                            throw APIError.badRequest("\(targetKind.rawValue) \(pid) does not exist in project \(context.projectID)")
                        }
                        return o
                    }
                    if method == "DELETE" {
                        try ObjectLinks.unlink(db, projectId: context.projectID, sourceKind, sourceID, from: targetKind, targets.map(\.id))
                        return .array(targets.compactMap { $0.pid.map(JSON.string) })
                    }
                    try ObjectLinks.link(db, projectId: context.projectID, sourceKind, sourceID, to: targetKind, targets.map(\.id), at: context.now)
                    let linked = try ObjectLinks.linked(db, projectId: context.projectID, sourceKind, sourceID, of: targetKind)
                    let objects: [JSON] = linked.map {
                        ["id": .int($0.id), "pid": .optional($0.pid), "link_type": .string(ObjectLinks.linkType(from: sourceKind, to: targetKind))]
                    }
                    return [["id": .int(sourceID), "objects": .array(objects)] as JSON]
                }
            }
        }
    }

    static func linkableKind(_ name: String?, _ parameter: String) throws -> ObjectKind {
        guard let name else { throw APIError.badRequest("Parameter '\(parameter)' is required") }
        guard let kind = ObjectLinks.kind(name) else {
            throw APIError.badRequest("Invalid \(parameter) '\(name)'. Valid values: releases, builds, requirements, test-cases, test-runs, test-logs, test-steps, defects")
        }
        return kind
    }

    /// The body of an id link call: `[1, 2, "3"]`.
    static func idList(_ body: JSON) throws -> [Int64] {
        guard let items = body.arrayValue else { throw APIError.badRequest("Request body must be an array of ids") }
        return try items.map {
            guard let id = $0.int64Value else { throw APIError.badRequest("Request body must be an array of ids") }
            return id
        }
    }

    /// `LinkedArtifactContainer`: the object and everything linked to it (or only `only`).
    static func container(_ object: LinkedObject, _ db: StoreDatabase, _ projectID: Int64, _ context: some RequestReading,
                          only: ObjectKind? = nil) throws -> JSON {
        var objects: [JSON] = []
        for kind in ObjectLinks.linkableKinds where only == nil || only == kind {
            for linked in try ObjectLinks.linked(db, projectId: projectID, object.kind, object.id, of: kind) {
                objects.append([
                    "id": .int(linked.id),
                    "pid": .optional(linked.pid),
                    "link_type": .string(ObjectLinks.linkType(from: object.kind, to: kind)),
                    "self": .string(Wire.href(context, "/api/v3/projects/\(projectID)/\(kind.rawValue)/\(linked.id)")),
                ])
            }
        }
        return ["id": .int(object.id), "pid": .optional(object.pid), "objects": .array(objects)]
    }
}
