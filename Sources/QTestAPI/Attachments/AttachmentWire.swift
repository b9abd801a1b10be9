import Foundation
import QTestStore

/// `AttachmentResource`, in the contract's key order: `links, name, content_type, id, web_url,
/// created_date, author, artifact_id`. `data` is only ever sent by clients on upload, so it is
/// left out; `author` is left out when the uploader is unknown (or was deleted).
enum AttachmentWire {
    static func encode(_ attachment: AttachmentRecord, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        let author = try attachment.authorId.flatMap { try Users.find(db, $0) }
        return [
            "links": [Wire.link("self", Wire.href(context, selfPath(attachment)))],
            "name": .string(attachment.name),
            "content_type": .string(attachment.contentType),
            "id": .int(attachment.id),
            "web_url": .string(webURL(attachment, context)),
            "created_date": Wire.date(attachment.createdDate),
            "author": author.map { user in
                ["id": .int(user.id), "email": .string(user.email), "first_name": .string(user.firstName), "last_name": .string(user.lastName)] as JSON
            } ?? .null,
            "artifact_id": .int(attachment.objectId),
        ]
    }

    /// The attachments of an object, encoded.
    static func list(of kind: ObjectKind, _ id: Int64, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        .array(try Attachments.list(db, of: kind, id).map { try encode($0, db, context) })
    }

    /// `/api/v3/projects/{p}/{objectType}/{objectId}/attachments/{id}`: the download route.
    static func selfPath(_ attachment: AttachmentRecord) -> String {
        "/api/v3/projects/\(attachment.projectId)/\(attachment.objectType)/\(attachment.objectId)/attachments/\(attachment.id)"
    }

    /// The web client's address of the file: `…/p/{project}/portal/attachment/{type}/attachmentId/{id}`.
    /// `testcase` is the documented spelling (the spec's example); the other types follow it.
    static func webURL(_ attachment: AttachmentRecord, _ context: some RequestReading) -> String {
        let type = attachment.objectType.replacingOccurrences(of: "-", with: "").dropLast()  // test-cases → testcase
        return "\(context.baseURL)/p/\(attachment.projectId)/portal/attachment/\(type)/attachmentId/\(attachment.id)"
    }
}
