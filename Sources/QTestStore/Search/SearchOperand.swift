import GRDB

/// A criterion's value after it was read as its field's type: what the SQL compares with.
enum SearchOperand: Sendable {
    /// `is 'not empty'` (and, negated, `is 'empty'`).
    case none
    /// Ids: of objects, statuses, allowed values or users (`=`, `in`, and `~` on names).
    case ids([Int64])
    /// Texts for `=` and `in` (compared without regard to case).
    case texts([String])
    /// The text a `~` looks for.
    case fragment(String)
    /// One bound for `<`, `<=`, `>`, `>=` (the operator may differ from the query's: a date
    /// without a time makes `<=` "before the next day").
    case bound(DatabaseValue, SearchOperator)
    /// Instants `start ..< end` in storage form, any of which matches (`=` and `in` on dates).
    case windows([(start: String, end: String)])
    /// Numbers for `=` and `in` on number fields.
    case numbers([Double])
    /// Target release/build: release ids and build ids, either matching.
    case targets(releases: [Int64], builds: [Int64])
}
