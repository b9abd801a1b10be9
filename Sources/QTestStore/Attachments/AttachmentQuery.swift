import Foundation

/// What `GET /projects/{id}/attachments` filters on: the owner kind (required), optionally some
/// owner ids, the author, and a comparison with the creation date.
///
/// ```swift
/// AttachmentQuery(kind: .testCase, objectIds: [40000001], authorId: 10001,
///                 created: AttachmentDateFilter(.greaterOrEqual, QTestDate.parse("2026-01-05")!))
/// ```
public struct AttachmentQuery: Sendable, Equatable {
    public var kind: ObjectKind
    /// Owner ids to keep; nil for every owner of the kind.
    public var objectIds: [Int64]?
    public var authorId: Int64?
    public var created: AttachmentDateFilter?

    public init(kind: ObjectKind, objectIds: [Int64]? = nil, authorId: Int64? = nil, created: AttachmentDateFilter? = nil) {
        self.kind = kind
        self.objectIds = objectIds
        self.authorId = authorId
        self.created = created
    }
}

/// `createdDate=<operator> <date>`: a creation date compared with `date` at the precision of
/// whole seconds, which is what clients see (`created_date` has no fraction on the wire), so
/// `eq` with a `created_date` a client read back finds that attachment.
public struct AttachmentDateFilter: Sendable, Equatable {
    /// qTest's operators: `lt`, `le`, `eq`, `ge`, `gt`.
    public enum Comparison: String, Sendable, CaseIterable {
        case less = "lt"
        case lessOrEqual = "le"
        case equal = "eq"
        case greaterOrEqual = "ge"
        case greater = "gt"
    }

    public var comparison: Comparison
    /// Compared by its whole second (the fraction is dropped).
    public var date: Date

    public init(_ comparison: Comparison, _ date: Date) {
        self.comparison = comparison
        self.date = date
    }

    /// An SQL condition on a GRDB date `column` and the one value it binds. Stored dates are
    /// `yyyy-MM-dd HH:mm:ss.SSS` text, which sorts as the dates do.
    func sql(column: String) -> (String, String) {
        let second = date.timeIntervalSince1970.rounded(.down)
        let start = StorageDate.text(Date(timeIntervalSince1970: second))
        let next = StorageDate.text(Date(timeIntervalSince1970: second + 1))
        switch comparison {
        case .less: return ("\(column) < ?", start)
        case .lessOrEqual: return ("\(column) < ?", next)
        case .greaterOrEqual: return ("\(column) >= ?", start)
        case .greater: return ("\(column) >= ?", next)
        case .equal: return ("substr(\(column), 1, 19) = ?", String(start.prefix(19)))
        }
    }
}
