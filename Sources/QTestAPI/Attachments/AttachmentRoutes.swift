import Foundation
import HTTPServer
import QTestStore

/// AttachmentApi: upload a file to an object (`…/{objectType}/{objectId}/blob-handles`), list an
/// object's files, download one, delete one by its blob handle (the attachment id the upload
/// answered), and search a project's files of one object type.
///
/// The files inside test logs and step logs (automation uploads, `POST test-logs`) are the same
/// objects, so every attachment link the emulator writes resolves here. Uploads are capped at
/// `--max-attachment-bytes` (qTest SaaS: 50 MiB) before their body is read whole.
enum AttachmentRoutes: RouteGroup {
    static let base = "/api/v3/projects/{projectId}"
    static let object = base + "/{objectType}/{objectId}"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        let limit = RouteBodyLimit(maxBytes: app.options.maxAttachmentBytes, error: .payloadTooLarge("The attachment is too large"))

        table.project("POST", object + "/blob-handles", bodyLimit: limit) { context in
            let (kind, objectID) = try owner(context)
            let upload = try AttachmentUpload(context.request)
            return try context.write(answering: 201) { db in
                try AttachmentOwners.requireExisting(db, projectId: context.projectID, kind, objectID)
                let attachment = try Attachments.add(db, projectId: context.projectID, to: kind, objectID, name: upload.name,
                                                     contentType: upload.contentType, data: upload.data, by: context.caller.userID, at: context.now)
                return try AttachmentWire.encode(attachment, db, context)
            }
        }

        table.project("GET", object + "/attachments") { context in
            let (kind, objectID) = try owner(context)
            return try context.read(answering: 200) { db in
                try AttachmentOwners.requireExisting(db, projectId: context.projectID, kind, objectID)
                return try AttachmentWire.list(of: kind, objectID, db, context)
            }
        }

        table.project("GET", object + "/attachments/{attachmentId}") { context in
            let (kind, objectID) = try owner(context)
            let attachmentID = try context.pathID("attachmentId")
            // qTest's switch for files its malware scan did not clear; nothing here is held back.
            _ = try context.queryBool("forceDownload")
            let (attachment, bytes) = try context.read { db in
                try AttachmentOwners.requireExisting(db, projectId: context.projectID, kind, objectID)
                let attachment = try Attachments.get(db, projectId: context.projectID, of: kind, objectID, attachmentID)
                return (attachment, try Attachments.bytes(db, attachment.id))
            }
            return AttachmentDownload.response(attachment, bytes)
        }

        table.project("DELETE", object + "/blob-handles/{blobHandleId}") { context in
            let (kind, objectID) = try owner(context)
            let attachmentID = try context.pathID("blobHandleId")
            try context.write { db in
                try AttachmentOwners.requireExisting(db, projectId: context.projectID, kind, objectID)
                try Attachments.delete(db, projectId: context.projectID, of: kind, objectID, attachmentID)
            }
            return .okMessage("Attachment \(attachmentID) was deleted")
        }

        table.project("GET", base + "/attachments") { context in
            let query = try AttachmentSearchQuery.parse(context)
            let page = try PageRequest(context)
            return try context.read(answering: 200) { db in
                let result = try Attachments.search(db, projectId: context.projectID, query, paging: page.paging)
                return Wire.paged(try result.items.map { try AttachmentWire.encode($0, db, context) },
                                  page: page.page, pageSize: page.reportedSize, total: result.total)
            }
        }
    }

    /// The `{objectType}`/`{objectId}` of the path: an object type that takes attachments (400
    /// naming the valid ones otherwise) and a numeric id.
    static func owner(_ context: ProjectRequest) throws -> (ObjectKind, Int64) {
        let type = context.pathString("objectType")
        guard let kind = AttachmentOwners.kind(type) else {
            throw APIError.badRequest("Invalid objectType '\(type)'. Valid values: \(AttachmentOwners.names)")
        }
        return (kind, try context.pathID("objectId"))
    }
}
