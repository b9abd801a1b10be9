import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The tree limit (``TreeLimits/maxDepth``) where modules and cycles get a parent, and trees
/// far deeper than it, as an old database may hold them, read and deleted without recursion.
///
/// The deep chains are written straight into the tables (the store itself no longer makes
/// them). These tests run on Swift Testing's worker threads, whose stacks are small: any walk
/// that recursed once per level would crash the test process here.
@Suite struct DeepTreeStoreTests {
    let now = Date(timeIntervalSince1970: 1_767_225_600)
    static let limit = TreeLimits.maxDepth

    func makeStore() throws -> (QTestDatabase, Int64) {
        let store = try QTestDatabase()
        let project = try store.write { (db: Database) throws in try Projects.create(db, ProjectDraft(name: "Trees"), by: nil, at: now).id }
        return (store, project)
    }

    /// `count` modules with ids `firstID`, `firstID + 1` …, each the parent of the next, the
    /// first under `parentId` (root when nil). Returns the deepest id.
    @discardableResult
    static func insertModuleChain(_ db: Database, projectId: Int64, count: Int, firstID: Int64, under parentId: Int64? = nil) throws -> Int64 {
        try db.execute(sql: """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
            INSERT INTO modules (id, project_id, pid, name, parent_id, sort_order, shared, created_date, last_modified_date)
            SELECT ?2 + i, ?3, 'MD-CHAIN-' || (?2 + i), 'level ' || (i + 1), CASE WHEN i = 0 THEN ?4 ELSE ?2 + i - 1 END, 1, 0,
                   '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000' FROM n
            """, arguments: [count, firstID, projectId, parentId])
        return firstID + Int64(count) - 1
    }

    /// `count` test cycles chained like ``insertModuleChain(_:projectId:count:firstID:under:)``,
    /// the first under the root or under `releaseId`. Returns the deepest id.
    @discardableResult
    static func insertCycleChain(_ db: Database, projectId: Int64, count: Int, firstID: Int64, releaseId: Int64? = nil) throws -> Int64 {
        try db.execute(sql: """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
            INSERT INTO test_cycles (id, project_id, pid, name, parent_type, release_id, parent_cycle_id, sort_order, created_date, last_modified_date)
            SELECT ?2 + i, ?3, 'CL-CHAIN-' || (?2 + i), 'level ' || (i + 1),
                   CASE WHEN i > 0 THEN 'test-cycle' WHEN ?4 IS NULL THEN 'root' ELSE 'release' END,
                   CASE WHEN i = 0 THEN ?4 END, CASE WHEN i > 0 THEN ?2 + i - 1 END, 1,
                   '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000' FROM n
            """, arguments: [count, firstID, projectId, releaseId])
        return firstID + Int64(count) - 1
    }

    static func count(_ db: Database, _ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? -1 }

