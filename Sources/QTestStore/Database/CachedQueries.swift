import GRDB

/// Hot-path queries through GRDB's statement cache.
///
/// `fetchOne(db, sql:)` and `db.execute(sql:)` compile their SQL on every call (and run GRDB's
/// authorizer over it); for statements that run once per row of a large upload that compile
/// dominated. These compile once per connection.
extension Database {
    /// `Value.fetchOne` on a cached statement.
    func cachedValue<Value: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: Value.Type, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Value? {
        try Value.fetchOne(try cachedStatement(sql: sql), arguments: arguments)
    }

    /// `execute` on a cached statement.
    func cachedExecute(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// `Record.fetchOne` on a cached statement.
    func cachedRecord<Record: FetchableRecord>(_ type: Record.Type, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Record? {
        try Record.fetchOne(try cachedStatement(sql: sql), arguments: arguments)
    }

    /// `Record.fetchAll` on a cached statement.
    func cachedRecords<Record: FetchableRecord>(_ type: Record.Type, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Record] {
        try Record.fetchAll(try cachedStatement(sql: sql), arguments: arguments)
    }
}
