/// The parser of qTest's query language, written like the HTTP request parser: a pure value
/// over the tokens of one query, bounded in every dimension a client controls, and throwing a
/// ``SearchQueryError`` with a position instead of trapping.
///
/// Grammar (keywords in any letter case):
///
/// ```text
/// query     := ε | or
/// or        := and ( "or" and )*
/// and       := factor ( "and" factor )*            -- "and" binds tighter than "or"
/// factor    := "(" or ")" | criterion
/// criterion := field op value | field "is" empty
/// field     := quoted | word+                      -- bare names may have spaces: Release Id = 'RL-1'
/// op        := = | != | <> | ~ | !~ | < | <= | > | >= | "in"
/// value     := quoted | word+ | list               -- a bare value runs to and/or/")"/end
/// list      := "(" literal ("," literal)* ")" | "[" … "]"
/// empty     := 'empty' | 'not empty' | empty | not empty
/// ```
///
/// Parentheses nest at most ``Limits/maxDepth`` deep (the parser recurses once per level, so
/// this is what keeps the stack bounded), and a query has at most ``Limits/maxCriteria``
/// criteria and ``Limits/maxListItems`` values per list, which also bounds the SQL built from
/// it well inside SQLite's expression-depth and parameter limits.
///
/// ```swift
/// let q = try SearchQueryParser.parse("Name ~ 'WI12: ' and 'Created Date' > '2021-05-07T03:15:37.652Z'")
/// let none = try SearchQueryParser.parse("   ")   // nil: no criteria, everything matches
/// ```
public struct SearchQueryParser {
    /// What a query may hold.
    public struct Limits: Sendable, Equatable {
        /// Characters of query text (which also keeps a `~` value, escaped and in UTF-8, inside
        /// SQLite's 50,000-byte limit on LIKE patterns).
        public var maxLength: Int = 10_000
        /// Levels of parentheses.
        public var maxDepth: Int = 20
        /// Criteria in one query.
        public var maxCriteria: Int = 100
        /// Values in one `in` list.
        public var maxListItems: Int = 100
        public init() {}
    }

    private let tokens: [QueryToken]
    private let limits: Limits
    private let endPosition: Int
    private var index = 0
    private var criteriaCount = 0

    /// Parses `text`; nil when it holds no criteria (blank), which matches every object.
    public static func parse(_ text: String, limits: Limits = Limits()) throws -> SearchExpression? {
        guard text.count <= limits.maxLength else {
            throw SearchQueryError("the query is longer than \(limits.maxLength) characters", at: limits.maxLength + 1)
        }
        var parser = SearchQueryParser(tokens: try QueryTokenizer.tokenize(text), limits: limits, endPosition: text.count + 1)
        return try parser.parseQuery()
    }

    private init(tokens: [QueryToken], limits: Limits, endPosition: Int) {
        self.tokens = tokens
        self.limits = limits
        self.endPosition = endPosition
    }

    private var current: QueryToken? { index < tokens.count ? tokens[index] : nil }
    private var position: Int { current?.position ?? endPosition }
    private var found: String { current.map { "found \($0.shown)" } ?? "the query ends" }

    private mutating func parseQuery() throws -> SearchExpression? {
        guard current != nil else { return nil }
        let expression = try parseOr(depth: 0)
        if let extra = current {
            if extra.kind == .closeParen { throw SearchQueryError("')' without a matching '('", at: extra.position) }
            throw SearchQueryError("expected 'and', 'or' or the end of the query, \(found)", at: extra.position)
        }
        return expression
    }

    /// `or` binds less tightly than `and`: `a and b or c` is `(a and b) or c`.
    private mutating func parseOr(depth: Int) throws -> SearchExpression {
        try parseJoined(by: "or", into: SearchExpression.any) { parser in try parser.parseAnd(depth: depth) }
    }

    private mutating func parseAnd(depth: Int) throws -> SearchExpression {
        try parseJoined(by: "and", into: SearchExpression.all) { parser in try parser.parseFactor(depth: depth) }
    }

    /// `operand (keyword operand)*`: a lone operand as itself, more of them joined by `join`.
    private mutating func parseJoined(by keyword: String, into join: ([SearchExpression]) -> SearchExpression,
                                      operand: (inout Self) throws -> SearchExpression) throws -> SearchExpression {
        var items = [try operand(&self)]
        while current?.isKeyword(keyword) == true {
            index += 1
            items.append(try operand(&self))
        }
        return items.count == 1 ? items[0] : join(items)
    }

    private mutating func parseFactor(depth: Int) throws -> SearchExpression {
        guard let token = current else { throw SearchQueryError("expected a criterion, \(found)", at: position) }
        if token.kind == .openParen {
            guard depth < limits.maxDepth else {
                throw SearchQueryError("parentheses nest deeper than \(limits.maxDepth) levels", at: token.position)
            }
            index += 1
            let inner = try parseOr(depth: depth + 1)
            guard current?.kind == .closeParen else {
                throw SearchQueryError("expected ')' to close the '(' at position \(token.position), \(found)", at: position)
            }
            index += 1
            return inner
        }
        return .criterion(try parseCriterion())
    }

