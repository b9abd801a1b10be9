import Foundation
import GRDB
import Testing
@testable import QTestStore

@Suite struct SeedTests {
    static let demoPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seed-data/demo.json").path

    @Test func embeddedDemoSeedMatchesFile() throws {
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.demoPath))) as? NSDictionary
        let embedded = try JSONSerialization.jsonObject(with: Data(DemoSeed.json.utf8)) as? NSDictionary
        #expect(file != nil && embedded == file, "run scripts/embed-seed.sh")
    }

    @Test func demoSeedLoads() throws {
        let clock = FixedClock()
        let store = try QTestDatabase(clock: clock)
        let fixture = try SeedFixture.decode(Data(DemoSeed.json.utf8))
        let summary = try store.write { (db: Database) throws in try Seeder.load(fixture, into: db, at: clock.now()) }
        #expect(summary.projects == 2)
        try store.read { (db: Database) throws in
            let admin = try #require(try Users.verifyPassword(db, username: "api-test@qasymphony.com", password: "admin123"))
            #expect(admin.isSiteAdmin)
            #expect(try Tokens.user(db, forToken: "9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8", at: clock.now())?.id == admin.id)
            let tester = try #require(try Users.verifyPassword(db, username: "tester@example.com", password: "tester123"))
            #expect(!tester.isSiteAdmin)
            #expect(try !Tokens.apiTokens(db, userId: tester.id).isEmpty)
            #expect(try Projects.isMember(db, userId: tester.id, projectId: 108781))
            #expect(try !Projects.isMember(db, userId: tester.id, projectId: 108782))
            #expect(try Projects.get(db, 108781).name == "Sample Project")
            #expect(try Fields.executionStatuses(db, projectId: 108781).map(\.id) == [601, 602, 603, 604, 605])
            let execType = try #require(try Fields.find(db, projectId: 108781, objectType: "test-runs", label: "execution type"))
            #expect(try Fields.allowedValues(db, fieldId: execType.id).map(\.label) == ["Functional", "Regression", "Smoke"])
            #expect(try Fields.find(db, projectId: 108781, objectType: "test-suites", label: "Environment")?.originalName == "EnvironmentTestSuite")
            #expect(try SiteTemplates.list(db).count == 2)
            #expect(try AuthSystems.ldapConfigs(db).count == 1)
            #expect(try Groups.list(db).count >= 1)
        }
        // New ids continue after the seeded ones.
        let next = try store.write { (db: Database) throws in try IDs.next(db, .project) }
        #expect(next == 108_783)
    }

    @Test func duplicateProjectIdNamesThePathAndLoadsNothing() throws {
        let store = try QTestDatabase()
        let json = #"{"users":[{"username":"a@b.c"}],"projects":[{"id":108781,"name":"A"},{"id":108781,"name":"B"}]}"#
        let fixture = try SeedFixture.decode(Data(json.utf8))
        #expect(throws: StoreError.badRequest("$.projects[1].id: duplicate project id 108781")) {
            try store.write { (db: Database) throws in try Seeder.load(fixture, into: db, at: Date()) }
        }
        #expect(try store.read { (db: Database) throws in try Users.count(db) } == 0)
    }

    @Test func lateFailureRollsBackEverything() throws {
        let store = try QTestDatabase()
        let json = #"{"users":[{"username":"a@b.c"}],"projects":[{"name":"A","members":[{"user_id":999}]}]}"#
        let fixture = try SeedFixture.decode(Data(json.utf8))
        do {
            try store.write { (db: Database) throws in try Seeder.load(fixture, into: db, at: Date()) }
            Issue.record("expected an error")
        } catch let e as StoreError {
            #expect(e.message.hasPrefix("$.projects[0].members[0]: "), "\(e.message)")
        }
        try store.read { (db: Database) throws in
            #expect(try Users.count(db) == 0)
            #expect(try ProjectRecord.fetchCount(db) == 0)
        }
    }

    @Test(arguments: [
        (#"{"users":[{"id":1}]}"#, "$.users[0].username: missing required key"),
        (#"{"users":[{"username":5}]}"#, "$.users[0].username: expected a string"),
        (#"{"projects":[{"name":"x","members":[{"user_id":"x"}]}]}"#, "$.projects[0].members[0].user_id: expected an integer"),
        (#"{"projects":[{"name":"x","start_date":"soon"}]}"#, "$.projects[0].start_date: invalid date \"soon\""),
        (#"{"profiles":[{"kind":"boss","name":"x"}]}"#, "$.profiles[0].kind: expected \"admin\" or \"project\", found \"boss\""),
    ])
    func badFixturesNameThePath(_ json: String, _ message: String) throws {
        let store = try QTestDatabase()
        do {
            let fixture = try SeedFixture.decode(Data(json.utf8))
            try store.write { (db: Database) throws in try Seeder.load(fixture, into: db, at: Date()) }
            Issue.record("expected an error")
        } catch let e as StoreError {
            #expect(e.message == message)
            #expect(e.httpStatus == 400)
        }
    }
}
