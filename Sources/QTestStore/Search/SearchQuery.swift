/// A parsed query of qTest's query language: criteria combined with `and` / `or` and
/// parentheses. A value type with no database behind it; ``SearchTranslator`` turns it into SQL.
///
/// ```swift
/// let query = try SearchQueryParser.parse("'Automation Content' = 'com.acme.LoginTest' or name ~ login")
/// // .any([.criterion(Automation Content = …), .criterion(name ~ login)])
/// ```
public indirect enum SearchExpression: Sendable, Equatable {
    /// One `field operator value`.
    case criterion(SearchCriterion)
    /// Every one holds (`and`).
    case all([SearchExpression])
    /// At least one holds (`or`).
    case any([SearchExpression])

    /// The criteria in the order they appear in the text.
    public var criteria: [SearchCriterion] {
        var out: [SearchCriterion] = []
        var stack: [SearchExpression] = [self]
        while let next = stack.popLast() {
            switch next {
            case let .criterion(c): out.append(c)
            case let .all(items), let .any(items): stack.append(contentsOf: items.reversed())
            }
        }
        return out
    }
}

/// `field operator value`, each part with its position in the text.
public struct SearchCriterion: Sendable, Equatable {
    /// The field as written (a label, an id, or a system name), quotes removed.
    public var field: String
    public var fieldPosition: Int
    public var op: SearchOperator
    public var operatorPosition: Int
    /// The value; `.none` for `is 'empty'` and `is 'not empty'`.
    public var value: SearchValue

    public init(field: String, fieldPosition: Int, op: SearchOperator, operatorPosition: Int, value: SearchValue) {
        self.field = field; self.fieldPosition = fieldPosition; self.op = op
        self.operatorPosition = operatorPosition; self.value = value
    }
}

/// The operators of the language. `<>` is read as `!=` (the histories query documents it).
public enum SearchOperator: String, Sendable, Equatable, CaseIterable {
    case equals = "="
    case notEquals = "!="
    case contains = "~"
    case notContains = "!~"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "in"
    case isEmpty = "is 'empty'"
    case isNotEmpty = "is 'not empty'"

    /// The operator that this one negates, for the three that are "not" of another:
    /// `!=` of `=`, `!~` of `~`, `is 'empty'` of `is 'not empty'`.
    public var negated: SearchOperator? {
        switch self {
        case .notEquals: .equals
        case .notContains: .contains
        case .isEmpty: .isNotEmpty
        default: nil
        }
    }
}

/// One literal of a value, with where it stands.
public struct SearchLiteral: Sendable, Equatable {
    public var text: String
    /// Whether it was written in quotes (a quoted `'and'` is text, not a keyword).
    public var quoted: Bool
    public var position: Int

    public init(_ text: String, quoted: Bool, at position: Int) {
        self.text = text; self.quoted = quoted; self.position = position
    }
}

/// The right-hand side of a criterion.
public enum SearchValue: Sendable, Equatable {
    /// No value (`is 'empty'`, `is 'not empty'`).
    case none
    case single(SearchLiteral)
    /// `in ('a', 'b')` or `in ['a', 'b']`.
    case list([SearchLiteral])

    /// Every literal, one for a single value.
    public var literals: [SearchLiteral] {
        switch self {
        case .none: []
        case let .single(l): [l]
        case let .list(ls): ls
        }
    }
}
