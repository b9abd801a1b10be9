import Foundation
import HTTPServer
import QTestStore

/// ModuleApi: the test-design module tree. `expand=descendants` nests sub-modules as
/// `children` (at most ``TreeLimits/maxDepth`` levels per response); moves never go under the module's own subtree; deleting a non-empty module
/// needs `force=true`.
enum ModuleRoutes: RouteGroup {
    static let base = "/api/v3/projects/{projectId}/modules"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("GET", base) { context in
            let parentID = try context.queryInt("parentId").flatMap { $0 == 0 ? nil : $0 }
            let search = context.queryString("search")
            let descendants = expandsDescendants(context)
            return try context.read(answering: 200) { db in
                if let parentID { _ = try Modules.get(db, projectId: context.projectID, parentID) }
                let modules = try Modules.children(db, projectId: context.projectID, parentId: parentID, search: search)
                return .array(descendants ? try encodeTrees(modules, db, context) : modules.map { encode($0, context) })
            }
        }

        table.project("POST", base) { context in
            let body = try context.jsonBody().requireObject()
            // `?parentId=` (v6+) wins over the older body `parent_id`; 0 or absent = root.
            let parent = try context.queryInt("parentId") ?? body.optionalInt("parent_id")
            let draft = ModuleDraft(name: try body.requiredName(), description: try body.optionalString("description"),
                                    parentId: parent.flatMap { $0 == 0 ? nil : $0 }, shared: try body.optionalBool("shared") ?? false)
            return try context.write(answering: 201) { db in
                return encode(try Modules.create(db, projectId: context.projectID, draft, by: context.caller.userID, at: context.now), context)
            }
        }

        table.project("GET", base + "/{moduleId}") { context in
            let id = try context.pathID("moduleId")
            let descendants = expandsDescendants(context)
            return try context.read(answering: 200) { db in
                let module = try Modules.get(db, projectId: context.projectID, id)
                return descendants ? try encodeTrees([module], db, context).first ?? encode(module, context) : encode(module, context)
            }
        }

        table.project("PUT", base + "/{moduleId}") { context in
            let id = try context.pathID("moduleId")
            let queryParent = try context.queryInt("parentId")
            // With `?parentId=` the module only moves and the body is ignored (documented).
            let body = queryParent == nil ? try context.jsonBody().requireObject() : JSON.object([])
            let name = body["name"].map { !$0.isNull } == true ? try body.requiredName() : nil
            let description = try body.optionalString("description")
            let shared = try body.optionalBool("shared")
            let bodyParent = try body.optionalInt("parent_id")
            return try context.write(answering: 200) { db in
                var module = try Modules.get(db, projectId: context.projectID, id)
                if let target = queryParent ?? bodyParent {
                    module = try Modules.move(db, projectId: context.projectID, id, under: target == 0 ? nil : target, at: context.now)
                }
                if queryParent == nil {
                    module = try Modules.update(db, projectId: context.projectID, id, name: name, description: description, shared: shared, at: context.now)
                }
                return encode(module, context)
            }
        }

        table.project("DELETE", base + "/{moduleId}") { context in
            let id = try context.pathID("moduleId")
            let force = try context.queryBool("force") ?? false
            try context.write { db in
                try Modules.delete(db, projectId: context.projectID, id, force: force)
            }
            return .okMessage("Module deleted")
        }
    }

    static func expandsDescendants(_ context: some RequestReading) -> Bool {
        context.queryList("expand").contains { $0.lowercased() == "descendants" }
    }

    /// Each module with its subtree nested under `children` (`expand=descendants`), built
    /// without recursion and at most ``TreeLimits/maxDepth`` levels deep (see ``TreeNesting``).
    static func encodeTrees(_ tops: [ModuleRecord], _ db: StoreDatabase, _ context: some RequestReading) throws -> [JSON] {
        let rows = try Modules.subtrees(db, roots: tops.map(\.id))
        let nested = TreeNesting.nest(rows, roots: Set(tops.map(\.id)), id: \.id, parent: \.parentId) { module, children in
            encode(module, context).setting("children", .array(children))
        }
        return tops.map { nested[$0.id] ?? encode($0, context).setting("children", []) }
    }

    /// `ModuleResource`, without `children`.
    static func encode(_ m: ModuleRecord, _ context: some RequestReading) -> JSON {
        Wire.artifact(m, links: [Wire.link("self", Wire.href(context, "/api/v3/projects/\(m.projectId)/modules/\(m.id)"))], [
            "parent_id": .optional(m.parentId),
            "description": .optional(m.description),
            "shared": .bool(m.shared),
            "projects_shared_to": [],
            "tosca_guid": .optional(m.toscaGuid),
            "tosca_node_path": .optional(m.toscaNodePath),
        ])
    }
}
