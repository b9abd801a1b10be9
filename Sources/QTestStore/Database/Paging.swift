import Foundation

/// One page of a list, 1-based: the only place page numbers become offsets.
///
/// Page numbers and sizes come straight from query strings, so the arithmetic saturates:
/// `page=9223372036854775807` is a page far past the end (no items), never an overflow.
///
/// ```swift
/// let page = Paging(page: 2, pageSize: 100)   // OFFSET 100 LIMIT 100
/// "SELECT * FROM t ORDER BY id \(page.sql)"    // "… LIMIT 100 OFFSET 100"
/// page.window(allIDs)                          // the same slice of an array
/// ```
public struct Paging: Sendable, Equatable {
    /// 1-based page number (values below 1 are treated as 1).
    public var page: Int
    /// Items per page; nil or a negative value means "all".
    public var pageSize: Int?

    /// Creates a page request.
    public init(page: Int = 1, pageSize: Int? = 100) {
        self.page = max(1, page)
        self.pageSize = pageSize
    }

    /// Every item.
    public static let all = Paging(page: 1, pageSize: nil)

    /// SQL `LIMIT` (-1 = no limit).
    public var limit: Int { guard let pageSize, pageSize >= 0 else { return -1 }; return pageSize }

    /// SQL `OFFSET`: `(page - 1) * limit`, saturating at `Int.max` (SQLite takes any int64).
    public var offset: Int {
        guard limit > 0 else { return 0 }
        let (value, overflow) = (max(1, page) - 1).multipliedReportingOverflow(by: limit)
        return overflow ? Int.max : value
    }

    /// `LIMIT n OFFSET m`, to append to a query that has its `ORDER BY`.
    public var sql: String { "LIMIT \(limit) OFFSET \(offset)" }

    /// This page of an in-memory list (empty past the end).
    public func window<C: Collection>(_ items: C) -> [C.Element] {
        guard limit >= 0 else { return Array(items) }
        return Array(items.dropFirst(offset).prefix(limit))
    }
}

