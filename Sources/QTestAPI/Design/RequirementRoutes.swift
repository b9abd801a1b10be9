import Foundation
import HTTPServer
import QTestStore

/// RequirementApi: requirements under modules, their covering test cases' runs and defects,
/// and the traceability matrix. Comments: ``ArtifactCommentRoutes``.
enum RequirementRoutes: RouteGroup {
    static let base = "/api/v3/projects/{projectId}/requirements"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("GET", base) { context in
            let page = try PageRequest(context, sizeKey: "size", defaultSize: 20)
            let moduleID = try context.queryInt("parentId").flatMap { $0 == 0 ? nil : $0 }
            return try context.read(answering: 200) { db in
                let items = try Requirements.list(db, projectId: context.projectID, moduleId: moduleID, paging: page.paging).items
                return .array(try items.map { try encode($0, db, context) })
            }
        }

        table.project("POST", base) { context in
            let body = try context.jsonBody().requireObject()
            let parent = try context.queryInt("parentId") ?? body.optionalInt("parent_id")
            let draft = RequirementDraft(name: try body.requiredName(), moduleId: parent.flatMap { $0 == 0 ? nil : $0 },
                                         properties: try ExecutionWire.propertyInputs(body))
            return try context.write(answering: 200) { db in
                let requirement = try Requirements.create(db, projectId: context.projectID, draft, by: context.caller.userID, at: context.now)
                try ObjectProperties.requireValues(db, projectId: requirement.projectId, fieldKind: .requirement, valueKind: .requirement,
                                                   objectId: requirement.id)
                return try encode(requirement, db, context)
            }
        }

        table.project("GET", base + "/trace-matrix-report") { context in
            let page = try PageRequest(context, sizeKey: "size", defaultSize: 20)
            let fieldIDs = try context.queryIDs("fieldIds")
            return try context.read(answering: 200) { db in
                return try TraceMatrix.report(db, projectID: context.projectID, paging: page.paging, fieldIDs: fieldIDs, context)
            }
        }

        table.project("GET", base + "/{requirementId}") { context in
            try context.getting(RequirementRecord.self, "requirementId") { try encode($0, $1, context) }
        }

        table.project("PUT", base + "/{requirementId}") { context in
            let id = try context.pathID("requirementId")
            let body = try context.optionalJSONBody()
            let object = body.isNull ? JSON.object([]) : try body.requireObject()
            let name = object["name"].map { !$0.isNull } == true ? try object.requiredName() : nil
            let properties = object["properties"].map { !$0.isNull } == true ? try ExecutionWire.propertyInputs(object) : nil
            let parent = try context.queryInt("parentId") ?? object.optionalInt("parent_id")
            return try context.write(answering: 200) { db in
                var moveTo: Int64?? = nil
                if let parent { moveTo = .some(parent == 0 ? nil : parent) }
                let r = try Requirements.update(db, projectId: context.projectID, id, name: name, properties: properties, moveTo: moveTo, at: context.now)
                return try encode(r, db, context)
            }
        }

        table.project("DELETE", base + "/{requirementId}") { context in
            let id = try context.pathID("requirementId")
            try context.write { db in
                try Requirements.delete(db, projectId: context.projectID, id)
            }
            return .okMessage("Requirement deleted")
        }

        table.project("GET", base + "/{requirementId}/test-runs") { context in
            let id = try context.pathID("requirementId")
            let page = try PageRequest(context)
            let includeLatestLog = try context.queryBool("includeLatestLog") ?? false
            return try context.read(answering: 200) { db in
                _ = try RequirementRecord.get(db, projectId: context.projectID, id)
                let runs = try Requirements.testRunIDs(db, id, paging: page.paging)
                let items = try runs.items.compactMap { try RequirementRunWire.encode(db, runID: $0, includeLatestLog: includeLatestLog, context) }
                return Wire.paged(items, page: page.page, pageSize: page.reportedSize, total: runs.total)
            }
        }

        // Not in the vendor contract: the defects of the runs (and logs) of the cases covering
        // the requirement, as a bare array.
        table.project("GET", base + "/{requirementId}/defects") { context in
            let id = try context.pathID("requirementId")
            let page = try PageRequest(context)
            return try context.read(answering: 200) { db in
                _ = try RequirementRecord.get(db, projectId: context.projectID, id)
                let ids = try Requirements.defectIDs(db, id)
                let slice = page.paging.window(ids)
                return .array(try Defects.all(db, projectId: context.projectID, ids: Array(slice)).map { try DefectRoutes.encode($0, db, context) })
            }
        }
    }

    /// `RequirementResource`.
    static func encode(_ r: RequirementRecord, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        Wire.artifact(r, links: [Wire.link("self", Wire.href(context, "/api/v3/projects/\(r.projectId)/requirements/\(r.id)"))], [
            "properties": ExecutionWire.properties(try ObjectProperties.read(db, projectId: r.projectId, .requirement, r.id)),
            "web_url": ExecutionWire.webURL(context, projectID: r.projectId, tab: "requirements", object: 5, id: r.id),
            "parent_id": .optional(r.moduleId),
        ])
    }
}
