import HTTPServer

/// A recursive-descent JSON parser (RFC 8259) that keeps object member order.
///
/// Written by hand rather than via `JSONSerialization` because Foundation on Linux does not
/// reliably tell `true` from `1`, and loses member order. It is fed request bodies, so any byte
/// sequence must end in a value or a `Failure`, never a trap, and in time linear in its size:
///
/// - objects add members through ``JSONObject``'s key index (no scan per member);
/// - members and items gather on two stacks the whole parse shares, and each object or array
///   is then copied out once at its final size: growing every one of them by doubling was half
///   of parsing a 10,000-result upload (reallocations, and the fresh heap pages they touch);
/// - nesting is bounded by ``maxDepth`` so that `[[[[…` cannot exhaust the stack;
/// - numbers are checked against the grammar and kept as text when they are not an `Int64`
///   (no `Double` conversion, so no overflow to trap on or precision to lose);
/// - `\u0000` is refused: SQLite text bound from a Swift string stops at the first NUL, so the
///   value would be stored cut short while the response echoed it whole.
struct JSONParser {
    enum Failure: Error, Equatable {
        /// Not JSON; reading stopped at byte `offset`.
        case syntax(offset: Int)
        /// Arrays and objects nest deeper than ``JSONParser/maxDepth``.
        case tooDeep
        /// A string (value or key) holds U+0000, which could not be stored whole.
        case nulCharacter(offset: Int)
    }

    /// Deepest nesting of arrays and objects accepted (serde_json's default too). qTest bodies
    /// nest less than ten deep. The bound is set by debug builds, whose frames are large: a
    /// level of this parser, of the recursive serializer or of `==` takes 1.5–2 KiB there
    /// (under 256 bytes optimized), so 128 levels need about 256 KiB and fit in the 512 KiB
    /// stack of a dispatch worker thread on macOS; 512 levels needed 1–2 MiB.
    static let maxDepth = 128

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// Members of the objects being parsed, innermost last (see the type's notes).
    private var memberStack: [(String, JSON)] = []
    /// Items of the arrays being parsed, innermost last.
    private var itemStack: [JSON] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws(Failure) -> JSON {
        // Tolerate a UTF-8 byte order mark, which some Windows-based uploaders prepend.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw syntaxError }
        return value
    }

    private var syntaxError: Failure { .syntax(offset: index) }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(Failure) -> JSON {
        guard index < bytes.count else { throw syntaxError }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return try parseNumber()
        }
    }

    private mutating func expect(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw syntaxError }
        let matches = word.withUTF8Buffer { w in (0..<count).allSatisfy { bytes[index + $0] == w[$0] } }
        guard matches else { throw syntaxError }
        index += count
    }

    private mutating func enter() throws(Failure) {
        guard depth < JSONParser.maxDepth else { throw .tooDeep }
        depth += 1
    }

    private mutating func parseObject() throws(Failure) -> JSON {
        try enter(); defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(JSONObject()) }
        let base = memberStack.count
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw syntaxError }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw syntaxError }
            index += 1
            skipWhitespace()
            // Nested values push and pop above `base` before this member is pushed.
            let value = try parseValue()
            memberStack.append((key, value))
            skipWhitespace()
            guard index < bytes.count else { throw syntaxError }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                // A repeated key keeps its first position and takes the last value (JSONObject).
                let object = JSONObject(memberStack[base...])
                memberStack.removeLast(memberStack.count - base)
                return .object(object)
            }
            throw syntaxError
        }
    }

    private mutating func parseArray() throws(Failure) -> JSON {
        try enter(); defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array([]) }
        let base = itemStack.count
        while true {
            skipWhitespace()
            let item = try parseValue()
            itemStack.append(item)
            skipWhitespace()
            guard index < bytes.count else { throw syntaxError }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                let items = Array(itemStack[base...])
                itemStack.removeLast(itemStack.count - base)
                return .array(items)
            }
            throw syntaxError
        }
    }

    private mutating func parseString() throws(Failure) -> String {
        index += 1  // opening quote
        let start = index
        // Most strings have no escapes: find the closing quote and validate the bytes once.
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let s = UTF8Text.decode(bytes[start..<index]) else { throw syntaxError }
                index += 1
                return s
            case UInt8(ascii: "\\"):
                return try parseEscapedString(from: start)
            case 0..<0x20:
                throw syntaxError
            default:
                index += 1
            }
        }
        throw syntaxError
    }

    /// The rest of a string from its first backslash (at `index`); `start` is its first byte.
    private mutating func parseEscapedString(from start: Int) throws(Failure) -> String {
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let b = bytes[index]
            index += 1
            switch b {
            case UInt8(ascii: "\""):
                guard let s = UTF8Text.decode(out) else { throw syntaxError }
                return s
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw syntaxError }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let escapeStart = index - 2
                    var scalar = try parseHex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by an escaped low surrogate.
                        guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw syntaxError
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw syntaxError }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    if scalar == 0 { throw .nulCharacter(offset: escapeStart) }
                    // nil for a lone low surrogate, which is not a scalar.
                    guard let u = Unicode.Scalar(scalar) else { throw syntaxError }
                    UTF8.encode(u) { out.append($0) }
                default: throw syntaxError
                }
            case 0..<0x20: throw syntaxError
            default: out.append(b)
            }
        }
        throw syntaxError
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard bytes.count - index >= 4 else { throw syntaxError }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw syntaxError
            }
            v = v << 4 | UInt32(digit)
            index += 1
        }
        return v
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. An integer that fits is `.int`;
    /// anything else keeps its text (`.numberText`), which therefore is always valid JSON.
    private mutating func parseNumber() throws(Failure) -> JSON {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw syntaxError }
        // No leading zeros: `012` is not JSON, and the kept text must be.
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else { skipDigits() }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard skipDigits() > 0 else { throw syntaxError }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw syntaxError }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        // `Int64(_:)` on text is nil, not a trap, past ±2^63.
        if isInteger, let i = Int64(text) { return .int(i) }
        return .numberText(text)
    }

    @discardableResult
    private mutating func skipDigits() -> Int {
        let s = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        return index - s
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
