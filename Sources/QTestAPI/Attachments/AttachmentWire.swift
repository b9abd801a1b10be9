import Foundation
import QTestStore

/// `AttachmentResource` for attachments listed inside other objects (logs, defects). `data`
/// is only ever sent by clients on upload, so it is left out.
enum AttachmentWire {
    static func encode(_ attachment: AttachmentRecord, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        let path = "/api/v3/projects/\(attachment.projectId)/\(attachment.objectType)/\(attachment.objectId)/attachments/\(attachment.id)"
        let author = try attachment.authorId.flatMap { try Users.find(db, $0) }
        return [
            "links": [Wire.link("self", Wire.href(context, path))],
            "id": .int(attachment.id),
            "name": .string(attachment.name),
            "content_type": .string(attachment.contentType),
            "created_date": Wire.date(attachment.createdDate),
            "web_url": .string(Wire.href(context, path)),
            "artifact_id": .int(attachment.objectId),
            "author": author.map { user in
                ["id": .int(user.id), "email": .string(user.email), "first_name": .string(user.firstName), "last_name": .string(user.lastName)] as JSON
            } ?? .null,
        ]
    }

    /// The attachments of an object, encoded.
    static func list(of kind: ObjectKind, _ id: Int64, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        .array(try Attachments.list(db, of: kind, id).map { try encode($0, db, context) })
    }
}
