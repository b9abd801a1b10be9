import Foundation
import Synchronization
import Testing
@testable import QTestAPI

/// The JSON value type and parser, in process: linear-time objects that keep their order,
/// bounded nesting, numbers that never trap, NUL refused.
@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSON { try JSON.parse(Data(text.utf8)) }

    private func failure(_ text: String) -> JSONParser.Failure? {
        var parser = JSONParser(bytes: Array(text.utf8))
        do { _ = try parser.parseDocument(); return nil } catch { return error }
    }

    private func message(_ text: String) -> String? {
        do { _ = try parse(text); return nil } catch let error as APIError {
            return error.status == 400 ? error.body["message"]?.stringValue : "status \(error.status)"
        } catch { return "\(error)" }
    }

    @Test func objectWith80kKeysParsesInLinearTimeAndKeepsOrder() throws {
        let count = 80_000
        var text = "{"
        for i in 0..<count { text += (i == 0 ? "" : ",") + "\"key\(i)\":\(i)" }
        text += "}"
        let data = Data(text.utf8)
        let start = Date()
        let parsed = try JSON.parse(data)
        let elapsed = Date().timeIntervalSince(start)
        // Quadratic parsing took 17 s for this size; linear takes a few hundred ms in a debug build.
        #expect(elapsed < 2, "80k-key object took \(elapsed) s")
        let members = try #require(parsed.objectValue)
        #expect(members.count == count)
        #expect(members.first?.0 == "key0" && members.last?.0 == "key\(count - 1)")
        #expect(members.enumerated().allSatisfy { $0.element.0 == "key\($0.offset)" }, "members keep document order")
        #expect(parsed["key0"] == .int(0) && parsed["key41234"] == .int(41234) && parsed["key\(count - 1)"] == .int(Int64(count - 1)))
        #expect(parsed["missing"] == nil)
        // Serializing gives the same bytes back, in the same order.
        #expect(parsed.serialized() == data)
        // Setting members on the big object is also by index.
        let changed = parsed.setting("key5", "five").setting("new", true)
        #expect(changed["key5"] == "five" && changed.objectValue?[5].0 == "key5" && changed.objectValue?.last?.0 == "new")
    }

    @Test func duplicateKeysKeepTheFirstPositionAndTheLastValue() throws {
        let small = try parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(small.objectValue?.map(\.0) == ["a", "b"])
        #expect(small["a"] == .int(3))
        #expect(small.serializedString() == #"{"a":3,"b":2}"#)
        // The same rule above the index threshold.
        var text = "{"
        for i in 0..<100 { text += "\"k\(i % 40)\":\(i)," }
        text += "\"k0\":\"last\"}"
        let big = try parse(text)
        #expect(big.objectValue?.count == 40)
        #expect(big.objectValue?.first?.0 == "k0" && big["k0"] == "last" && big["k39"] == .int(79))
        // Literals and `.object([...])` follow it too.
        let literal: JSON = ["x": 1, "y": 2, "x": 3]
        #expect(literal.serializedString() == #"{"x":3,"y":2}"#)
        #expect(JSON.object([("x", 1), ("x", 2)])["x"] == .int(2))
    }

    @Test func nestingIsBoundedAndDeepInputIsA400() throws {
        let limit = JSONParser.maxDepth
        #expect(failure(String(repeating: "[", count: 100_000)) == .tooDeep)
        #expect(failure(String(repeating: "{\"a\":", count: 100_000)) == .tooDeep)
        #expect(message(String(repeating: "[", count: 100_000))?.contains("\(limit) levels") == true)
        #expect(failure(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)) == .tooDeep)
        // At the limit the document parses, serializes and compares on a thread with the small
        // (512 KiB) stack a dispatch worker thread gets on macOS, even in a debug build.
        let deep = String(repeating: "[", count: limit) + "1" + String(repeating: "]", count: limit)
        let deepObject = String(repeating: "{\"k\":", count: limit) + "1" + String(repeating: "}", count: limit)
        let outcome = ThreadOutcome()
        let thread = Thread {
            let ok = [deep, deepObject].allSatisfy { text in
                guard let value = try? JSON.parse(Data(text.utf8)) else { return false }
                return value.serializedString() == text && (try? JSON.parse(value.serialized())) == value
            }
            outcome.finish(ok)
        }
        thread.stackSize = 512 * 1024
        thread.start()
        #expect(outcome.wait() == true)
    }

    @Test func numbersKeepTheirTextAndNeverTrap() throws {
        // Integers that fit are Int64; everything else keeps the client's text.
        #expect(try parse("9223372036854775807") == .int(.max))
        #expect(try parse("-9223372036854775808") == .int(.min))
        for text in ["9223372036854775808", "-9223372036854775809", "1e19", "-1e19", "1e300", "1e400", "-1e400", "1.5", "5.0",
                     "1E+2", "0.000001", "123456789012345678901234567890"] {
            let value = try parse(text)
            #expect(value == .numberText(text))
            #expect(value.serializedString() == text, "\(text) serializes as sent")
            #expect(value.scalarText == text)
        }
        // Arrays of them round-trip byte for byte.
        let list = "[1e400,-0.0,9223372036854775808,1.25e-7]"
        #expect(try parse(list).serializedString() == list)
        // The grammar is RFC 8259's: no leading zeros, no bare signs or points, no hex, no NaN.
        for bad in ["01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "-Infinity", "1.5.5", "--1"] {
            #expect(failure(bad) != nil, "\(bad) is not JSON")
        }
    }

    @Test func integerReadingIsExact() {
        let cases: [(String, JSONInteger)] = [
            ("503.0", .integer(503)), ("1e2", .integer(100)), ("1E+2", .integer(100)), ("-0.0", .integer(0)), ("0e999999999999", .integer(0)),
            ("1500e-1", .integer(150)), ("9223372036854775807.000", .integer(.max)), ("-9223372036854775808.0", .integer(.min)),
            ("9223372036854775808", .outOfRange), ("-9223372036854775809", .outOfRange), ("1e19", .outOfRange), ("-1e19", .outOfRange),
            ("1e300", .outOfRange), ("1e400", .outOfRange), ("1e99999999999999999999", .outOfRange),
            ("1.5", .fractional), ("4503599627370495.5", .fractional), ("1e-1", .fractional), ("1e-99999999999999999999", .fractional),
        ]
        for (text, expected) in cases {
            #expect(JSONInteger(numberText: text) == expected, "\(text)")
        }
        #expect(JSONInteger(Double.infinity) == .outOfRange && JSONInteger(Double.nan) == .fractional && JSONInteger(1e19) == .outOfRange)
        #expect(JSONInteger(-9.223372036854775808e18) == .integer(.min) && JSONInteger(2.5) == .fractional)
        #expect(JSON.string(" 42 ").integerReading == .integer(42) && JSON.string("99999999999999999999").integerReading == .outOfRange)
        #expect(JSON.string("abc").integerReading == nil && JSON.bool(true).integerReading == nil)
    }

    @Test func integerFieldsAnswer400ForFractionsAndOutOfRangeNumbers() throws {
        let body = try parse(#"{"a":1e300,"b":1.5,"c":"x","d":503.0,"e":"77","f":9223372036854775808,"ids":[1,"2",3.0],"bad":[1,2.5]}"#)
        func reason(_ read: () throws -> Int64?) -> String? {
            do { _ = try read(); return nil } catch let error as APIError { return error.body["message"]?.stringValue } catch { return "\(error)" }
        }
        #expect(reason { try body.optionalInt("a") }?.contains("between") == true)
        #expect(reason { try body.optionalInt("f") }?.contains("between") == true)
        #expect(reason { try body.optionalInt("b") }?.contains("not a fraction") == true)
        #expect(reason { try body.optionalInt("c") } == "Field 'c' must be an integer")
        #expect(try body.optionalInt("d") == 503 && body.optionalInt("e") == 77 && body.optionalInt("none") == nil)
        #expect(try body.optionalIntArray("ids") == [1, 2, 3])
        #expect(reason { try body.optionalIntArray("bad").map { _ in 0 } } == "Field 'bad[1]' must be an integer, not a fraction")
        // Text fields take numbers as written.
        #expect(try body.optionalString("a") == "1e300" && body.optionalString("f") == "9223372036854775808")
    }

    @Test func fieldValuesKeepNumberText() throws {
        let body = try parse(#"{"properties":[{"field_id":1,"field_value":1e19},{"field_id":2,"field_value":503.0},{"field_id":3,"field_value":1e400},{"field_id":4,"field_value":[1,2.0,1e19]},{"field_id":5,"field_value":"007"}]}"#)
        let inputs = try ExecutionWire.propertyInputs(body)
        #expect(inputs.map(\.value) == ["1e19", "503", "1e400", "[1,2,1e19]", "007"])
        for bad in [#"{"properties":[{"field_id":1e300,"field_value":1}]}"#, #"{"properties":[{"field_id":1.5,"field_value":1}]}"#,
                    #"{"properties":[{"field_value":1}]}"#, #"{"properties":[{"field_id":1,"field_value":{}}]}"#] {
            #expect(throws: APIError.self) { try ExecutionWire.propertyInputs(try parse(bad)) }
        }
    }

    @Test func nulInStringsAndKeysIsRefused() throws {
        #expect(failure(#"{"name":"before\u0000after"}"#) == .nulCharacter(offset: 15))
        #expect(failure(#"{"a\u0000b":1}"#) == .nulCharacter(offset: 3))
        #expect(message(#"["x","\u0000"]"#)?.contains("NUL") == true)
        // A raw NUL byte is a control character, not allowed in a JSON string at all.
        #expect(failure("[\"a\u{0}b\"]") == .syntax(offset: 3))
        // Other escapes, surrogate pairs and non-ASCII text still work, and control characters
        // serialize escaped.
        let value = try parse(#"["\u0001\t\"\\\/ \ud83d\ude00 é"]"#)
        #expect(value[0] == .string("\u{1}\t\"\\/ 😀 é"))
        #expect(value.serializedString() == "[\"\\u0001\\t\\\"\\\\/ 😀 é\"]")
        for bad in [#"["\ud83d"]"#, #"["\ude00"]"#, #"["\ud83dx"]"#, #"["\u12"]"#, #"["\x"]"#] {
            #expect(failure(bad) != nil, "\(bad)")
        }
        var invalidUTF8 = JSONParser(bytes: [0x22, 0xC3, 0x28, 0x22])
        #expect(throws: JSONParser.Failure.self) { try invalidUTF8.parseDocument() }
    }

    @Test func syntaxErrorsNameTheByte() {
        #expect(message(#"{"a":1,}"#) == "Request body is not valid JSON (at byte 7)")
        #expect(message("") == "Request body is not valid JSON (at byte 0)")
        #expect(message("\u{FEFF}{\"a\":1}") == nil, "a UTF-8 byte order mark is tolerated")
        #expect(message("[1] [2]") != nil && message("tru") != nil && message("nulls") != nil)
    }
}

/// The result of work on another thread.
private final class ThreadOutcome: Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Behind a mutex as well: after a timed-out wait the thread may still be writing it.
    private let value = Mutex<Bool?>(nil)
    func finish(_ ok: Bool) { value.withLock { $0 = ok }; done.signal() }
    func wait() -> Bool? { _ = done.wait(timeout: .now() + 60); return value.withLock { $0 } }
}
