/// Splits a query such as `'Test Case Id' = 'TC-3' and (Name ~ login or Status in ('Passed', 601))`
/// into ``QueryToken``s. A pure function of the text: no database, no state between calls.
///
/// - Whitespace separates tokens but is not required around operators and punctuation
///   (`name~'x'` reads as three tokens), although the vendor asks for spaces.
/// - Quotes are `'…'` or `"…"`; the quote character doubled inside stands for itself
///   (`'it''s'`). A backslash is an ordinary character: Windows paths and class names go in
///   as written.
/// - Operators are the longest match of `<>=!~`: `!=`, `<>`, `<=`, `>=`, `!~`, then `=`, `~`,
///   `<`, `>`. A `!` that starts neither `!=` nor `!~` is an error.
/// - Everything else up to whitespace, a quote, an operator character, `(`, `)`, `[`, `]` or
///   `,` is one word (`RL-1`, `2021-05-07T03:15:37.652Z`, `Target`, `Release/Build`).
///
/// Shared by the artifact search and the automation-agent search (`AgentQuery`).
///
/// ```swift
/// let tokens = try QueryTokenizer.tokenize("name ~ 'PRO-1'")
/// // [.word("name") @1, .symbol("~") @6, .quoted("PRO-1") @8]
/// ```
public enum QueryTokenizer {
    /// Characters that make up operators.
    static let operatorCharacters: Set<Character> = ["<", ">", "=", "!", "~"]
    /// Characters that end a word.
    static let delimiters: Set<Character> = ["<", ">", "=", "!", "~", "'", "\"", "(", ")", "[", "]", ","]

    /// The tokens of `text`; an unterminated quote or a stray `!` is a ``SearchQueryError``.
    public static func tokenize(_ text: String) throws -> [QueryToken] {
        let chars = Array(text)
        var tokens: [QueryToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let position = i + 1
            if c.isWhitespace { i += 1; continue }
            switch c {
            case "(": tokens.append(QueryToken(.openParen, at: position)); i += 1
            case ")": tokens.append(QueryToken(.closeParen, at: position)); i += 1
            case "[": tokens.append(QueryToken(.openBracket, at: position)); i += 1
            case "]": tokens.append(QueryToken(.closeBracket, at: position)); i += 1
            case ",": tokens.append(QueryToken(.comma, at: position)); i += 1
            case "'", "\"":
                var value = ""
                var j = i + 1
                var closed = false
                while j < chars.count {
                    if chars[j] == c {
                        if j + 1 < chars.count, chars[j + 1] == c { value.append(c); j += 2; continue }
                        closed = true
                        break
                    }
                    value.append(chars[j])
                    j += 1
                }
                guard closed else { throw SearchQueryError("unterminated quoted text (a \(c) is never closed)", at: position) }
                tokens.append(QueryToken(.quoted(value), at: position))
                i = j + 1
            case _ where operatorCharacters.contains(c):
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                let pair = next.map { String(c) + String($0) }
                if let pair, ["!=", "<>", "<=", ">=", "!~"].contains(pair) {
                    tokens.append(QueryToken(.symbol(pair), at: position))
                    i += 2
                } else if c == "!" {
                    throw SearchQueryError("'!' must be followed by '=' or '~'", at: position)
                } else {
                    tokens.append(QueryToken(.symbol(String(c)), at: position))
                    i += 1
                }
            default:
                var word = ""
                while i < chars.count, !chars[i].isWhitespace, !delimiters.contains(chars[i]) {
                    word.append(chars[i])
                    i += 1
                }
                tokens.append(QueryToken(.word(word), at: position))
            }
        }
        return tokens
    }
}
