import GRDB

/// The one way a list is read a page at a time: a `COUNT(*)` for the total and the page itself
/// with the same filter, so the two can never disagree, and the offset from ``Paging`` (which
/// cannot overflow).
///
/// ```swift
/// let page = try PagedQuery<TestLogRecord>(from: "test_logs", where: "test_run_id = ?", [runId], orderBy: "id")
///     .fetch(db, paging)
/// ```
public struct PagedQuery<Record: FetchableRecord & Sendable> {
    let table: String
    let filter: String
    let arguments: StatementArguments
    let order: String

    /// - Parameters:
    ///   - table: the table to read.
    ///   - filter: an SQL condition (without `WHERE`), or "" for every row.
    ///   - arguments: the filter's arguments.
    ///   - orderBy: the `ORDER BY` list; end it with a unique column so pages never overlap.
    public init(from table: String, where filter: String = "", _ arguments: StatementArguments = [], orderBy: String) {
        self.table = table
        self.filter = filter
        self.arguments = arguments
        self.order = orderBy
    }

    /// The page, and the total over all pages.
    public func fetch(_ db: Database, _ paging: Paging) throws -> PagedResult<Record> {
        let whereSQL = filter.isEmpty ? "" : "WHERE \(filter)"
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) \(whereSQL)", arguments: arguments) ?? 0
        let items = try Record.fetchAll(db, sql: "SELECT * FROM \(table) \(whereSQL) ORDER BY \(order) \(paging.sql)", arguments: arguments)
        return PagedResult(items: items, total: total, page: paging.page, pageSize: paging.pageSize)
    }
}
