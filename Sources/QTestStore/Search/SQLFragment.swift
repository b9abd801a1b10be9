import GRDB

/// A piece of SQL with its `?` arguments, kept together so that every value a client sent
/// reaches SQLite as a bound parameter and never as SQL text. Only names from the field
/// catalog (table and column names written in this module) are ever spliced into `sql`.
///
/// ```swift
/// let f = SQLFragment("o.name = ? COLLATE NOCASE", ["Login"]) && SQLFragment("o.project_id = ?", [108781])
/// // "(o.name = ? COLLATE NOCASE) AND (o.project_id = ?)", ["Login", 108781]
/// ```
struct SQLFragment: Sendable {
    var sql: String
    var arguments: [DatabaseValue]

    init(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) {
        self.sql = sql
        self.arguments = arguments.map(\.databaseValue)
    }

    init(sql: String, values: [DatabaseValue]) {
        self.sql = sql
        self.arguments = values
    }

    /// Always true / always false, for empty combinations.
    static let truth = SQLFragment("1")
    static let falsehood = SQLFragment("0")

    var statementArguments: StatementArguments { StatementArguments(arguments) }

    /// `(a) AND (b) AND …`; true for none.
    static func all(_ parts: [SQLFragment]) -> SQLFragment { join(parts, "AND", empty: .truth) }

    /// `(a) OR (b) OR …`; false for none.
    static func any(_ parts: [SQLFragment]) -> SQLFragment { join(parts, "OR", empty: .falsehood) }

    /// `NOT (a)`.
    static func not(_ part: SQLFragment) -> SQLFragment { SQLFragment(sql: "NOT (\(part.sql))", values: part.arguments) }

    /// `prefix (inner) suffix`: wraps a fragment in a subquery or a function call.
    func wrapped(_ prefix: String, _ suffix: String = ")", before: [any DatabaseValueConvertible] = []) -> SQLFragment {
        SQLFragment(sql: prefix + sql + suffix, values: before.map(\.databaseValue) + arguments)
    }

    static func && (a: SQLFragment, b: SQLFragment) -> SQLFragment { all([a, b]) }

    private static func join(_ parts: [SQLFragment], _ op: String, empty: SQLFragment) -> SQLFragment {
        guard parts.count > 1 else { return parts.first ?? empty }
        return SQLFragment(sql: parts.map { "(\($0.sql))" }.joined(separator: " \(op) "), values: parts.flatMap(\.arguments))
    }
}
