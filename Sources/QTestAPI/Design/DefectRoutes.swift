import Foundation
import HTTPServer
import QTestStore

/// DefectApi: submit, read and update internal defects; the recently-changed list.
/// Comments: ``ArtifactCommentRoutes``.
enum DefectRoutes: RouteGroup {
    static let base = "/api/v3/projects/{projectId}/defects"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("POST", base) { context in
            let body = try context.jsonBody().requireObject()
            let properties = try ExecutionWire.propertyInputs(body)
            return try context.write(answering: 201) { db in
                let defect = try Defects.submit(db, projectId: context.projectID, properties, by: context.caller.userID, at: context.now)
                try ObjectProperties.requireValues(db, projectId: defect.projectId, fieldKind: .defect, valueKind: .defect, objectId: defect.id)
                return try encode(defect, db, context)
            }
        }

        table.project("GET", base + "/last-change") { context in
            guard let text = context.queryString("startTime") else { throw APIError.badRequest("Query parameter 'startTime' is required") }
            guard let since = QTestDate.parse(text) else { throw APIError.badRequest("Query parameter 'startTime' is not a valid date: '\(text)'") }
            let page = try PageRequest(context, sizeKey: "size", defaultSize: 100)
            return try context.read(answering: 200) { db in
                return .array(try Defects.changed(db, projectId: context.projectID, since: since, paging: page.paging).map { try encode($0, db, context) })
            }
        }

        table.project("GET", base + "/{defectId}") { context in
            let key = context.pathString("defectId")
            return try context.read(answering: 200) { db in
                return try encode(try DefectRecord.get(db, projectId: context.projectID, idOrPid: key), db, context)
            }
        }

        table.project("PUT", base + "/{defectId}") { context in
            try context.updating("defectId", draft: { try ExecutionWire.propertyInputs($0) }) { db, id, properties in
                try encode(try Defects.update(db, projectId: context.projectID, id, properties, by: context.caller.userID, at: context.now), db, context)
            }
        }
    }

    /// `DefectResource`.
    static func encode(_ d: DefectRecord, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        [
            "links": [Wire.link("self", Wire.href(context, "/api/v3/projects/\(d.projectId)/defects/\(d.id)"))],
            "properties": ExecutionWire.properties(try ObjectProperties.read(db, projectId: d.projectId, .defect, d.id)),
            "attachments": try AttachmentWire.list(of: .defect, d.id, db, context),
            "id": .int(d.id),
            "pid": .string(d.pid),
            "submitted_date": Wire.date(d.submittedDate),
            "last_modified_date": Wire.date(d.lastModifiedDate),
            "submitter_id": .optional(d.submitterId),
            "last_modified_user_id": .optional(d.lastModifiedUserId),
            "web_url": ExecutionWire.webURL(context, projectID: d.projectId, tab: "defects", object: 17, id: d.id),
        ]
    }
}