    @Test func modulesNestUpToTheLimitAndNoDeeper() throws {
        let (store, p) = try makeStore()
        try store.write { (db: Database) throws in
            var parent: Int64?
            for level in 1...Self.limit {
                parent = try Modules.create(db, projectId: p, ModuleDraft(name: "L\(level)", parentId: parent), by: nil, at: now).id
            }
            let before = try Self.count(db, "SELECT COUNT(*) FROM modules")
            let error = try #require(throws: StoreError.self) {
                try Modules.create(db, projectId: p, ModuleDraft(name: "too deep", parentId: parent), by: nil, at: now)
            }
            #expect(error.kind == .badRequest)
            #expect(error.message.contains("cannot be nested more than \(Self.limit) levels deep"), "\(error.message)")
            #expect(try Self.count(db, "SELECT COUNT(*) FROM modules") == before)
        }
    }

    @Test func moduleMovesKeepTheWholeSubtreeWithinTheLimit() throws {
        let (store, p) = try makeStore()
        try store.write { (db: Database) throws in
            // A chain 60 deep, and a separate module with 40 levels below it (41 in all).
            let deep = try Self.insertModuleChain(db, projectId: p, count: 60, firstID: 70_000_001)
            let branch = try Modules.create(db, projectId: p, ModuleDraft(name: "branch"), by: nil, at: now)
            try Self.insertModuleChain(db, projectId: p, count: 40, firstID: 71_000_001, under: branch.id)
            #expect(throws: StoreError.self, "60 + 41 levels") { try Modules.move(db, projectId: p, branch.id, under: deep, at: now) }
            #expect(try Modules.get(db, projectId: p, branch.id).parentId == nil, "a refused move changes nothing")
            let moved = try Modules.move(db, projectId: p, branch.id, under: deep - 1, at: now)
            #expect(moved.parentId == deep - 1, "59 + 41 = 100 levels fit")
            // Still no moving under its own subtree.
            #expect(throws: StoreError.self) { try Modules.move(db, projectId: p, 70_000_001, under: 71_000_040, at: now) }
            // A subtree already deeper than the limit (an old database) fits nowhere whole.
            let old = try Self.insertModuleChain(db, projectId: p, count: Self.limit + 5, firstID: 72_000_001, under: 70_000_001)
            _ = old
            #expect(throws: StoreError.self) { try Modules.move(db, projectId: p, 72_000_001, under: nil, at: now) }
        }
    }

    @Test func cyclesNestUpToTheLimitAndMovesStayWithinIt() throws {
        let (store, p) = try makeStore()
        try store.write { (db: Database) throws in
            let release = try Releases.create(db, projectId: p, ReleaseDraft(name: "R"), by: nil, at: now)
            var parent = ExecutionParent(type: .release, id: release.id)
            for level in 1...Self.limit {
                parent = ExecutionParent(type: .testCycle, id: try TestCycles.create(db, projectId: p, under: parent, ContainerDraft(name: "L\(level)"), by: nil, at: now).id)
            }
            let before = try Self.count(db, "SELECT COUNT(*) FROM test_cycles")
            let error = try #require(throws: StoreError.self) {
                try TestCycles.create(db, projectId: p, under: parent, ContainerDraft(name: "too deep"), by: nil, at: now)
            }
            #expect(error.kind == .badRequest)
            #expect(error.message.contains("Test Cycles cannot be nested more than \(Self.limit) levels deep"), "\(error.message)")
            #expect(try Self.count(db, "SELECT COUNT(*) FROM test_cycles") == before)
            // A root cycle with one child (2 levels) fits under level 98, not under level 99.
            let other = try TestCycles.create(db, projectId: p, under: .root, ContainerDraft(name: "other"), by: nil, at: now)
            try TestCycles.create(db, projectId: p, under: ExecutionParent(type: .testCycle, id: other.id), ContainerDraft(name: "child"), by: nil, at: now)
            let chain = try TreeTable.testCycles.ancestry(db, of: parent.id, limit: Self.limit)  // deepest first
            #expect(throws: StoreError.self) {
                try TestCycles.update(db, projectId: p, other.id, ContainerDraft(), moveTo: ExecutionParent(type: .testCycle, id: chain[1]), at: now)
            }
            let moved = try TestCycles.update(db, projectId: p, other.id, ContainerDraft(), moveTo: ExecutionParent(type: .testCycle, id: chain[2]), at: now)
            #expect(moved.parentCycleId == chain[2])
        }
    }

    @Test func deepOldTreesAreReadAndForceDeletedWithoutRecursion() throws {
        let (store, p) = try makeStore()
        let (moduleTop, moduleBottom, caseID) = try store.write { (db: Database) throws -> (Int64, Int64, Int64) in
            let bottom = try Self.insertModuleChain(db, projectId: p, count: 20_000, firstID: 80_000_001)
            let (tc, _) = try TestCases.create(db, projectId: p, TestCaseDraft(name: "deep case", moduleId: bottom), by: nil, at: now)
            return (80_000_001, bottom, tc.id)
        }
        try store.read { (db: Database) throws in
            #expect(try Modules.descendantIDs(db, moduleTop).count == 19_999)
            let levels = try Modules.subtrees(db, roots: [moduleTop])
            #expect(levels.count == Self.limit, "readers get at most maxDepth levels")
            #expect(levels.last?.id == moduleTop + Int64(Self.limit) - 1)
            #expect(try TreeTable.modules.depth(db, of: moduleBottom) == Self.limit + 1, "depth is counted only up to the limit")
        }
        try store.write { (db: Database) throws in try Modules.delete(db, projectId: p, moduleTop, force: true) }
        try store.read { (db: Database) throws in
            #expect(try Self.count(db, "SELECT COUNT(*) FROM modules WHERE id >= 80000001") == 0)
            #expect(try Self.count(db, "SELECT COUNT(*) FROM test_cases WHERE id = \(caseID)") == 0)
        }

        // Cycles: 20,000 under the root with a suite and a run at the bottom; 2,000 under a release.
        let (cycleTop, releaseID) = try store.write { (db: Database) throws -> (Int64, Int64) in
            let bottom = try Self.insertCycleChain(db, projectId: p, count: 20_000, firstID: 81_000_001)
            let (tc, _) = try TestCases.create(db, projectId: p, TestCaseDraft(name: "run case"), by: nil, at: now)
            let here = ExecutionParent(type: .testCycle, id: bottom)
            try TestRuns.create(db, projectId: p, under: here, TestRunDraft(testCaseId: tc.id), by: nil, at: now)
            try TestSuites.create(db, projectId: p, under: here, ContainerDraft(name: "deep suite"), by: nil, at: now)
            let release = try Releases.create(db, projectId: p, ReleaseDraft(name: "Deep release"), by: nil, at: now)
            try Self.insertCycleChain(db, projectId: p, count: 2_000, firstID: 82_000_001, releaseId: release.id)
            return (81_000_001, release.id)
        }
        try store.read { (db: Database) throws in
            #expect(try TestCycles.subtrees(db, roots: [cycleTop]).count == Self.limit)
            let contents = try ExecutionTree.contents(db, of: ExecutionParent(type: .testCycle, id: cycleTop), projectId: p)
            #expect((contents.cycles.count, contents.suites.count, contents.runs.count) == (19_999, 1, 1))
        }
        try store.write { (db: Database) throws in
            try TestCycles.delete(db, projectId: p, cycleTop, force: true)
            try Releases.delete(db, projectId: p, releaseID, force: true)
        }
        try store.read { (db: Database) throws in
            #expect(try Self.count(db, "SELECT COUNT(*) FROM test_cycles") == 0)
            #expect(try Self.count(db, "SELECT COUNT(*) FROM test_runs") == 0)
            #expect(try Self.count(db, "SELECT COUNT(*) FROM test_suites") == 0)
        }
    }

    @Test func projectDeleteAndResetTakeDeepTreesToo() throws {
        let (store, p) = try makeStore()
        try store.write { (db: Database) throws in
            try Self.insertModuleChain(db, projectId: p, count: 5_000, firstID: 83_000_001)
            try Self.insertCycleChain(db, projectId: p, count: 5_000, firstID: 84_000_001)
            try Projects.delete(db, p)
            #expect(try Self.count(db, "SELECT COUNT(*) FROM modules") == 0)
            #expect(try Self.count(db, "SELECT COUNT(*) FROM test_cycles") == 0)
        }
        let q = try store.write { (db: Database) throws -> Int64 in
            let q = try Projects.create(db, ProjectDraft(name: "Again"), by: nil, at: now).id
            try Self.insertModuleChain(db, projectId: q, count: 5_000, firstID: 85_000_001)
            try Self.insertCycleChain(db, projectId: q, count: 5_000, firstID: 86_000_001)
            return q
        }
        _ = q
        try store.reset()
        try store.read { (db: Database) throws in
            #expect(try Self.count(db, "SELECT COUNT(*) FROM modules") == 0)
            #expect(try Self.count(db, "SELECT COUNT(*) FROM test_cycles") == 0)
        }
    }

    @Test func aParentLoopLeftByADamagedDatabaseEndsEveryWalk() throws {
        let (store, p) = try makeStore()
        try store.write { (db: Database) throws in
            let a = try Modules.create(db, projectId: p, ModuleDraft(name: "A"), by: nil, at: now)
            let b = try Modules.create(db, projectId: p, ModuleDraft(name: "B", parentId: a.id), by: nil, at: now)
            try db.execute(sql: "UPDATE modules SET parent_id = ? WHERE id = ?", arguments: [b.id, a.id])
            #expect(try Modules.descendantIDs(db, a.id) == [b.id])
            #expect(try Modules.subtrees(db, roots: [a.id]).map(\.id) == [a.id, b.id])
            #expect(try TreeTable.modules.depth(db, of: a.id) == Self.limit + 1)
            try Modules.delete(db, projectId: p, a.id, force: true)
            #expect(try Self.count(db, "SELECT COUNT(*) FROM modules") == 0)
        }
    }
}
