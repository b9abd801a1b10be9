import Foundation
import Testing
import TestSupport

/// Each object type the search answers for, with its system fields (containment in the
/// execution tree, statuses, runs' fields on logs) and custom fields; every item is exactly
/// what the object's own GET answers.
@Suite struct SearchObjectTypeTests {
    func sorted(_ w: SearchWorld, _ type: String, _ query: String) throws -> [String] { try w.names(type, query).sorted() }

    func ids(_ w: SearchWorld, _ type: String, _ query: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Int] {
        let r = try w.search(type, query, query: "?pageSize=999")
        #expect(r.status == 200, "\(r)", sourceLocation: sourceLocation)
        return SearchWorld.items(r).compactMap { $0["id"] as? Int }
    }

    func pid(_ w: SearchWorld, _ path: String) throws -> String {
        try #require(try w.h.get("\(SearchWorld.p)/\(path)").object["pid"] as? String)
    }

    @Test func releasesAndBuilds() throws {
        let w = try SearchWorld()
        #expect(try w.names("releases", "name ~ 'q-rel'") == ["Q-Release"])
        #expect(try w.names("releases", "'Created Date' = '2026-02-02T15:00:00Z'") == ["Q-Release"])
        #expect(try w.names("builds", "'Release Id' = \(w.release)") == ["Q-Build"])
        #expect(try w.names("builds", "Release = '\(try pid(w, "releases/\(w.release)"))'") == ["Q-Build"])
    }

    @Test func cyclesAndSuitesByTheirPlaceInTheTree() throws {
        let w = try SearchWorld()
        let rl = try pid(w, "releases/\(w.release)"), bl = try pid(w, "builds/\(w.build)")
        #expect(try sorted(w, "test-cycles", "'Release Id' = '\(rl)'") == ["Q-Cycle", "Q-Nested"], "nested cycles are under the release too")
        #expect(try w.names("test-cycles", "'Test Cycle Id' = \(w.cycle)") == ["Q-Nested"])
        #expect(try w.names("test-cycles", "'Target Release/Build' = -\(w.release)") == ["Q-Targeted"], "a release is a negative id")
        #expect(try w.names("test-cycles", "'Target Release/Build' in ('\(bl)', 1)") == ["Q-Targeted"])
        #expect(try w.names("test-cycles", "'Target Release' = \(w.release) and 'Target Build' = \(w.build)") == ["Q-Targeted"])
        #expect(try w.names("test-cycles", "'Release Id' is empty and name ~ 'Q-'") == ["Q-Targeted"])
        #expect(try w.names("test-suites", "'Release Id' = \(w.release)") == ["Q-Suite"])
        #expect(try w.names("test-suites", "'Test Cycle Id' = '\(try pid(w, "test-cycles/\(w.cycle)"))'") == ["Q-Suite"])
        #expect(try w.names("test-suites", "'Test Cycle Id' != \(w.nested)") == [])
    }

    @Test func runs() throws {
        let w = try SearchWorld()
        #expect(try sorted(w, "test-runs", "'Test Cycle Id' = \(w.cycle)") == ["Q-Run A", "Q-Run B"])
        #expect(try sorted(w, "test-runs", "'Release Id' = \(w.release)") == ["Q-Run A", "Q-Run B"])
        #expect(try w.names("test-runs", "'Release Id' is 'empty'") == ["Q-Run C"])
        #expect(try w.names("test-runs", "'Test Suite Id' = '\(try pid(w, "test-suites/\(w.suite)"))'") == ["Q-Run A"])
        #expect(try w.names("test-runs", "'Test Case Id' = \(w.cases["Q-Login works"] ?? 0)") == ["Q-Run A"])
        #expect(try w.names("test-runs", "Status = 'passed'") == ["Q-Run A"])
        #expect(try sorted(w, "test-runs", "Status in (Failed, 605)") == ["Q-Run B", "Q-Run C"])
        #expect(try sorted(w, "test-runs", "Status != Passed") == ["Q-Run B", "Q-Run C"])
        // Run fields: a user list and a text field.
        #expect(try w.names("test-runs", "'Assigned To' = 'tester@example.com'") == ["Q-Run A"])
        #expect(try w.names("test-runs", "'Assigned To' ~ 'tester'") == ["Q-Run A"])
        #expect(try w.names("test-runs", "'Failure Output' ~ 'nullpointer'") == ["Q-Run A"])
        // The Status field by its id is the run's status column.
        #expect(try w.names("test-runs", "608917 = 602") == ["Q-Run B"])
    }

