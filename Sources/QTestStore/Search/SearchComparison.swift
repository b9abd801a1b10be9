import Foundation
import GRDB

/// The comparison of one value expression (a column, or `fv.value` of a stored field value)
/// with an operand, as SQL. Texts compare without regard to case, as qTest's search does.
enum SearchComparison {
    /// `expression` compared with `operand` (a positive operator). `storedAsText` says the
    /// expression is a field value's text: lookup and user ids are then members of `"601"` or
    /// `"[601, 602]"`, numbers and dates are read out of the text.
    static func compare(_ x: String, _ type: SearchValueType, _ operand: SearchOperand, storedAsText: Bool) -> SQLFragment {
        switch operand {
        case .none:
            return type == .text || storedAsText ? SQLFragment("COALESCE(\(x), '') != ''") : SQLFragment("\(x) IS NOT NULL")
        case let .ids(ids):
            guard !ids.isEmpty else { return .falsehood }
            if storedAsText {
                // Membership in the comma list qTest stores for lookups and users.
                return SQLFragment("""
                    EXISTS (SELECT 1 FROM json_each(?) j WHERE instr(',' || replace(replace(replace(\(x), '[', ''), ']', ''), ' ', '') || ',', \
                    ',' || j.value || ',') > 0)
                    """, [jsonArray(ids)])
            }
            if ids.count == 1 { return SQLFragment("\(x) = ?", [ids[0]]) }
            return SQLFragment("\(x) IN (SELECT value FROM json_each(?))", [jsonArray(ids)])
        case let .texts(texts):
            if texts.count == 1 { return SQLFragment("\(x) = ? COLLATE NOCASE", [texts[0]]) }
            return SQLFragment("\(x) COLLATE NOCASE IN (\(placeholders(texts.count)))", texts)
        case let .fragment(text):
            return SQLFragment("\(x) LIKE ? ESCAPE '\\'", ["%" + SearchValueReader.likeEscaped(text) + "%"])
        case let .bound(value, op):
            let symbol = op.rawValue
            switch type {
            case .text: return SQLFragment(sql: "\(x) \(symbol) ? COLLATE NOCASE", values: [value])
            case .number: return SQLFragment(sql: "(\(x) != '' AND CAST(\(x) AS REAL) \(symbol) ?)", values: [value])
            case .date where storedAsText: return SQLFragment(sql: "\(dateText(x)) \(symbol) substr(?, 1, 19)", values: [value])
            default: return SQLFragment(sql: "\(x) \(symbol) ?", values: [value])
            }
        case let .windows(windows):
            let target = storedAsText ? dateText(x) : x
            let trim = storedAsText ? { (s: String) in String(s.prefix(19)) } : { (s: String) in s }
            return .any(windows.map { SQLFragment("(\(target) >= ? AND \(target) < ?)", [trim($0.start), trim($0.end)]) })
        case let .numbers(numbers):
            if numbers.count == 1 { return SQLFragment("(\(x) != '' AND CAST(\(x) AS REAL) = ?)", [numbers[0]]) }
            return SQLFragment("(\(x) != '' AND CAST(\(x) AS REAL) IN (\(placeholders(numbers.count))))", numbers)
        case .targets:
            // Only the target source makes these; it writes its own SQL.
            return .falsehood
        }
    }

    /// A date field value as `yyyy-MM-dd HH:mm:ss`, comparable with storage dates' first 19
    /// characters (field values keep the ISO text the client sent, in UTC).
    static func dateText(_ x: String) -> String { "substr(replace(\(x), 'T', ' '), 1, 19)" }

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// `[1,2,3]`: ids for `json_each`, one parameter however many there are.
    static func jsonArray(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }
}
