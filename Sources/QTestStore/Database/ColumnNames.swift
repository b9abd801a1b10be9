import Foundation
import GRDB
import Synchronization

/// camelCase property ↔ snake_case column names for records, and record type → table names,
/// converted once per name.
///
/// GRDB's built-in snake-case strategies convert the name on every encode and decode, which
/// profiling showed at ~10% of a large automation upload. The conversion rules are the usual
/// ones (`testCaseVersionId` ↔ `test_case_version_id`, `userDN` → `user_dn`).
enum ColumnNames {
    private static let columns = Mutex<[String: String]>([:])
    private static let keys = Mutex<[String: String]>([:])
    private static let tables = Mutex<[ObjectIdentifier: String]>([:])

    /// `TestCaseVersionRecord` → `test_case_versions` (see ``StoreRecord/databaseTableName``).
    static func table(for type: Any.Type) -> String {
        tables.withLock { cached in
            if let hit = cached[ObjectIdentifier(type)] { return hit }
            var name = String(describing: type)
            if name.hasSuffix("Record") { name.removeLast("Record".count) }
            let value = plural(snakeCase(name))
            cached[ObjectIdentifier(type)] = value
            return value
        }
    }

    /// `test_case` → `test_cases`, `status` → `statuses`, `delivery` → `deliveries`.
    static func plural(_ word: String) -> String {
        if word.hasSuffix("s") { return word + "es" }
        if word.hasSuffix("y"), let before = word.dropLast().last, !"aeiou".contains(before) { return word.dropLast() + "ies" }
        return word + "s"
    }

    /// `testCaseVersionId` → `test_case_version_id`.
    static func column(forKey key: String) -> String { converted(key, in: columns, by: snakeCase) }

    /// `test_case_version_id` → `testCaseVersionId`.
    static func key(forColumn column: String) -> String { converted(column, in: keys, by: camelCase) }

    /// `name` converted by `convert`, remembered in `cache`.
    private static func converted(_ name: String, in cache: borrowing Mutex<[String: String]>,
                                  by convert: (String) -> String) -> String {
        cache.withLock { cached in
            if let hit = cached[name] { return hit }
            let value = convert(name)
            cached[name] = value
            return value
        }
    }

    /// Splits before an upper-case letter that follows a lower-case letter or digit, and
    /// before the last capital of a run that is followed by a lower-case letter.
    static func snakeCase(_ key: String) -> String {
        let chars = Array(key)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0 {
                let previous = chars[i - 1]
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { out.append("_") }
            }
            out.append(contentsOf: c.lowercased())
        }
        return out
    }

    /// Joins `_`-separated words, capitalizing all but the first.
    static func camelCase(_ column: String) -> String {
        let words = column.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = words.first else { return column }
        return String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A key type for decoding by name.
    struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