    @Test func logs() throws {
        let w = try SearchWorld()
        let (a, b) = (w.logs[0], w.logs[1])
        #expect(try ids(w, "test-logs", "Status = Passed and 'Test Cycle Id' = \(w.cycle)") == [a])
        #expect(try ids(w, "test-logs", "'Execution Start Date' in '2026-02-04'") == [b])
        #expect(try ids(w, "test-logs", "'Execution End Date' > '2026-02-04'") == [b])
        #expect(try ids(w, "test-logs", "'Execution Start Date' >= '2026-02-03T10:00:00Z' and 'Execution Start Date' < '2026-02-04'") == [a])
        #expect(try ids(w, "test-logs", "'Failure Output' ~ 'NullPointer'") == [a], "the run's field")
        #expect(try ids(w, "test-logs", "'Test Run Id' = \(w.runs["Q-Run B"] ?? 0)") == [b])
        #expect(try ids(w, "test-logs", "Note ~ 'by Q-Run' and 'Release Id' = \(w.release)") == [a, b])
        #expect(try ids(w, "test-logs", "'Test Case Id' = \(w.cases["Q-Logout really works"] ?? 0)") == [b])
    }

    @Test func requirementsAndDefects() throws {
        let w = try SearchWorld()
        #expect(try w.names("requirements", "Priority = High") == ["Q-Req"])
        #expect(try w.names("requirements", "name = 'q-req' and 'Created Date' in '2026-02-02'") == ["Q-Req"])
        #expect(try w.names("defects", "Summary ~ 'crash on'") == ["Q-Crash on login"])
        #expect(try w.names("defects", "name ~ 'CRASH'") == ["Q-Crash on login"], "a defect's name is its Summary")
        #expect(try w.names("defects", "Status = New and Submitter = 10001 and 'Submitted Date' > '2026-02-02T18:30:00Z'") == ["Q-Crash on login"])
    }

    /// A search item is byte for byte (as JSON) what GET answers for the same object.
    @Test func itemsAreTheObjectsAsGETAnswersThem() throws {
        let w = try SearchWorld()
        let checks: [(String, String, String)] = [
            ("releases", "name = 'Q-Release'", "releases/\(w.release)"),
            ("builds", "name = 'Q-Build'", "builds/\(w.build)"),
            ("test-cycles", "name = 'Q-Cycle'", "test-cycles/\(w.cycle)"),
            ("test-suites", "name = 'Q-Suite'", "test-suites/\(w.suite)"),
            ("test-runs", "name = 'Q-Run A'", "test-runs/\(w.runs["Q-Run A"] ?? 0)"),
            ("requirements", "name = 'Q-Req'", "requirements/\(w.requirement)"),
            ("defects", "id = \(w.defect)", "defects/\(w.defect)"),
            ("test-logs", "id = \(w.logs[0])", "test-runs/\(w.runs["Q-Run A"] ?? 0)/test-logs/\(w.logs[0])"),
            ("test-cases", "name = 'Q-Login works'", "test-cases/\(w.cases["Q-Login works"] ?? 0)?expand=teststep"),
        ]
        for (type, query, path) in checks {
            let steps = type == "test-cases" ? "?appendTestSteps=true" : type == "test-logs" ? "?includeTestLogProperties=true" : ""
            let found = SearchWorld.items(try w.search(type, query, query: steps))
            let direct = try w.h.get("\(SearchWorld.p)/\(path)")
            #expect(found.count == 1, "\(type)")
            #expect(found.first.map { NSDictionary(dictionary: $0) } == NSDictionary(dictionary: direct.object), "\(type): \(found) vs \(direct)")
        }
    }
}
