import Foundation

/// The `type; name=value; name="quoted value"` shape of `Content-Type` and
/// `Content-Disposition` values (RFC 9110 §5.6.6, RFC 6266), read leniently: unknown pieces are
/// skipped, never a failure.
///
/// ```swift
/// HeaderParameters.mediaType("Multipart/Form-Data; boundary=x")               // "multipart/form-data"
/// HeaderParameters.parameters(#"form-data; name="file"; filename="a b.txt""#)  // ["name": "file", "filename": "a b.txt"]
/// HeaderParameters.parameters("attachment; filename*=UTF-8''%C3%A9.txt")      // ["filename*": "é.txt"]
/// ```
enum HeaderParameters {
    /// The part before the first `;`, trimmed and lowercased.
    static func mediaType(_ value: String) -> String {
        String(value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The parameters after the first `;`, names lowercased, quotes and backslash escapes removed,
    /// and extended (`name*=charset'lang'percent-encoded`) values decoded. The first of a repeated
    /// name wins.
    static func parameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        for piece in split(value).dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, result[name] == nil else { continue }
            if raw.hasPrefix("\"") { raw = unquote(raw) }
            if name.hasSuffix("*") {
                guard let decoded = decodeExtended(raw) else { continue }
                raw = decoded
            }
            result[name] = raw
        }
        return result
    }

    /// Splits at `;` outside double quotes.
    private static func split(_ value: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = value.startIndex
        var quoted = false
        var escaped = false
        for index in value.indices {
            let c = value[index]
            if escaped { escaped = false; continue }
            if quoted && c == "\\" { escaped = true; continue }
            if c == "\"" { quoted.toggle(); continue }
            if c == ";" && !quoted {
                pieces.append(value[start..<index])
                start = value.index(after: index)
            }
        }
        pieces.append(value[start...])
        return pieces
    }

    /// `"a \"b\""` → `a "b"` (an unterminated quote keeps what follows it).
    private static func unquote(_ text: String) -> String {
        var out = ""
        var escaped = false
        for c in text.dropFirst() {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { break }
            out.append(c)
        }
        return out
    }

    /// RFC 8187: `UTF-8'en'%C3%A9.txt` → `é.txt`; nil for other charsets or bad encodings.
    private static func decodeExtended(_ text: String) -> String? {
        let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].lowercased() == "utf-8" else { return nil }
        return parts[2].removingPercentEncoding
    }
}
