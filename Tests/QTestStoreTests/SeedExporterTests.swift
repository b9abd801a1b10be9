import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The exporter against the loader, in the store: export → load into an empty database →
/// export gives the same bytes.
@Suite struct SeedExporterTests {
    static func seeded(_ fixture: SeedFixture, clock: FixedClock = FixedClock()) throws -> QTestDatabase {
        let store = try QTestDatabase(clock: clock)
        try store.write { (db: Database) throws in _ = try Seeder.load(fixture, into: db, at: clock.now()) }
        return store
    }

    static func export(_ store: QTestDatabase) throws -> Data {
        try store.read { (db: Database) throws in try SeedExporter.json(db) }
    }

    /// Loads `first` (an export) into a fresh store and checks the second export is identical.
    static func expectRoundTrip(_ first: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let again = try export(try seeded(try SeedFixture.decode(first)))
        if again != first {
            let a = String(decoding: first, as: UTF8.self).split(separator: "\n"), b = String(decoding: again, as: UTF8.self).split(separator: "\n")
            let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let context = { (lines: [Substring]) in lines[max(0, at - 8)..<min(lines.count, at + 4)].joined(separator: "\n") }
            Issue.record("exports differ at line \(at + 1):\n--- first\n\(context(a))\n--- second\n\(context(b))", sourceLocation: sourceLocation)
        }
    }

    @Test func demoSeedRoundTrips() throws {
        let store = try Self.seeded(try SeedFixture.decode(Data(DemoSeed.json.utf8)))
        let first = try Self.export(store)
        try Self.expectRoundTrip(first)
        let fixture = try SeedFixture.decode(first)
        #expect(fixture.projects?.map(\.id) == [108781, 108782])
        #expect(fixture.users?.first?.passwordHash != nil)
    }
}


extension SeedExporterTests {
    static func demo(_ clock: FixedClock = FixedClock()) throws -> QTestDatabase {
        try seeded(try SeedFixture.decode(Data(DemoSeed.json.utf8)), clock: clock)
    }

    /// A step of an earlier case that calls a later one: the exact loader adds steps once every
    /// case exists, so the export loads although the called case comes after.
    @Test func aStepMayCallACaseLaterInTheSection() throws {
        let store = try Self.demo()
        try store.write { (db: Database) throws in
            let (caller, _) = try TestCases.create(db, projectId: 108781, TestCaseDraft(name: "Caller", moduleId: 6100001), by: nil, at: Date())
            let (callee, _) = try TestCases.create(db, projectId: 108781, TestCaseDraft(name: "Callee", moduleId: 6100001), by: nil, at: Date())
            _ = try TestSteps.add(db, projectId: 108781, caseId: caller.id, TestStepDraft(description: "call", calledTestCaseId: callee.id),
                                  by: nil, at: Date())
        }
        let first = try Self.export(store)
        let cases = try #require(try SeedFixture.decode(first).projects?.first?.testCases)
        let callerIndex = try #require(cases.firstIndex { $0.name == "Caller" }), calleeIndex = try #require(cases.firstIndex { $0.name == "Callee" })
        #expect(callerIndex < calleeIndex && cases[callerIndex].testSteps?.first?.calledTestCaseId == cases[calleeIndex].id)
        try Self.expectRoundTrip(first)
    }

    /// A run whose status was set apart from its logs, and a log submitted after a version
    /// change of the run, come back as they were.
    @Test func runStatusSetApartFromTheLogsIsKept() throws {
        let store = try Self.demo()
        try store.write { (db: Database) throws in
            let status = try #require(try TestRuns.statusField(db, projectId: 108781))
            _ = try TestRuns.update(db, projectId: 108781, 31000002, TestRunDraft(properties: [PropertyInput(fieldId: status.id, value: "604")]),
                                    moveTo: nil, at: Date())
        }
        let first = try Self.export(store)
        let run = try #require(try SeedFixture.decode(first).projects?.first?.testRuns?.first { $0.id == 31000002 })
        #expect(run.statusId == 604)
        let again = try Self.seeded(try SeedFixture.decode(first))
        #expect(try again.read { (db: Database) throws in try TestRuns.get(db, projectId: 108781, 31000002).statusId } == 604)
        try Self.expectRoundTrip(first)
    }

    /// Passwords travel as their salted hash: the loaded user logs in with the old password.
    @Test func passwordHashesKeepLoginsWorking() throws {
        let first = try Self.export(try Self.demo())
        let user = try #require(try SeedFixture.decode(first).users?.first { $0.username == "tester@example.com" })
        #expect(user.password == nil && user.passwordHash != nil && user.passwordSalt != nil)
        let again = try Self.seeded(try SeedFixture.decode(first))
        #expect(try again.read { (db: Database) throws in try Users.verifyPassword(db, username: "tester@example.com", password: "tester123") } != nil)
        let text = String(decoding: first, as: UTF8.self)
        #expect(!text.contains("tester123"), "no plain password in an export")
    }

    /// A job caught running loads waiting (it runs again); finished jobs keep their outcome
    /// and leave their request out.
    @Test func jobsKeepTheirOutcome() throws {
        let store = try Self.demo()
        try store.write { (db: Database) throws in
            let done = try Jobs.enqueue(db, projectId: 108781, userId: 10001, type: "AUTOMATION_TEST_LOG", request: #"{"big":true}"#, at: Date())
            try Jobs.finish(db, done.id, .success, content: #"{"ok":1}"#, at: Date())
            let running = try Jobs.enqueue(db, projectId: 108781, userId: 10001, type: "AUTOMATION_TEST_LOG", request: #"{"again":true}"#, at: Date())
            try Jobs.begin(db, running.id, at: Date())
        }
        let fixture = try SeedFixture.decode(try Self.export(store))
        let jobs = try #require(fixture.projects?.first?.jobs)
        #expect(jobs.map(\.state) == ["SUCCESS", "IN_PROCESSING"])
        #expect(jobs[0].request == nil && jobs[0].content == #"{"ok":1}"#)
        #expect(jobs[1].request == #"{"again":true}"#)
        let again = try Self.seeded(fixture)
        let states = try again.read { (db: Database) throws in try Int64.fetchAll(db, sql: "SELECT id FROM jobs WHERE state = 'IN_WAITING'") }
        #expect(states == [try #require(jobs[1].id)])
    }
}
