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
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): return Double(a) == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
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
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(elements) }
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
}

// MARK: - Reading

extension JSON {
    /// The member `key` of an object, or `nil` for a missing key or a non-object.
    public subscript(key: String) -> JSON? {
        guard case let .object(members) = self else { return nil }
        return members.first(where: { $0.0 == key })?.1
    }

    /// Element `index` of an array, or `nil`.
    public subscript(index: Int) -> JSON? {
        guard case let .array(items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    public var stringValue: String? { if case let .string(s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case let .bool(b) = self { return b } else { return nil } }
    public var arrayValue: [JSON]? { if case let .array(a) = self { return a } else { return nil } }
    public var objectValue: [(String, JSON)]? { if case let .object(o) = self { return o } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Integers, integral doubles, and strings holding an integer ("123") all read as an int:
    /// the 2023.6 SDK sends ids such as `test_cycle` as JSON strings.
    public var int64Value: Int64? {
        switch self {
        case let .int(i): return i
        case let .double(d) where d == d.rounded() && abs(d) < 9.0e15: return Int64(d)
        case let .string(s): return Int64(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// Returns a copy of an object with `key` set (replacing an existing member in place).
    public func setting(_ key: String, _ value: JSON) -> JSON {
        guard case var .object(members) = self else { return self }
        if let i = members.firstIndex(where: { $0.0 == key }) { members[i].1 = value } else { members.append((key, value)) }
        return .object(members)
    }
}

// MARK: - Serialization

extension JSON {
    /// Compact UTF-8 JSON. Object members whose value is `.null` are omitted, as qTest omits
    /// absent fields (a project has `start_date` but no `end_date` key); use `keepingNulls` for
    /// the rare payload that must carry an explicit null.
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
        case .null: out.append(contentsOf: Array("null".utf8))
        case let .bool(b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case let .int(i): out.append(contentsOf: Array(String(i).utf8))
        case let .double(d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 { out.append(contentsOf: Array(String(Int64(d)).utf8)) }
                else { out.append(contentsOf: Array("\(d)".utf8)) }
            } else { out.append(contentsOf: Array("null".utf8)) }
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
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

// MARK: - Parsing

extension JSON {
    /// Parses a request body. Throws `APIError.badRequest` for malformed JSON; any byte
    /// sequence is safe to pass.
    public static func parse(_ data: Data) throws -> JSON {
        var parser = JSONParser(bytes: [UInt8](data))
        do { return try parser.parseDocument() } catch {
            throw APIError.badRequest("Request body is not valid JSON")
        }
    }
}
