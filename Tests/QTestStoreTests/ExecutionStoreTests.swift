import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The execution aggregates called in-process: hierarchy rules, cascades, status propagation,
/// and the execution part of the demo seed.
@Suite struct ExecutionStoreTests {
    static func demo() throws -> (QTestDatabase, Date) {
        let clock = FixedClock()
        let store = try QTestDatabase(clock: clock)
        let fixture = try SeedFixture.decode(Data(DemoSeed.json.utf8))
        _ = try store.write { (db: Database) throws in try Seeder.load(fixture, into: db, at: clock.now()) }
        return (store, clock.now())
    }

    @Test func demoSeedHasAnExecutionTreeWithLogs() throws {
        let (store, _) = try Self.demo()
        try store.read { (db: Database) throws in
            let sprint = try TestCycleRecord.get(db, projectId: 108781, 1200001)
            #expect(sprint.parent == ExecutionParent(type: .release, id: 500001))
            #expect(try TestCycleRecord.get(db, projectId: 108781, 1200002).parent == ExecutionParent(type: .testCycle, id: 1200001))
            let runs = try TestRuns.list(db, projectId: 108781, under: ExecutionParent(type: .release, id: 500001), descendants: true, paging: .all)
            #expect(runs.items.map(\.id) == [31000001, 31000002, 31000003, 31000004])
            #expect(runs.items.map(\.statusId) == [601, 601, 604, 605])
            #expect(try TestLogs.list(db, projectId: 108781, runId: 31000001, paging: .all).total == 2)
            #expect(try TestLogs.stepLogs(db, logId: 86000001).map(\.statusId) == [601, 602, 605])
            #expect(try TestRuns.list(db, projectId: 108781, under: .root, descendants: false, paging: .all).total == 0)
        }
    }

    @Test func seedRejectsABadParentWithItsPath() throws {
        let json = #"{"projects":[{"id":1,"name":"P","test_cycles":[{"name":"C","parent_type":"module","parent_id":3}]}]}"#
        let store = try QTestDatabase()
        let fixture = try SeedFixture.decode(Data(json.utf8))
        #expect {
            _ = try store.write { (db: Database) throws in try Seeder.load(fixture, into: db, at: Date()) }
        } throws: { error in
            (error as? StoreError)?.message.hasPrefix("$.projects[0].test_cycles[0].parent_type") == true
        }
    }

    @Test func forcedCycleDeleteRemovesSubtreeAndSideRows() throws {
        let (store, now) = try Self.demo()
        try store.write { (db: Database) throws in
            #expect(throws: StoreError.self) { try TestCycles.delete(db, projectId: 108781, 1200001, force: false) }
            try TestCycles.delete(db, projectId: 108781, 1200001, force: true)
            #expect(try TestRuns.find(db, projectId: 108781, 31000001) == nil)
            let orphans = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM field_values WHERE (object_type = 'test-runs' AND object_id BETWEEN 31000001 AND 31000004)
                   OR (object_type = 'test-suites' AND object_id IN (2300001, 2300002))
                """) ?? -1
            #expect(orphans == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM test_logs WHERE test_run_id BETWEEN 31000001 AND 31000004") == 0)
            _ = now
        }
    }

    @Test func cycleCannotMoveUnderItsDescendant() throws {
        let (store, now) = try Self.demo()
        try store.write { (db: Database) throws in
            #expect(throws: StoreError.self) {
                try TestCycles.update(db, projectId: 108781, 1200001, ContainerDraft(), moveTo: ExecutionParent(type: .testCycle, id: 1200002), at: now)
            }
            let moved = try TestCycles.update(db, projectId: 108781, 1200002, ContainerDraft(), moveTo: .root, at: now)
            #expect(moved.parent == .root)
        }
    }

    @Test func submitPropagatesStatusInsideTheCallersTransaction() throws {
        let (store, now) = try Self.demo()
        try store.write { (db: Database) throws in
            let log = try TestLogs.submit(db, projectId: 108781, runId: 31000004,
                                          TestLogDraft(statusId: try ExecutionStatuses.resolve(db, projectId: 108781, automation: "FAILED").id,
                                                       exeStartDate: now, exeEndDate: now, automationContent: "x"), by: 10001, at: now)
            #expect(try TestRuns.get(db, projectId: 108781, 31000004).statusId == 602)
            #expect(try TestLogs.latest(db, runId: 31000004)?.id == log.id)
            #expect(throws: StoreError.self) {
                try TestLogs.submit(db, projectId: 108781, runId: 31000004, TestLogDraft(statusId: 601, exeStartDate: now, exeEndDate: now,
                                                                                         stepLogs: [StepLogDraft(testStepId: 1, statusId: 601)]),
                                    by: 10001, at: now)
            }
        }
    }

    @Test func automationStatusAliases() throws {
        let (store, _) = try Self.demo()
        try store.read { (db: Database) throws in
            for (text, id) in [("pass", 601), ("PASSED", 601), ("Fail", 602), ("failed", 602), ("SKIP", 603), ("skipped", 603),
                               ("BLOCKED", 604), ("unexecuted", 605), ("Incomplete", 603)] {
                #expect(try ExecutionStatuses.resolve(db, projectId: 108781, automation: text).id == Int64(id), "\(text)")
            }
            #expect(throws: StoreError.self) { try ExecutionStatuses.resolve(db, projectId: 108781, automation: "maybe") }
        }
    }
}
