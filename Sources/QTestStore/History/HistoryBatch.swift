import Foundation
import GRDB
import SQLiteConfig

/// Multi-row inserts whose histories are written by one statement per trigger instead of by the
/// trigger once per row: what a bulk upload uses (the triggers were two thirds of its time).
///
/// The statements are made from the installed triggers' own text (`sqlite_master`), so they
/// write what the triggers write: each `AFTER INSERT` trigger's `INSERT … SELECT … FROM
/// history_context ctx WHERE …` becomes the same `INSERT … SELECT` over the rows just inserted
/// (`NEW.` read as those rows, the trigger's `WHEN` added to its condition), in their rowid
/// order, right after them: history ids come out in the order the triggers would have given.
/// A test compares every history row both ways.
///
/// Only history triggers are replaced. When a table the batch writes has any other trigger, or
/// one of a shape not understood here, ``init(_:tables:)`` answers nil and the caller inserts
/// with the triggers on, as before.
final class HistoryBatch {
    private let db: Database
    /// Per table, the statements that write its insert histories (one per trigger).
    private let statements: [String: [String]]

    /// A batch for inserts into `tables`, or nil when their triggers cannot be replaced.
    init?(_ db: Database, tables: [String]) throws {
        self.db = db
        var statements: [String: [String]] = [:]
        // Rows of `histories` itself are written with triggers off: it must have none.
        let triggers = try Row.fetchAll(db, sql: """
            SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (\(
                (tables + ["histories"]).map { "'\($0)'" }.joined(separator: ",")))
            ORDER BY rowid
            """)
        for trigger in triggers {
            let name: String = trigger["name"], table: String = trigger["tbl_name"], sql: String = trigger["sql"]
            guard name.hasPrefix("history_"), table != "histories" else { return nil }
            guard Self.starts(sql, "CREATE TRIGGER \(name) AFTER INSERT ON \(table)") else {
                // Update and delete triggers do not fire on inserts; anything else is unknown here.
                guard Self.starts(sql, "CREATE TRIGGER \(name) AFTER UPDATE ON \(table)")
                        || Self.starts(sql, "CREATE TRIGGER \(name) AFTER DELETE ON \(table)") else { return nil }
                continue
            }
            guard let statement = Self.setStatement(sql, table: table) else { return nil }
            statements[table, default: []].append(statement)
        }
        self.statements = statements
    }

    /// Whether trigger text `sql` begins with `head` followed by white space of any kind: the
    /// schema may break the line after the table name (a space-only check once turned batching
    /// off for every upload, silently, since the triggers then wrote the same rows).
    private static func starts(_ sql: String, _ head: String) -> Bool {
        guard sql.hasPrefix(head) else { return false }
        return sql.dropFirst(head.count).first?.isWhitespace == true
    }

    /// `INSERT INTO histories … SELECT <values> FROM history_context ctx, <table> new_row WHERE
    /// new_row.rowid > ? AND <when> AND <condition> ORDER BY new_row.rowid` from an insert
    /// trigger's text,
    /// or nil when the trigger is not of that one-statement shape.
    static func setStatement(_ sql: String, table: String) -> String? {
        guard let begin = sql.range(of: " BEGIN\n"), sql.hasSuffix("\nEND") else { return nil }
        let head = sql[..<begin.lowerBound]
        var when: Substring?
        if let w = head.range(of: " WHEN ") { when = head[w.upperBound...] }
        let body = sql[begin.upperBound..<sql.index(sql.endIndex, offsetBy: -4)].trimmingCharacters(in: .whitespacesAndNewlines)
        let from = "FROM history_context ctx WHERE "
        guard body.hasPrefix("INSERT INTO histories ("), body.hasSuffix(";"),
              body.components(separatedBy: from).count == 2, body.filter({ $0 == ";" }).count == 1,
              let fromRange = body.range(of: from), let select = body.range(of: ") SELECT ") ?? body.range(of: ")\n    SELECT ")
        else { return nil }
        let columns = body[..<body.index(after: select.lowerBound)]
        let values = body[select.upperBound..<fromRange.lowerBound]
        let condition = body[fromRange.upperBound..<body.index(before: body.endIndex)]
        // `NEW.` is the row being inserted; here it is each inserted row.
        func rows(_ text: Substring) -> String { text.replacingOccurrences(of: "NEW.", with: "new_row.") }
        let filter = (when.map { "(\(rows($0))) AND " } ?? "") + "(\(rows(condition)))"
        return "\(columns) SELECT \(rows(values)) FROM history_context ctx, \(table) new_row WHERE new_row.rowid > ?1 AND \(filter) ORDER BY new_row.rowid"
    }

    /// Runs `body` with the connection's triggers off; they are on again afterwards, however
    /// `body` ends. Only ``insert(into:columns:_:)`` may write in it.
    func withTriggersOff<T>(_ body: () throws -> T) throws -> T {
        guard let connection = db.sqliteConnection else { throw StoreError.internalError("the database connection is closed") }
        guard qtest_sqlite_set_triggers(connection, 0) == 0 else { throw StoreError.internalError("cannot turn triggers off") }
        defer { _ = qtest_sqlite_set_triggers(connection, 1) }
        return try body()
    }

    /// Inserts `rows` (in the caller's order), then their histories.
    func insert(into table: String, columns: [String], _ rows: [[(any DatabaseValueConvertible)?]]) throws {
        guard !rows.isEmpty else { return }
        let before = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM \(table)") ?? 0
        try BulkInsert.rows(db, into: table, columns: columns, rows)
        for statement in statements[table] ?? [] {
            try db.execute(sql: statement, arguments: [before])
        }
    }
}
