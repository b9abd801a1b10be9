import Foundation
import Testing
import TestSupport

/// Every operator of the query language, quoting, keywords and precedence, over a live socket
/// (test cases: columns, the latest version's name, lookup and text fields).
@Suite struct SearchOperatorTests {
    static let all = ["Q-100% done_1", "Q-It's \"quoted\"", "Q-Login works", "Q-Logout really works", "Q-Uploaded"]

    func sorted(_ w: SearchWorld, _ query: String) throws -> [String] { try w.names("test-cases", query).sorted() }

    @Test func equalsAndNotEqualsIgnoreCase() throws {
        let w = try SearchWorld()
        #expect(try w.names("test-cases", "name = 'q-login WORKS'") == ["Q-Login works"])
        #expect(try sorted(w, "name != 'Q-Login works'") == Self.all.filter { $0 != "Q-Login works" })
        #expect(try sorted(w, "name <> 'Q-Login works'") == Self.all.filter { $0 != "Q-Login works" })
        #expect(try w.names("test-cases", "name in ('Q-Login works', 'q-uploaded', 'nothing')") == ["Q-Login works", "Q-Uploaded"])
    }

    @Test func containsIsLiteralText() throws {
        let w = try SearchWorld()
        #expect(try sorted(w, "name ~ 'log'") == ["Q-Login works", "Q-Logout really works"])
        #expect(try sorted(w, "name !~ 'log'") == ["Q-100% done_1", "Q-It's \"quoted\"", "Q-Uploaded"])
        // LIKE's wildcards in a value are plain characters.
        #expect(try w.names("test-cases", "name ~ '100%'") == ["Q-100% done_1"])
        #expect(try w.names("test-cases", "name ~ 'e_1'") == ["Q-100% done_1"])
        #expect(try w.names("test-cases", "name ~ '%'") == ["Q-100% done_1"])
    }

