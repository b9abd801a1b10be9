import GRDB

/// The base protocol of the store's record structs: Codable GRDB records whose
/// camelCase properties map to snake_case columns (`firstName` ↔ `first_name`).
///
/// Records are plain values; the API layer writes the wire JSON from them.
public protocol StoreRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {}

extension StoreRecord {
    /// camelCase properties ↔ snake_case columns.
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .custom { column in ColumnNames.Key(stringValue: ColumnNames.key(forColumn: column)) }
    }
    /// camelCase properties ↔ snake_case columns.
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy {
        .custom { key in ColumnNames.column(forKey: key.stringValue) }
    }
}

/// One page of a list, 1-based.
///
/// ```swift
/// let page = Paging(page: 2, pageSize: 100)   // OFFSET 100 LIMIT 100
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
    /// SQL `OFFSET`.
    public var offset: Int { limit < 0 ? 0 : (page - 1) * limit }
}

/// A page of items plus the total count, for wrapper responses
/// (`{"page":1,"page_size":100,"total":3,"items":[…]}`).
public struct PagedResult<Item: Sendable>: Sendable {
    /// The items of this page.
    public var items: [Item]
    /// The number of items over all pages.
    public var total: Int
    /// The page requested.
    public var page: Int
    /// The page size requested (nil = all).
    public var pageSize: Int?

    /// Creates a page.
    public init(items: [Item], total: Int, page: Int, pageSize: Int?) {
        self.items = items
        self.total = total
        self.page = page
        self.pageSize = pageSize
    }
}

extension PagedResult: Equatable where Item: Equatable {}
