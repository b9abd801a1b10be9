/// Reading a JSON number as an integer, exactly and without trapping.
///
/// The parser keeps a number that is not a plain `Int64` as its source text
/// (``JSON/numberText(_:)``), because `Double` cannot hold what clients send verbatim
/// (`9223372036854775808`, `1e400`) and `Int64(someDouble)` traps on anything out of range.
/// This decides, from the decimal text itself, whether such a number is an integer that fits:
/// `503.0` and `1e2` are (503, 100), `1.5` is not, `1e19` is out of range. No floating point is
/// involved, so `4503599627370495.5` is not mistaken for an integer.
public enum JSONInteger: Equatable, Sendable {
    case integer(Int64)
    /// A number with a non-zero fraction.
    case fractional
    /// An integer outside `Int64`.
    case outOfRange

    /// `text` must be a JSON number (RFC 8259 grammar, as the parser guarantees); anything
    /// else reads as `.fractional`, never as a trap.
    public init(numberText text: String) {
        self = JSONInteger.read(Array(text.utf8))
    }

    public init(_ value: Double) {
        if value.isNaN { self = .fractional; return }
        if value.isInfinite { self = .outOfRange; return }
        guard value == value.rounded() else { self = .fractional; return }
        // `Int64(exactly:)` is nil (not a trap) for integral values beyond ±2^63.
        if let i = Int64(exactly: value) { self = .integer(i) } else { self = .outOfRange }
    }

    public var value: Int64? { if case let .integer(i) = self { return i } else { return nil } }

    private static let zero = UInt8(ascii: "0")

    private static func read(_ b: [UInt8]) -> JSONInteger {
        var i = 0
        let negative = i < b.count && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        // Significant digits (integer part then fraction) and where the decimal point sits.
        var digits: [UInt8] = []
        while i < b.count, isDigit(b[i]) { digits.append(b[i]); i += 1 }
        var point = digits.count
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { digits.append(b[i]); i += 1 }
        }
        guard !digits.isEmpty else { return .fractional }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { expNegative = b[i] == UInt8(ascii: "-"); i += 1 }
            // Clamped: an exponent past a million moves the point beyond any Int64 (or below
            // any non-zero digit) just as surely as the exact one would, and cannot overflow.
            var exponent = 0
            while i < b.count, isDigit(b[i]) {
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(b[i] - zero) }
                i += 1
            }
            point += expNegative ? -exponent : exponent
        }
        guard i == b.count else { return .fractional }
        // Drop leading zeros (moving the point with them) and trailing zeros (which do not).
        var first = 0
        while first < digits.count, digits[first] == zero { first += 1 }
        guard first < digits.count else { return .integer(0) }  // 0, -0.0, 0e99
        point -= first
        var last = digits.count
        while digits[last - 1] == zero { last -= 1 }
        // The last significant digit is non-zero; if it sits after the point, so does a fraction.
        guard last - first <= point else { return .fractional }
        guard point <= 19 else { return .outOfRange }  // Int64 has at most 19 digits
        var text = negative ? "-" : ""
        text += String(decoding: digits[first..<last], as: UTF8.self)
        text += String(repeating: "0", count: point - (last - first))
        guard let value = Int64(text) else { return .outOfRange }
        return .integer(value)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