    @Test func orderingOnDates() throws {
        let w = try SearchWorld()
        #expect(try sorted(w, "'Created Date' >= '2026-02-02T10:00:00Z' and 'Created Date' < '2026-02-02T12:00:00Z'")
                == ["Q-It's \"quoted\"", "Q-Logout really works"])
        #expect(try sorted(w, "'Created Date' <= '2026-02-02T10:00:00.000+0000'") == ["Q-Login works", "Q-Logout really works"])
        #expect(try w.names("test-cases", "'Created Date' > '2026-02-02T12:30:00+00:00'") == ["Q-Uploaded"])
        #expect(try w.names("test-cases", "'Created Date' = '2026-02-02T11:00:00Z'") == ["Q-It's \"quoted\""])
        // A date without a time is the whole day: `>` it means from the next day on.
        let after = try w.search("test-cases", "'Created Date' > '2026-02-01'", query: "?pageSize=999")
        #expect(after.object["total"] as? Int == 5, "the demo cases were made on 2026-02-01: \(after)")
        #expect(try w.search("test-cases", "'Created Date' <= '2026-02-01'").object["total"] as? Int == 4)
        #expect(try w.search("test-cases", "'Created Date' < '2026-02-01'").object["total"] as? Int == 0)
    }

    @Test func inOnADateCoversTheNext23h59m59s() throws {
        let w = try SearchWorld()
        #expect(try sorted(w, "'Created Date' in '2026-02-02T09:00:00Z'") == Self.all)
        #expect(try sorted(w, "'Created Date' in ('2026-02-02T11:30:00Z')") == ["Q-100% done_1", "Q-Uploaded"])
        #expect(try w.search("test-cases", "'Created Date' in ('2026-02-01', '2026-03-01')").object["total"] as? Int == 4)
        #expect(try w.search("test-cases", "'Last Modified Date' in ['2026-02-02']").object["total"] as? Int == 5)
    }

    @Test func emptyAndNotEmpty() throws {
        let w = try SearchWorld()
        #expect(try sorted(w, "Priority is 'empty'") == ["Q-100% done_1", "Q-It's \"quoted\"", "Q-Uploaded"])
        #expect(try sorted(w, "Priority is 'not empty'") == ["Q-Login works", "Q-Logout really works"])
        #expect(try sorted(w, "priority IS NOT EMPTY") == ["Q-Login works", "Q-Logout really works"])
        #expect(try sorted(w, "'Automation Content' is 'not empty'") == ["Q-Login works", "Q-Uploaded"])
    }

    @Test func lookupsByLabelOrValue() throws {
        let w = try SearchWorld()
        #expect(try w.names("test-cases", "Priority = High") == ["Q-Login works"])
        #expect(try w.names("test-cases", "Priority = 722") == ["Q-Logout really works"])
        #expect(try sorted(w, "Priority in ('high', Low)") == ["Q-Login works", "Q-Logout really works"])
        #expect(try w.names("test-cases", "Priority ~ 'IG'") == ["Q-Login works"])
        #expect(try sorted(w, "Priority != High") == Self.all.filter { $0 != "Q-Login works" })
        // The field by its id, as the vendor allows.
        #expect(try w.names("test-cases", "608942 = 'High'") == ["Q-Login works"])
    }

    @Test func automationContentInTheColumnOrTheField() throws {
        let w = try SearchWorld()
        #expect(try w.names("test-cases", "'Automation Content' = 'com.acme.LoginTest'") == ["Q-Login works"], "the field")
        #expect(try w.names("test-cases", "'automation content' = 'COM.ACME.UPLOADTEST'") == ["Q-Uploaded"], "the column uploads write")
        #expect(try sorted(w, "'Automation Content' ~ 'com.acme'") == ["Q-Login works", "Q-Uploaded"])
        #expect(try sorted(w, "'Automation Content' != 'com.acme.LoginTest'") == Self.all.filter { $0 != "Q-Login works" })
        #expect(try w.names("test-cases", "608944 = 'com.acme.LoginTest'") == ["Q-Login works"])
    }

    @Test func theLatestVersionIsSearched() throws {
        let w = try SearchWorld()
        #expect(try w.names("test-cases", "name = 'Q-Logout works'") == [])
        #expect(try w.names("test-cases", "name = 'Q-Logout really works'") == ["Q-Logout really works"])
    }

    @Test func quoting() throws {
        let w = try SearchWorld()
        #expect(try w.names("test-cases", "name = 'Q-It''s \"quoted\"'") == ["Q-It's \"quoted\""])
        #expect(try w.names("test-cases", "name = \"Q-It's \"\"quoted\"\"\"") == ["Q-It's \"quoted\""])
        #expect(try w.names("test-cases", "'name' ~ 'login'") == ["Q-Login works"])
        // Bare names with spaces, bare values, no spaces around operators.
        #expect(try w.names("test-cases", "Created Date > 2026-02-02T12:30:00Z") == ["Q-Uploaded"])
        #expect(try w.names("test-cases", "Name~Q-Up") == ["Q-Uploaded"])
        #expect(try w.names("test-cases", "name = Q-Login works") == ["Q-Login works"])
    }

    @Test func andBindsTighterThanOrAndParenthesesGroup() throws {
        let w = try SearchWorld()
        #expect(try w.names("test-cases", "name = 'Q-Login works' or name = 'Q-Uploaded' and Priority = High") == ["Q-Login works"])
        #expect(try w.names("test-cases", "(name = 'Q-Login works' or name = 'Q-Uploaded') and Priority is empty") == ["Q-Uploaded"])
        #expect(try sorted(w, "NAME ~ 'q-log' AND (priority = high OR Priority = low)") == ["Q-Login works", "Q-Logout really works"])
        #expect(try w.names("test-cases", "((((name ~ 'Uploaded'))))") == ["Q-Uploaded"])
    }

    @Test func idsPidsAndUsers() throws {
        let w = try SearchWorld()
        let login = try #require(w.cases["Q-Login works"])
        let pid = try #require(try w.h.get("\(SearchWorld.p)/test-cases/\(login)").object["pid"] as? String)
        #expect(try w.names("test-cases", "id = \(login)") == ["Q-Login works"])
        #expect(try w.names("test-cases", "id = '\(pid.lowercased())'") == ["Q-Login works"])
        #expect(try w.names("test-cases", "pid = '\(pid)'") == ["Q-Login works"])
        #expect(try w.names("test-cases", "id > \(login) and id < \(login + 2)").count == 1)
        #expect(try sorted(w, "'Created By' = 'api-test@qasymphony.com'") == Self.all)
        #expect(try sorted(w, "'Created By' = 10001") == Self.all)
        #expect(try w.names("test-cases", "'Created By' = 'tester@example.com'") == [])
    }
}
