import Foundation
import GRDB

/// A comment on an artifact (`CommentResource`).
public struct CommentRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    /// ``ObjectKind`` raw value of the commented artifact (`test-cases`, `requirements`, `defects`, `test-runs`).
    public var objectType: String
    public var objectId: Int64
    public var content: String
    public var userId: Int64?
    public var created: Date
    public var updated: Date
}

/// Store operations on comments of any artifact; the caller has already checked that the
/// artifact exists in the project.
///
/// ```swift
/// let c = try Comments.add(db, projectId: 108781, .testCase, tc.id, content: "Looks good", by: uid, at: now)
/// let page = try Comments.list(db, .testCase, tc.id, paging: Paging(page: 1, pageSize: 100))
/// ```
public enum Comments {
    @discardableResult
    public static func add(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ objectId: Int64, content: String, by userId: Int64?,
                           at now: Date) throws -> CommentRecord {
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.badRequest("Comment content is required") }
        let c = CommentRecord(id: try IDs.next(db, .comment), projectId: projectId, objectType: kind.rawValue, objectId: objectId,
                              content: content, userId: userId, created: now, updated: now)
        try c.insert(db)
        return c
    }

    /// Comments of an artifact, oldest first.
    public static func list(_ db: Database, _ kind: ObjectKind, _ objectId: Int64, paging: Paging) throws -> PagedResult<CommentRecord> {
        try PagedQuery<CommentRecord>(from: "comments", where: "object_type = ? AND object_id = ?", [kind.rawValue, objectId], orderBy: "id")
            .fetch(db, paging)
    }

    /// Comment `id` of the artifact; 404 when it belongs to another artifact.
    public static func get(_ db: Database, _ kind: ObjectKind, _ objectId: Int64, _ id: Int64) throws -> CommentRecord {
        guard let c = try CommentRecord.fetchOne(db, key: id), c.objectType == kind.rawValue, c.objectId == objectId else {
            throw StoreError.notFound("Comment does not exist")
        }
        return c
    }

    @discardableResult
    public static func update(_ db: Database, _ kind: ObjectKind, _ objectId: Int64, _ id: Int64, content: String, at now: Date) throws -> CommentRecord {
        var c = try get(db, kind, objectId, id)
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.badRequest("Comment content is required") }
        c.content = content
        c.updated = now
        try c.update(db)
        return c
    }

    public static func delete(_ db: Database, _ kind: ObjectKind, _ objectId: Int64, _ id: Int64) throws {
        let c = try get(db, kind, objectId, id)
        _ = try c.delete(db)
    }
}
