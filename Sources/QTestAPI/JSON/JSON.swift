import Foundation

/// An ordered JSON value.
///
/// The wire layer builds responses from this type instead of `Codable` so that key order is
/// stable (byte-identical responses for tests and fixtures), `null` members can be left out the
/// way qTest leaves them out, and request bodies can be read field by field with errors that
/// name the field.
///
///     let body: JSON = ["id": 1, "name": "Sprint 1", "links": []]
///     body.serialized()   // {"id":1,"name":"Sprint 1","links":[]}
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A number read from a request that is not an `Int64` (`1.5`, `1e19`, `9223372036854775808`,
    /// `1e400`), kept as its source text. qTest stores numbers sent for text fields
    /// (`field_value`) as the text the client wrote, `Double` would round or overflow it, and
    /// serializing the text again gives back exactly what was sent. Only the parser makes
    /// these, so the text is always valid JSON number syntax; read it with `int64Value`,
    /// `integerReading` or `scalarText`.
    case numberText(String)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): return Double(a) == b
        case let (.numberText(a), .numberText(b)):
            if a == b { return true }
            guard let x = Double(a), let y = Double(b), x.isFinite, y.isFinite else { return false }
            return x == y
        case let (.numberText(t), .int(i)), let (.int(i), .numberText(t)): return JSONInteger(numberText: t) == .integer(i)
        case let (.numberText(t), .double(d)), let (.double(d), .numberText(t)): return Double(t) == d
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }
}

// MARK: - Literals

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// Duplicate keys in a literal follow the object rule: the last value wins.
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSON {
    /// `.string(value)`, or `.null` when the value is absent.
    public static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
    /// `.int(value)`, or `.null` when the value is absent.
    public static func optional(_ value: Int64?) -> JSON { value.map(JSON.int) ?? .null }
    /// `.bool(value)`, or `.null` when the value is absent.
    public static func optional(_ value: Bool?) -> JSON { value.map(JSON.bool) ?? .null }

    /// Convenience for `.int(Int64(value))`.
    public static func number(_ value: Int) -> JSON { .int(Int64(value)) }

    /// An object with these members in this order (the last value of a repeated key wins).
    public static func object(_ members: [(String, JSON)]) -> JSON { .object(JSONObject(members)) }
}

// MARK: - Reading

extension JSON {
    /// The member `key` of an object, or `nil` for a missing key or a non-object.
    public subscript(key: String) -> JSON? {
        guard case let .object(object) = self else { return nil }
        return object[key]
    }

    /// Element `index` of an array, or `nil`.
    public subscript(index: Int) -> JSON? {
        guard case let .array(items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    public var stringValue: String? { if case let .string(s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case let .bool(b) = self { return b } else { return nil } }
    public var arrayValue: [JSON]? { if case let .array(a) = self { return a } else { return nil } }
    public var objectValue: [(String, JSON)]? { if case let .object(o) = self { return o.members } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Integers, integral numbers (`5.0`, `1e2`) and strings holding an integer (`"123"`) all
    /// read as an int: the 2023.6 SDK sends ids such as `test_cycle` as JSON strings. nil for
    /// anything else, including fractions and integers outside `Int64`.
    public var int64Value: Int64? { integerReading?.value }
    /// Any JSON number as a `Double` (integers, fractions, numbers kept as text), else nil.
    public var numberValue: Double? {
        switch self {
        case let .int(i): Double(i)
        case let .double(d): d
        case let .numberText(t): Double(t)
        default: nil
        }
    }

    /// How the value reads as an integer (see `int64Value`), so that callers can tell a
    /// fraction from an out-of-range integer in their messages; nil when it is not a number.
    public var integerReading: JSONInteger? {
        switch self {
        case let .int(i): return .integer(i)
        case let .double(d): return JSONInteger(d)
        case let .numberText(t): return JSONInteger(numberText: t)
        case let .string(s):
            let text = s.trimmingCharacters(in: .whitespaces)
            if let i = Int64(text) { return .integer(i) }
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            let allDigits = !digits.isEmpty && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            return allDigits ? .outOfRange : nil
        default: return nil
        }
    }

    /// A scalar as the text qTest keeps in a text field: a string as is, a number as the client
    /// wrote it, `true`/`false`. nil for null, arrays and objects.
    public var scalarText: String? {
        switch self {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .double(d): return String(d)
        case let .numberText(t): return t
        case let .bool(b): return String(b)
        case .null, .array, .object: return nil
        }
    }

    /// Returns a copy of an object with `key` set (replacing an existing member in place).
    public func setting(_ key: String, _ value: JSON) -> JSON {
        guard case var .object(object) = self else { return self }
        object.set(key, value)
        return .object(object)
    }
}

// MARK: - Serialization

extension JSON {
    /// Compact UTF-8 JSON. Object members whose value is `.null` are omitted, as qTest omits
    /// absent fields (a project has `start_date` but no `end_date` key); use `keepingNulls` for
    /// the rare payload that must carry an explicit null.
    ///
    /// Recursive: the depth of a value is bounded by the code that built it or, for anything
    /// that came from a request, by the parser's nesting limit (`JSONParser.maxDepth`).
    public func serialized(keepingNulls: Bool = false) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(256)
        write(into: &out, keepingNulls: keepingNulls)
        return Data(out)
    }

    /// The serialized text, for logs and for `content` strings that qTest nests as JSON text.
    public func serializedString() -> String { String(decoding: serialized(), as: UTF8.self) }

    private func write(into out: inout [UInt8], keepingNulls: Bool) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .int(i): out.append(contentsOf: String(i).utf8)
        case let .double(d):
            // JSON has no NaN or infinity. Integral values print without ".0" while they are
            // exact; `Int64(exactly:)` makes the conversion checked rather than trusted.
            if !d.isFinite { out.append(contentsOf: "null".utf8) }
            else if abs(d) < 1e15, let i = Int64(exactly: d) { out.append(contentsOf: String(i).utf8) }
            else { out.append(contentsOf: "\(d)".utf8) }
        case let .numberText(text): out.append(contentsOf: text.utf8)
        case let .string(s): JSON.writeString(s, into: &out)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out, keepingNulls: keepingNulls)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in members {
                if !keepingNulls, value.isNull { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSON.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(into: &out, keepingNulls: keepingNulls)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
