/// One token of a query in qTest's query language, with the 1-based character position where
/// it starts (for error messages).
public struct QueryToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Unquoted text: a field name word, a keyword (`and`, `or`, `in`, `is`, `not`,
        /// `empty`), a number, a PID or a date.
        case word(String)
        /// Text in single or double quotes, quotes removed (a doubled quote is one quote).
        case quoted(String)
        /// `=`, `!=`, `<>`, `~`, `!~`, `<`, `<=`, `>`, `>=`.
        case symbol(String)
        case openParen, closeParen, openBracket, closeBracket, comma
    }

    public let kind: Kind
    /// 1-based character offset of the token's first character.
    public let position: Int

    public init(_ kind: Kind, at position: Int) {
        self.kind = kind
        self.position = position
    }

    /// The text of a word or a quoted string; nil for punctuation and operators.
    public var text: String? {
        switch kind {
        case let .word(t), let .quoted(t): t
        default: nil
        }
    }

    /// Whether this is the unquoted word `keyword`, in any letter case.
    public func isKeyword(_ keyword: String) -> Bool {
        if case let .word(t) = kind { return t.lowercased() == keyword }
        return false
    }

    /// How the token reads in a message: `'name'`, `'='`, `'('`.
    public var shown: String {
        switch kind {
        case let .word(t), let .quoted(t), let .symbol(t): "'\(t)'"
        case .openParen: "'('"
        case .closeParen: "')'"
        case .openBracket: "'['"
        case .closeBracket: "']'"
        case .comma: "','"
        }
    }
}
