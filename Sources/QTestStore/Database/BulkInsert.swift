import GRDB

/// Multi-row INSERTs: one statement writes up to `chunk` rows, so a bulk writer pays the
/// per-statement cost once per chunk instead of once per row.
enum BulkInsert {
    static func rows(_ db: Database, into table: String, columns: [String], _ rows: [[(any DatabaseValueConvertible)?]],
                     chunk: Int = 64) throws {
        guard !rows.isEmpty else { return }
        let placeholder = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES "
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + chunk)
            let sql = head + Array(repeating: placeholder, count: end - start).joined(separator: ",")
            var values: [(any DatabaseValueConvertible)?] = []
            values.reserveCapacity((end - start) * columns.count)
            for row in rows[start..<end] {
                // A mismatch is a bug in the caller's plan: fail this write, not the process.
                guard row.count == columns.count else {
                    throw StoreError.internalError("\(table): row has \(row.count) values for \(columns.count) columns")
                }
                values.append(contentsOf: row)
            }
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
            start = end
        }
    }
}
