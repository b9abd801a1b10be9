import Foundation
import GRDB

/// `POST …/comments`: the comments of one object type in a project, narrowed by object,
/// author and creation time, oldest first.
///
/// ```swift
/// let filter = CommentSearch.Filter(kind: .testCase, author: 10001, start: QTestDate.parse("2026-02-01"))
/// let page = try CommentSearch.find(db, projectId: 108781, filter, paging: Paging(page: 1, pageSize: 100))
/// ```
public enum CommentSearch {
    /// The object types that have comments to query (the vendor lists these four).
    public static let kinds: [ObjectKind] = [.requirement, .testCase, .testRun, .defect]

    public struct Filter: Sendable, Equatable {
        public var kind: ObjectKind
        /// Comments of this object only.
        public var objectId: Int64?
        /// Comments by this user only.
        public var author: Int64?
        /// Created at or after.
        public var start: Date?
        /// Created before (exclusive); the API turns an inclusive end into this.
        public var end: Date?

        public init(kind: ObjectKind, objectId: Int64? = nil, author: Int64? = nil, start: Date? = nil, end: Date? = nil) {
            self.kind = kind; self.objectId = objectId; self.author = author; self.start = start; self.end = end
        }
    }

    public static func find(_ db: Database, projectId: Int64, _ filter: Filter, paging: Paging) throws -> PagedResult<CommentRecord> {
        var conditions = ["project_id = ?", "object_type = ?"]
        var arguments: [any DatabaseValueConvertible] = [projectId, filter.kind.rawValue]
        if let objectId = filter.objectId { conditions.append("object_id = ?"); arguments.append(objectId) }
        if let author = filter.author { conditions.append("user_id = ?"); arguments.append(author) }
        if let start = filter.start { conditions.append("created >= ?"); arguments.append(StorageDate.text(start)) }
        if let end = filter.end { conditions.append("created < ?"); arguments.append(StorageDate.text(end)) }
        return try PagedQuery<CommentRecord>(from: "comments", where: conditions.joined(separator: " AND "),
                                             StatementArguments(arguments), orderBy: "created, id").fetch(db, paging)
    }
}
