import Foundation
import GRDB

/// The base protocol of the store's record structs: Codable GRDB records whose
/// camelCase properties map to snake_case columns (`firstName` ↔ `first_name`), and whose
/// names map to their tables the same way (`TestCaseVersionRecord` ↔ `test_case_versions`).
///
/// Records are plain values; the API layer writes the wire JSON from them.
public protocol StoreRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {}

extension StoreRecord {
    /// The type's name without `Record`, snake_cased and in the plural: `DefectRecord` →
    /// `defects`, `CISettingRecord` → `ci_settings`, `ExecutionStatusRecord` →
    /// `execution_statuses`, `WebhookDeliveryRecord` → `webhook_deliveries`. A record whose
    /// table is named otherwise declares its own `databaseTableName`.
    public static var databaseTableName: String { ColumnNames.table(for: Self.self) }

    /// camelCase properties ↔ snake_case columns.
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .custom { column in ColumnNames.Key(stringValue: ColumnNames.key(forColumn: column)) }
    }
    /// camelCase properties ↔ snake_case columns.
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy {
        .custom { key in ColumnNames.column(forKey: key.stringValue) }
    }

    /// Every row of the record's table, by id: the site-wide lists (profiles, groups,
    /// templates, directories) and the exporter's sections.
    public static func allByID(_ db: Database) throws -> [Self] {
        try fetchAll(db, sql: "SELECT * FROM \(databaseTableName) ORDER BY id")
    }
}

/// A record that keeps when it last changed (a `last_modified_date` column): every change is
/// saved through ``update(_:modifiedAt:)``, so none forgets the stamp.
public protocol ModifiableRecord: StoreRecord {
    var lastModifiedDate: Date { get set }
}

extension ModifiableRecord {
    /// Saves the record's changes (every column), stamped as made at `now`.
    public mutating func update(_ db: Database, modifiedAt now: Date) throws {
        lastModifiedDate = now
        try update(db)
    }
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
