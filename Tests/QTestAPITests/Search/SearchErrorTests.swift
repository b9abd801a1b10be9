import Foundation
import Testing
import TestSupport

/// Every way a search can be wrong is a 400 `{message}` saying where and why, never a 5xx;
/// checked by name for each case, then with seeded random queries against every type.
@Suite struct SearchErrorTests {
    @Test func queryErrorsNamePositionAndReason() throws {
        let w = try SearchWorld(.router)
        #expect(try w.refusal("test-cases", "Colour = 'red'") == "unknown field 'Colour' for test-cases at position 1")
        #expect(try w.refusal("test-runs", "name = 'x' and 'Colour' ~ red").hasSuffix("at position 16"))
        #expect(try w.refusal("test-cases", "name ~") == "expected a value after 'name ~', but the query ends at position 7")
        #expect(try w.refusal("test-cases", "name = 'open").contains("unterminated"))
        #expect(try w.refusal("test-cases", "(name = x").contains("expected ')'"))
        #expect(try w.refusal("test-cases", "name = x or").contains("expected a criterion"))
        #expect(try w.refusal("test-cases", "id = abc") == "'id' needs an id or a PID such as TC-1, not 'abc' at position 6")
        #expect(try w.refusal("test-runs", "'Created Date' > yesterday").contains("needs an ISO date"))
        #expect(try w.refusal("test-cases", "Priority = Huge").contains("'High'"), "lists the allowed values")
        #expect(try w.refusal("test-runs", "Status = Bogus").contains("'Passed'"))
        #expect(try w.refusal("test-runs", "'Assigned To' = nobody").contains("needs a user"))
        #expect(try w.refusal("test-runs", "'Target Release/Build' = 3").contains("unknown field"), "runs have no target column")
        #expect(try w.refusal("test-cycles", "'Target Release/Build' = 'TC-1'").contains("not a release"))
        #expect(try w.refusal("test-logs", "'Actual Execution Time' = 1.5").contains("whole number"))
    }

    @Test func operatorsThatDoNotApplyToTheField() throws {
        let w = try SearchWorld(.router)
        #expect(try w.refusal("test-cases", "'Created Date' ~ 2026") == "operator '~' does not apply to 'Created Date' (a date field) at position 16")
        #expect(try w.refusal("test-runs", "Status < 603").contains("operator '<'"))
        #expect(try w.refusal("test-runs", "'Release Id' > 3").contains("operator '>'"))
        #expect(try w.refusal("test-cases", "id !~ 3").contains("operator '!~'"))
        #expect(try w.refusal("test-cases", "name = (a, b)").contains("needs the operator 'in'"))
    }

    @Test func bodyErrors() throws {
        let w = try SearchWorld(.router)
        let p = SearchWorld.p
        func status(_ json: Any?) throws -> (Int, String) {
            let r = try w.h.post("\(p)/search", json: json)
            return (r.status, r.object["message"] as? String ?? "")
        }
        #expect(try status(["object_type": "widgets"]) == (400, "unknown object type 'widgets'; valid values: releases, builds, requirements, test-cases, test-runs, test-suites, test-cycles, test-logs, defects"))
        #expect(try status(["query": "name ~ x"]).0 == 400)
        #expect(try status(["object_type": "test-cases", "query": ["name"]]).1 == "Field 'query' must be a string")
        #expect(try status([1, 2]).0 == 400)
        #expect(try status(nil).0 == 400)
        #expect(try status(["object_type": "test-cases", "fields": "name"]).0 == 400)
        let limits = [String(repeating: "(", count: 25) + "a = 1" + String(repeating: ")", count: 25),
                      Array(repeating: "name = x", count: 101).joined(separator: " or "),
                      "name in (" + Array(repeating: "'x'", count: 101).joined(separator: ", ") + ")",
                      String(repeating: "n", count: 10_001)]
        for query in limits { #expect(try status(["object_type": "test-cases", "query": query]).0 == 400) }
    }

    /// Seeded random queries (token soup of the language's pieces and real field names) against
    /// every object type: each is answered 200 or 400 `{message}`, never 5xx.
    @Test func randomQueriesAreAnsweredNeverWith500() throws {
        let w = try SearchWorld(.router)
        var rng = HostileInputTests.Seeded(state: 0x5EA2C4)
        let pieces = ["name", "'Created Date'", "Status", "Priority", "'Release Id'", "'Test Cycle Id'", "'Target Release/Build'",
                      "'Assigned To'", "'Automation Content'", "id", "pid", "608942", "=", "!=", "~", "!~", "<", "<=", ">", ">=", "in",
                      "is", "'empty'", "'not empty'", "and", "or", "(", ")", ",", "'x'", "Passed", "-1", "RL-1", "TC-1", "1e400",
                      "9223372036854775807", "-9223372036854775808", "'2026-02-02'", "2026-02-02T10:00:00Z", "'%'", "'_'", "\\", "'é'"]
        let types = ["releases", "builds", "requirements", "test-cases", "test-runs", "test-suites", "test-cycles", "test-logs", "defects"]
        var answered = [Int: Int]()
        for round in 0..<600 {
            var query = ""
            for _ in 0..<Int(rng.next() % 9) { query += pieces[Int(rng.next() % UInt64(pieces.count))] + " " }
            let r = try w.search(types[round % types.count], query)
            answered[r.status, default: 0] += 1
            #expect(r.status == 200 || r.status == 400, "\(types[round % types.count]) \(query): \(r)")
            if r.status == 400 { #expect(r.object["message"] is String) }
        }
        #expect((answered[200] ?? 0) > 20 && (answered[400] ?? 0) > 100, "\(answered)")
    }
}
