/// Byte-level helpers shared by the parser, headers and URL decoding.
/// Working on UTF-8 bytes avoids `lowercased()` allocations on the hot path.
enum ASCII {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let sp: UInt8 = 0x20
    static let htab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A

    /// RFC 9110 §5.6.2 `tchar`: the characters allowed in methods and header names.
    static func isTokenChar(_ b: UInt8) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    static func lower(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// ASCII case-insensitive string equality without allocating.
    static func caseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
        let au = a.utf8, bu = b.utf8
        guard au.count == bu.count else { return false }
        return zip(au, bu).allSatisfy { lower($0) == lower($1) }
    }

    /// Decodes header/target bytes: UTF-8 when valid, otherwise Latin-1 so no byte is lost or rejected.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        if let s = UTF8Text.decode(bytes) { return s }
        var out = String.UnicodeScalarView()
        for b in bytes { out.append(Unicode.Scalar(b)) }
        return String(out)
    }

    static func trimOWS(_ s: Substring) -> Substring {
        var s = s
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }

    /// Splits a comma-separated header value into trimmed, non-empty, lower-cased elements.
    static func tokenList(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { trimOWS($0).lowercased() }.filter { !$0.isEmpty }
    }
}