    private mutating func parseCriterion() throws -> SearchCriterion {
        guard criteriaCount < limits.maxCriteria else {
            throw SearchQueryError("the query has more than \(limits.maxCriteria) criteria", at: position)
        }
        criteriaCount += 1
        let (field, fieldPosition) = try parseField()
        guard let opToken = current else {
            throw SearchQueryError("expected an operator after '\(field)', but the query ends", at: position)
        }
        let op: SearchOperator
        switch opToken.kind {
        case let .symbol(s):
            switch s {
            case "=": op = .equals
            case "!=", "<>": op = .notEquals
            case "~": op = .contains
            case "!~": op = .notContains
            case "<": op = .less
            case "<=": op = .lessOrEqual
            case ">": op = .greater
            default: op = .greaterOrEqual
            }
            index += 1
        case .word where opToken.isKeyword("in"):
            op = .in
            index += 1
        case .word where opToken.isKeyword("is"):
            index += 1
            let emptiness = try parseEmptiness()
            return SearchCriterion(field: field, fieldPosition: fieldPosition, op: emptiness, operatorPosition: opToken.position, value: .none)
        default:
            throw SearchQueryError("expected an operator (=, !=, ~, !~, <, <=, >, >=, in, is) after '\(field)', \(found)", at: opToken.position)
        }
        let value = try parseValue(after: field, op: op, allowList: op == .in)
        return SearchCriterion(field: field, fieldPosition: fieldPosition, op: op, operatorPosition: opToken.position, value: value)
    }

    /// A quoted name, or bare words up to the operator (`Release Id`, `Test Case Id`).
    private mutating func parseField() throws -> (String, Int) {
        guard let token = current else { throw SearchQueryError("expected a field name, \(found)", at: position) }
        switch token.kind {
        case let .quoted(name):
            index += 1
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw SearchQueryError("the field name is empty", at: token.position) }
            return (name, token.position)
        case let .word(first):
            guard !token.isKeyword("and"), !token.isKeyword("or") else {
                throw SearchQueryError("expected a field name, \(found)", at: token.position)
            }
            var words = [first]
            index += 1
            // Further words belong to the name until the operator; `in` and `is` are operators
            // here, since a name has at least one word before them.
            while let next = current, case let .word(w) = next.kind, !next.isKeyword("in"), !next.isKeyword("is"),
                  !next.isKeyword("and"), !next.isKeyword("or") {
                words.append(w)
                index += 1
            }
            return (words.joined(separator: " "), token.position)
        default:
            throw SearchQueryError("expected a field name, \(found)", at: token.position)
        }
    }

    /// After `is`: `'empty'`, `'not empty'`, or the same words unquoted.
    private mutating func parseEmptiness() throws -> SearchOperator {
        if let token = current, case let .quoted(text) = token.kind {
            let words = text.lowercased().split(whereSeparator: \.isWhitespace)
            index += 1
            if words == ["empty"] { return .isEmpty }
            if words == ["not", "empty"] { return .isNotEmpty }
            throw SearchQueryError("expected 'empty' or 'not empty' after 'is', found '\(text)'", at: token.position)
        }
        if current?.isKeyword("empty") == true { index += 1; return .isEmpty }
        if current?.isKeyword("not") == true {
            index += 1
            if current?.isKeyword("empty") == true { index += 1; return .isNotEmpty }
        }
        throw SearchQueryError("expected 'empty' or 'not empty' after 'is', \(found)", at: position)
    }

    private mutating func parseValue(after field: String, op: SearchOperator, allowList: Bool) throws -> SearchValue {
        guard let token = current else {
            throw SearchQueryError("expected a value after '\(field) \(op.rawValue)', but the query ends", at: position)
        }
        switch token.kind {
        case .openParen, .openBracket:
            guard allowList else {
                throw SearchQueryError("a list of values needs the operator 'in', not '\(op.rawValue)'", at: token.position)
            }
            return .list(try parseList(open: token))
        case let .quoted(text):
            index += 1
            return .single(SearchLiteral(text, quoted: true, at: token.position))
        case .word:
            return .single(try parseBareValue())
        default:
            throw SearchQueryError("expected a value after '\(field) \(op.rawValue)', \(found)", at: token.position)
        }
    }

    /// Bare words up to `and`, `or`, `)` or the end: `Status = In Review` reads "In Review".
    private mutating func parseBareValue() throws -> SearchLiteral {
        guard let first = current, case let .word(text) = first.kind, !first.isKeyword("and"), !first.isKeyword("or") else {
            throw SearchQueryError("expected a value, \(found)", at: position)
        }
        var words = [text]
        index += 1
        while let next = current, case let .word(w) = next.kind, !next.isKeyword("and"), !next.isKeyword("or") {
            words.append(w)
            index += 1
        }
        return SearchLiteral(words.joined(separator: " "), quoted: false, at: first.position)
    }

    private mutating func parseList(open: QueryToken) throws -> [SearchLiteral] {
        let close: QueryToken.Kind = open.kind == .openParen ? .closeParen : .closeBracket
        let closeText = close == .closeParen ? "')'" : "']'"
        index += 1
        var items: [SearchLiteral] = []
        while true {
            guard let token = current else {
                throw SearchQueryError("expected \(closeText) to close the list opened at position \(open.position), but the query ends", at: position)
            }
            if token.kind == close, items.isEmpty { throw SearchQueryError("the list of values is empty", at: token.position) }
            guard items.count < limits.maxListItems else {
                throw SearchQueryError("a list holds more than \(limits.maxListItems) values", at: token.position)
            }
            switch token.kind {
            case let .quoted(text):
                index += 1
                items.append(SearchLiteral(text, quoted: true, at: token.position))
            case .word where !token.isKeyword("and") && !token.isKeyword("or"):
                items.append(try parseBareValue())
            default:
                throw SearchQueryError("expected a value in the list, \(found)", at: token.position)
            }
            guard let separator = current else {
                throw SearchQueryError("expected ',' or \(closeText) in the list, but the query ends", at: position)
            }
            if separator.kind == .comma { index += 1; continue }
            if separator.kind == close { index += 1; return items }
            throw SearchQueryError("expected ',' or \(closeText) in the list, \(found)", at: separator.position)
        }
    }
}
