import Foundation
import GRDB

/// A stored file attached to an object (`AttachmentResource` on the wire), without its bytes:
/// those are in `attachment_blobs`, read on their own (``Attachments/bytes(_:_:)``) so lists
/// never load them.
public struct AttachmentRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    /// The owner's ``ObjectKind`` raw value (`test-logs`, `test-cases`, …).
    public var objectType: String
    public var objectId: Int64
    public var name: String
    public var contentType: String
    /// The number of bytes.
    public var size: Int
    public var authorId: Int64?
    public var createdDate: Date
}

/// Store operations on attachments. Uploads, the files inside test logs and the ones inside
/// step logs are the same objects: listed, read and deleted the same way.
///
/// ```swift
/// let a = try Attachments.add(db, projectId: p, to: .testLog, logId, name: "out.txt", contentType: "text/plain",
///                             data: Data("hello".utf8), by: userId, at: now)
/// try Attachments.bytes(db, a.id)                                 // Data("hello".utf8)
/// try Attachments.delete(db, projectId: p, of: .testLog, logId, a.id)
/// ```
public enum Attachments {
    /// The longest accepted file name (qTest's limit for names of artifacts).
    public static let maxNameLength = 500

    /// Stores a file on an object (the caller has checked that the object exists).
    @discardableResult
    public static func add(_ db: Database, projectId: Int64, to kind: ObjectKind, _ objectId: Int64, name: String,
                           contentType: String, data: Data, by authorId: Int64?, at now: Date) throws -> AttachmentRecord {
        let (trimmed, type) = try checked(name: name, contentType: contentType)
        let record = AttachmentRecord(id: try IDs.next(db, .attachment), projectId: projectId, objectType: kind.rawValue, objectId: objectId,
                                      name: trimmed, contentType: type, size: data.count, authorId: authorId, createdDate: now)
        try record.insert(db)
        try AttachmentBlobs.write(db, record.id, data)
        return record
    }

