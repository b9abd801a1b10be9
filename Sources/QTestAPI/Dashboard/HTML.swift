/// A fragment of HTML that is safe by construction: the literal parts are markup written in
/// this code, and every interpolated `String` is escaped. Only other `HTML` values are
/// inserted as they are, so a value from the store (a test case named `<script>`) can never
/// become markup however a page is put together.
///
/// ```swift
/// let name = "<script>alert(1)</script>"
/// let row: HTML = "<td title=\"\(name)\">\(name)</td>"
/// row.markup // <td title="&lt;script&gt;…">&lt;script&gt;alert(1)&lt;/script&gt;</td>
/// ```
///
/// Attribute values are always written in double quotes by the literal around them, and the
/// escaping covers `&`, `<`, `>`, `"` and `'`, so an interpolated value is text in element
/// content and in quoted attributes alike. URLs in `href`/`src` are built from numbers and
/// fixed paths only (see ``DashboardLinks``), never from stored text.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    private(set) var markup: String

    /// Markup from a literal in this code.
    init(stringLiteral literal: StaticString) {
        markup = literal.description
    }

    init(stringInterpolation: Interpolation) {
        markup = stringInterpolation.markup
    }

    private init(markup: String) { self.markup = markup }

    /// Nothing.
    static let empty = HTML(markup: "")

    var description: String { markup }
    var isEmpty: Bool { markup.isEmpty }

    /// Fragments one after another.
    static func join(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        var out = ""
        for (index, part) in parts.enumerated() {
            if index > 0 { out += separator.markup }
            out += part.markup
        }
        return HTML(markup: out)
    }

    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(markup: lhs.markup + rhs.markup) }
    static func += (lhs: inout HTML, rhs: HTML) { lhs.markup += rhs.markup }

    /// Text as HTML: the escaped form of `text`.
    static func text(_ text: String) -> HTML { HTML(markup: escape(text)) }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: StaticString) { markup += literal.description }

        /// Store values, request values, anything textual: escaped.
        mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }
        mutating func appendInterpolation(_ text: Substring) { markup += HTML.escape(String(text)) }
        /// An absent value renders as nothing.
        mutating func appendInterpolation(_ text: String?) { if let text { markup += HTML.escape(text) } }
        mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { markup += part.markup } }
        mutating func appendInterpolation(_ number: Int) { markup += String(number) }
        mutating func appendInterpolation(_ number: Int64) { markup += String(number) }
        mutating func appendInterpolation(_ number: UInt64) { markup += String(number) }
    }

    /// `&`, `<`, `>`, `"` and `'` as character references; everything else as it is. Text
    /// without any of them (most of it) is returned without a copy being built.
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
