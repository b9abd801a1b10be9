import Foundation

/// One fuzz input: any bytes. The parser must answer a value or a `Failure` (never trap), and
/// what it answers must hold together; a broken property is reported by trapping here, which
/// libFuzzer records as a crash with the input that caused it.
///
/// - a parsed value serializes (with nulls) to JSON that parses back to an equal value and
///   serializes to the same bytes again;
/// - every object has unique keys, and looking each key up finds the member at its position;
/// - nesting never exceeds `JSONParser.maxDepth`;
/// - reading any value as an integer or as text does not trap.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJSONParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var parser = JSONParser(bytes: bytes)
    let value: JSON
    do { value = try parser.parseDocument() } catch {
        return 0
    }
    check(value, depth: 0)
    let once = value.serialized(keepingNulls: true)
    var again = JSONParser(bytes: Array(once))
    guard let reparsed = try? again.parseDocument() else { fatalError("serialized output does not parse: \(String(decoding: once, as: UTF8.self))") }
    guard reparsed == value else { fatalError("round trip changed the value: \(String(decoding: once, as: UTF8.self))") }
    guard reparsed.serialized(keepingNulls: true) == once else { fatalError("serializing is not stable") }
    return 0
}

private func check(_ value: JSON, depth: Int) {
    if depth > JSONParser.maxDepth { fatalError("nesting \(depth) exceeds the limit") }
    _ = value.int64Value
    _ = value.integerReading
    _ = value.scalarText
    switch value {
    case let .array(items):
        for item in items { check(item, depth: depth + 1) }
    case let .object(object):
        var seen = Set<String>()
        for (i, (key, member)) in object.enumerated() {
            if !seen.insert(key).inserted { fatalError("key '\(key)' appears twice") }
            guard let found = value[key], found == member else { fatalError("lookup of '\(key)' (member \(i)) is wrong") }
            check(member, depth: depth + 1)
        }
    case let .numberText(text):
        // Whatever the integer reading, it must agree with the number's value where Double is exact.
        if case let .integer(i)? = value.integerReading, abs(i) < 1 << 53, let d = Double(text), d != Double(i) {
            fatalError("\(text) read as \(i)")
        }
    default:
        break
    }
}