    /// The name and content type ``add(_:projectId:to:_:name:contentType:data:by:at:)`` stores for
    /// these, or its refusal.
    static func checked(name: String, contentType: String) throws -> (name: String, contentType: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StoreError.badRequest("Attachment name is required") }
        guard trimmed.count <= maxNameLength else {
            throw StoreError.badRequest("Attachment name must be at most \(maxNameLength) characters")
        }
        // A name is echoed in download headers and a NUL would cut it short in SQLite.
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw StoreError.badRequest("Attachment name must not contain control characters")
        }
        let type = contentType.trimmingCharacters(in: .whitespaces)
        guard type.count <= maxNameLength, !type.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw StoreError.badRequest("Content type must be at most \(maxNameLength) characters, without control characters")
        }
        return (trimmed, type.isEmpty ? "application/octet-stream" : type)
    }

    /// A file for ``addAll(_:projectId:_:by:at:)``.
    struct NewFile {
        let kind: ObjectKind
        let objectId: Int64
        let name: String
        let contentType: String
        let data: Data
    }

    /// ``add(_:projectId:to:_:name:contentType:data:by:at:)`` for many files, in their order:
    /// the same rows, checked the same way (each distinct name and type once), written with
    /// multi-row INSERTs. Files of no bytes or over a mebibyte take `add`'s blob writer.
    static func addAll(_ db: Database, projectId: Int64, _ files: [NewFile], by authorId: Int64?, at now: Date) throws {
        guard !files.isEmpty else { return }
        var checkedNames: [String: (name: String, contentType: String)] = [:]
        let first = try IDs.block(db, .attachment, count: files.count)
        let created = StorageDate.text(now)
        var rows: [[(any DatabaseValueConvertible)?]] = [], blobs: [[(any DatabaseValueConvertible)?]] = [], large: [(Int64, Data)] = []
        rows.reserveCapacity(files.count)
        for (i, file) in files.enumerated() {
            let key = file.name + "\u{0}" + file.contentType
            let stored: (name: String, contentType: String)
            if let known = checkedNames[key] { stored = known } else {
                stored = try checked(name: file.name, contentType: file.contentType)
                checkedNames[key] = stored
            }
            let id = first + Int64(i)
            rows.append([id, projectId, file.kind.rawValue, file.objectId, stored.name, stored.contentType, file.data.count, authorId, created])
            if file.data.isEmpty || file.data.count > 1 << 20 { large.append((id, file.data)) } else { blobs.append([id, file.data]) }
        }
        try BulkInsert.rows(db, into: "attachments", columns: ["id", "project_id", "object_type", "object_id", "name", "content_type", "size",
                                                               "author_id", "created_date"], rows)
        try BulkInsert.rows(db, into: "attachment_blobs", columns: ["attachment_id", "bytes"], blobs)
        for (id, data) in large { try AttachmentBlobs.write(db, id, data) }
    }

    /// The attachments of an object, oldest first.
    public static func list(_ db: Database, of kind: ObjectKind, _ objectId: Int64) throws -> [AttachmentRecord] {
        try AttachmentRecord.fetchAll(db, sql: "SELECT * FROM attachments WHERE object_type = ? AND object_id = ? ORDER BY id",
                                      arguments: [kind.rawValue, objectId])
    }

    /// Attachment `id` of object `kind`/`objectId` in `projectId`, or nil (one of another object is nil too).
    public static func find(_ db: Database, projectId: Int64, of kind: ObjectKind, _ objectId: Int64, _ id: Int64) throws -> AttachmentRecord? {
        try AttachmentRecord.fetchOne(db, sql: """
            SELECT * FROM attachments WHERE id = ? AND project_id = ? AND object_type = ? AND object_id = ?
            """, arguments: [id, projectId, kind.rawValue, objectId])
    }

    /// Like ``find(_:projectId:of:_:_:)`` but 404 when missing.
    public static func get(_ db: Database, projectId: Int64, of kind: ObjectKind, _ objectId: Int64, _ id: Int64) throws -> AttachmentRecord {
        guard let record = try find(db, projectId: projectId, of: kind, objectId, id) else {
            throw StoreError.notFound("Attachment \(id) does not exist")
        }
        return record
    }

    /// The bytes of attachment `id`, in one new buffer.
    public static func bytes(_ db: Database, _ id: Int64) throws -> Data {
        try AttachmentBlobs.read(db, id)
    }

    /// Deletes attachment `id` of object `kind`/`objectId` and its bytes; 404 "Blob Handle not
    /// found" (qTest's words) when there is no such attachment.
    public static func delete(_ db: Database, projectId: Int64, of kind: ObjectKind, _ objectId: Int64, _ id: Int64) throws {
        guard try find(db, projectId: projectId, of: kind, objectId, id) != nil else { throw StoreError.notFound("Blob Handle not found") }
        try db.execute(sql: "DELETE FROM attachments WHERE id = ?", arguments: [id])
    }

    /// A page of the project's attachments of one kind that match `query`, by id.
    public static func search(_ db: Database, projectId: Int64, _ query: AttachmentQuery, paging: Paging) throws -> PagedResult<AttachmentRecord> {
        var filter = "project_id = ? AND object_type = ?"
        var arguments: StatementArguments = [projectId, query.kind.rawValue]
        if let objectIds = query.objectIds {
            // Parsed integers, so they can be written into the SQL; an empty list matches nothing.
            filter += " AND object_id IN (\(objectIds.map(String.init).joined(separator: ",")))"
        }
        if let author = query.authorId {
            filter += " AND author_id = ?"
            _ = arguments.append(contentsOf: [author])
        }
        if let created = query.created {
            let (condition, bound) = created.sql(column: "created_date")
            filter += " AND " + condition
            _ = arguments.append(contentsOf: [bound])
        }
        return try PagedQuery<AttachmentRecord>(from: "attachments", where: filter, arguments, orderBy: "id").fetch(db, paging)
    }
}
