import Foundation
import GRDB

/// A stored file attached to an object (`AttachmentResource` on the wire).
public struct AttachmentRecord: StoreRecord, Identifiable {
    /// Table `attachments`.
    public static let databaseTableName = "attachments"
    public var id: Int64
    public var projectId: Int64
    /// The owner's ``ObjectKind`` raw value (`test-logs`, `test-cases`, …).
    public var objectType: String
    public var objectId: Int64
    public var name: String
    public var contentType: String
    public var data: Data
    public var size: Int
    public var authorId: Int64?
    public var createdDate: Date
}

/// Store operations on attachments.
///
/// ```swift
/// try Attachments.add(db, projectId: p, to: .testLog, logId, name: "out.txt", contentType: "text/plain",
///                     data: Data("hello".utf8), by: userId, at: now)
/// ```
public enum Attachments {
    /// Stores a file on an object.
    @discardableResult
    public static func add(_ db: Database, projectId: Int64, to kind: ObjectKind, _ objectId: Int64, name: String,
                           contentType: String, data: Data, by authorId: Int64?, at now: Date) throws -> AttachmentRecord {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StoreError.badRequest("Attachment name is required") }
        let record = AttachmentRecord(id: try IDs.next(db, .attachment), projectId: projectId, objectType: kind.rawValue, objectId: objectId,
                                      name: trimmed, contentType: contentType.isEmpty ? "application/octet-stream" : contentType,
                                      data: data, size: data.count, authorId: authorId, createdDate: now)
        try record.insert(db)
        return record
    }

    /// The attachments of an object, oldest first.
    public static func list(_ db: Database, of kind: ObjectKind, _ objectId: Int64) throws -> [AttachmentRecord] {
        try AttachmentRecord.fetchAll(db, sql: "SELECT * FROM attachments WHERE object_type = ? AND object_id = ? ORDER BY id",
                                      arguments: [kind.rawValue, objectId])
    }
}
