import Foundation
import Testing
@testable import QTestStore

/// The query language as a pure value: tokens, the tree, positions in errors, limits, and a
/// seeded fuzz run that must never trap.
@Suite struct SearchQueryParserTests {
    static func criterion(_ text: String) throws -> SearchCriterion {
        guard case let .criterion(c)? = try SearchQueryParser.parse(text) else {
            throw SearchQueryError("not a single criterion: \(text)", at: nil)
        }
        return c
    }

    static func error(_ text: String) -> SearchQueryError? {
        do { _ = try SearchQueryParser.parse(text); return nil } catch let e as SearchQueryError { return e } catch { return nil }
    }

    @Test func tokensCarryPositions() throws {
        let tokens = try QueryTokenizer.tokenize("name ~ 'PRO-1' and(id>=3)")
        #expect(tokens.map(\.kind) == [.word("name"), .symbol("~"), .quoted("PRO-1"), .word("and"), .openParen,
                                       .word("id"), .symbol(">="), .word("3"), .closeParen])
        #expect(tokens.map(\.position) == [1, 6, 8, 16, 19, 20, 22, 24, 25])
    }

    @Test func quotesDoubleToEscapeAndBackslashIsPlain() throws {
        #expect(try QueryTokenizer.tokenize("'it''s' \"a\"\"b\" 'C:\\dir'").map(\.kind) == [.quoted("it's"), .quoted("a\"b"), .quoted("C:\\dir")])
        #expect(try QueryTokenizer.tokenize("''").map(\.kind) == [.quoted("")])
    }

    @Test func everyOperator() throws {
        let cases: [(String, SearchOperator)] = [
            ("=", .equals), ("!=", .notEquals), ("<>", .notEquals), ("~", .contains), ("!~", .notContains),
            ("<", .less), ("<=", .lessOrEqual), (">", .greater), (">=", .greaterOrEqual), ("in", .in), ("IN", .in),
        ]
        for (text, op) in cases {
            let c = try Self.criterion("id \(text) 5")
            #expect(c.op == op, "\(text)")
            #expect(c.value == .single(SearchLiteral("5", quoted: false, at: 5 + text.count)))
        }
        for text in ["is 'empty'", "IS EMPTY", "is \"Empty\"", "is empty"] {
            #expect(try Self.criterion("name \(text)").op == .isEmpty, "\(text)")
        }
        for text in ["is 'not empty'", "is NOT empty", "is 'Not  Empty'"] {
            #expect(try Self.criterion("name \(text)").op == .isNotEmpty, "\(text)")
        }
    }

    @Test func fieldNamesQuotedOrBareWithSpaces() throws {
        let quoted = try Self.criterion("'Automation Content' = 'com.acme.Login'")
        #expect(quoted.field == "Automation Content")
        #expect(quoted.fieldPosition == 1)
        #expect(quoted.value == .single(SearchLiteral("com.acme.Login", quoted: true, at: 24)))
        let bare = try Self.criterion("Release Id = 'RL-1'")
        #expect(bare.field == "Release Id")
        #expect(bare.operatorPosition == 12)
        let slash = try Self.criterion("Target Release/Build in (-500001, BL-2)")
        #expect(slash.field == "Target Release/Build")
        #expect(slash.value.literals.map(\.text) == ["-500001", "BL-2"])
    }

    @Test func bareValuesRunToTheNextKeyword() throws {
        #expect(try Self.criterion("Status = In Review").value.literals.map(\.text) == ["In Review"])
        #expect(try Self.criterion("'Created Date' > 2021-05-07T03:15:37.652Z").value.literals.map(\.text) == ["2021-05-07T03:15:37.652Z"])
        #expect(try Self.criterion("Status in [New, In Review]").value.literals.map(\.text) == ["New", "In Review"])
    }

    @Test func andBindsTighterThanOr() throws {
        let q = try SearchQueryParser.parse("a = 1 or b = 2 and c = 3")
        guard case let .any(items)? = q, items.count == 2, case .criterion = items[0], case let .all(inner) = items[1] else {
            Issue.record("unexpected tree \(String(describing: q))")
            return
        }
        #expect(inner.count == 2)
        let grouped = try SearchQueryParser.parse("(a = 1 or b = 2) AND c = 3")
        guard case let .all(top)? = grouped, case .any = top[0] else {
            Issue.record("unexpected tree \(String(describing: grouped))")
            return
        }
        #expect(grouped?.criteria.map(\.field) == ["a", "b", "c"])
    }

    @Test func blankQueriesMatchEverything() throws {
        #expect(try SearchQueryParser.parse("") == nil)
        #expect(try SearchQueryParser.parse("  \n\t ") == nil)
    }

    @Test func errorsSayWhereAndWhy() {
        let cases: [(String, Int, String)] = [
            ("name", 5, "expected an operator after 'name'"),
            ("name ~", 7, "expected a value after 'name ~'"),
            ("name = 'open", 8, "unterminated quoted text"),
            ("name ! 'x'", 6, "'!' must be followed by '=' or '~'"),
            ("(name = x", 10, "expected ')'"),
            ("name = x)", 9, "')' without a matching '('"),
            ("name = x and", 13, "expected a criterion"),
            ("name = (a, b)", 8, "needs the operator 'in'"),
            ("name in ()", 10, "the list of values is empty"),
            ("name in (a b c", 15, "expected ',' or ')'"),
            ("name is full", 9, "expected 'empty' or 'not empty'"),
            ("= 3", 1, "expected a field name"),
            ("name = 1 2 = 3", 12, "expected 'and', 'or' or the end"),
            ("'' = 3", 1, "the field name is empty"),
            ("name <<= 3", 7, "expected a value"),
        ]
        for (text, position, reason) in cases {
            let e = Self.error(text)
            #expect(e?.position == position, "\(text): \(String(describing: e))")
            #expect(e?.reason.contains(reason) == true, "\(text): \(String(describing: e))")
        }
        #expect(Self.error("name")?.message == "expected an operator after 'name', but the query ends at position 5")
    }

    @Test func limitsAreErrorsNotCrashes() {
        let deep = String(repeating: "(", count: 21) + "a = 1" + String(repeating: ")", count: 21)
        #expect(Self.error(deep)?.reason.contains("nest deeper than 20") == true)
        let ok = String(repeating: "(", count: 20) + "a = 1" + String(repeating: ")", count: 20)
        #expect(Self.error(ok) == nil)
        let veryDeep = String(repeating: "(", count: 9_999)
        #expect(Self.error(veryDeep)?.position == 21)
        let many = Array(repeating: "a = 1", count: 101).joined(separator: " or ")
        #expect(Self.error(many)?.reason.contains("more than 100 criteria") == true)
        let list = "a in (" + Array(repeating: "1", count: 101).joined(separator: ",") + ")"
        #expect(Self.error(list)?.reason.contains("more than 100 values") == true)
        #expect(Self.error(String(repeating: "x", count: 10_001))?.reason.contains("longer than") == true)
    }

    /// Random token soup and random characters: every input parses or throws a positioned error.
    @Test func seededFuzzNeverTraps() {
        var rng = SplitMix(seed: 0x5EA2C4)
        let pieces = ["name", "'Created Date'", "\"x\"", "=", "!=", "<>", "~", "!~", "<", "<=", ">", ">=", "in", "is", "not",
                      "empty", "'empty'", "and", "or", "AND", "(", ")", "[", "]", ",", "'", "\"", "!", "TC-1", "-5", "2021-05-07",
                      "é", "\u{0}", " ", "  ", "\n", "''", "'a''b'", "Release Id"]
        let alphabet = Array("ab '\"()[],=!<>~-_.:/\\ \t\né0123456789")
        var parsed = 0, refused = 0
        for round in 0..<20_000 {
            var text = ""
            if round % 2 == 0 {
                for _ in 0..<Int(rng.next() % 24) { text += pieces[Int(rng.next() % UInt64(pieces.count))] + (rng.next() % 3 == 0 ? "" : " ") }
            } else {
                for _ in 0..<Int(rng.next() % 40) { text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            }
            do {
                let q = try SearchQueryParser.parse(text)
                parsed += 1
                for c in q?.criteria ?? [] { #expect(c.fieldPosition >= 1 && c.fieldPosition <= text.count) }
            } catch let e as SearchQueryError {
                refused += 1
                if let p = e.position { #expect(p >= 1 && p <= text.count + 1, "\(text): \(e)") }
            } catch {
                Issue.record("unexpected error \(error) for \(text)")
            }
        }
        #expect(parsed > 500 && refused > 500, "parsed \(parsed), refused \(refused)")
    }

    /// SplitMix64: the same inputs on every run, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
