import Foundation
import GRDB

/// Where a test cycle, suite or run sits (`parentType` on the wire).
public enum ExecutionParentType: String, Sendable, Equatable, CaseIterable {
    case root
    case release
    case testCycle = "test-cycle"
    case testSuite = "test-suite"

    /// Parses a wire value, case-insensitively (Jenkins lower-cases it; others don't).
    public init?(wire: String) {
        let lower = wire.trimmingCharacters(in: .whitespaces).lowercased()
        switch lower {
        case "root": self = .root
        case "release", "releases": self = .release
        case "test-cycle", "test-cycles", "testcycle", "test_cycle": self = .testCycle
        case "test-suite", "test-suites", "testsuite", "test_suite": self = .testSuite
        default: return nil
        }
    }
}

/// A container in the execution tree: root (id 0), a release, a test cycle or a test suite.
///
/// ```swift
/// let parent = ExecutionParent(type: .testCycle, id: 1200001)
/// ```
public struct ExecutionParent: Sendable, Hashable {
    public var type: ExecutionParentType
    public var id: Int64

    /// Creates a parent. Id 0 always means root: clients send `parentId=0&parentType=test-cycle`
    /// for "the top level".
    public init(type: ExecutionParentType, id: Int64) {
        if id == 0 { self.type = .root; self.id = 0 } else { self.type = type; self.id = id }
    }

    /// The project's root.
    public static let root = ExecutionParent(type: .root, id: 0)

    /// The parent columns of a row: exactly one of them is set (none for root).
    var columns: (release: Int64?, cycle: Int64?, suite: Int64?) {
        switch type {
        case .root: (nil, nil, nil)
        case .release: (id, nil, nil)
        case .testCycle: (nil, id, nil)
        case .testSuite: (nil, nil, id)
        }
    }

    /// Rebuilds a parent from stored columns.
    static func from(type: String, release: Int64?, cycle: Int64?, suite: Int64?) -> ExecutionParent {
        switch ExecutionParentType(wire: type) ?? .root {
        case .root: .root
        case .release: ExecutionParent(type: .release, id: release ?? 0)
        case .testCycle: ExecutionParent(type: .testCycle, id: cycle ?? 0)
        case .testSuite: ExecutionParent(type: .testSuite, id: suite ?? 0)
        }
    }
}

/// The hierarchy rules of test execution, shared by cycles, suites and runs.
///
/// | child | may live under |
/// |---|---|
/// | test cycle | root, release, test cycle |
/// | test suite | root, release, test cycle |
/// | test run | root, release, test cycle, test suite |
public enum ExecutionTree {
    /// The message qTest answers for a cycle that does not exist (clients match it exactly).
    public static let cycleMissing = "Test Cycle does not exist"

    /// Checks that `parent` is an allowed container type for `child` and exists in `projectId`.
    /// A parent in another project is treated as missing.
    public static func check(_ db: Database, projectId: Int64, _ parent: ExecutionParent,
                             allowed: Set<ExecutionParentType>, child: String) throws {
        guard allowed.contains(parent.type) else {
            let names = ExecutionParentType.allCases.filter(allowed.contains).map(\.rawValue).joined(separator: ", ")
            throw StoreError.badRequest("A \(child) cannot be placed under a \(parent.type.rawValue); allowed parent types: \(names)")
        }
        switch parent.type {
        case .root: return
        case .release:
            guard try exists(db, "releases", parent.id, projectId) else { throw StoreError.notFound("Release does not exist") }
        case .testCycle:
            guard try exists(db, "test_cycles", parent.id, projectId) else { throw StoreError.notFound(cycleMissing) }
        case .testSuite:
            guard try exists(db, "test_suites", parent.id, projectId) else { throw StoreError.notFound("Test Suite does not exist") }
        }
    }

    /// The containers of `table` directly under `parent` (already checked to exist), in tree
    /// order; `cycleColumn` is the table's column for a parent cycle.
    static func children<Record: FetchableRecord>(_ db: Database, _ type: Record.Type, in table: String, projectId: Int64,
                                                  under parent: ExecutionParent, cycleColumn: String,
                                                  paging: Paging = .all) throws -> [Record] {
        let (whereSQL, args): (String, StatementArguments) = switch parent.type {
        case .root: ("project_id = ? AND parent_type = 'root'", [projectId])
        case .release: ("release_id = ?", [parent.id])
        default: ("\(cycleColumn) = ?", [parent.id])
        }
        return try Record.fetchAll(db, sql: "SELECT * FROM \(table) WHERE \(whereSQL) ORDER BY sort_order, id \(paging.sql)", arguments: args)
    }

    static func exists(_ db: Database, _ table: String, _ id: Int64, _ projectId: Int64) throws -> Bool {
        try db.cachedValue(Bool.self, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ? AND project_id = ?)", arguments: [id, projectId]) ?? false
    }

    /// The next `order` among the children of a container (1-based, creation order).
    static func nextOrder(_ db: Database, _ table: String, projectId: Int64, where column: String?, _ id: Int64?) throws -> Int {
        let sql: String
        let args: StatementArguments
        if let column, let id {
            sql = "SELECT MAX(sort_order) FROM \(table) WHERE \(column) = ?"; args = [id]
        } else {
            sql = "SELECT MAX(sort_order) FROM \(table) WHERE project_id = ? AND parent_type = 'root'"; args = [projectId]
        }
        return (try db.cachedValue(Int.self, sql: sql, arguments: args) ?? 0) + 1
    }

    // MARK: Subtrees

    /// The ids of a cycle and every cycle nested under it, however deep (found without recursion).
    public static func cycleSubtree(_ db: Database, _ cycleId: Int64) throws -> [Int64] {
        [cycleId] + (try TreeTable.testCycles.descendants(db, of: cycleId))
    }

    /// Every cycle, suite and run inside the given containers (the containers' own cycles included).
    public struct Contents: Sendable, Equatable {
        public var cycles: [Int64] = []
        public var suites: [Int64] = []
        public var runs: [Int64] = []
        public var isEmpty: Bool { cycles.isEmpty && suites.isEmpty && runs.isEmpty }
    }

    /// The whole subtree under a release or a cycle (not including the container itself).
    public static func contents(_ db: Database, of parent: ExecutionParent, projectId: Int64) throws -> Contents {
        var c = Contents()
        var cycleRoots: [Int64] = []
        switch parent.type {
        case .root:
            cycleRoots = try Int64.fetchAll(db, sql: "SELECT id FROM test_cycles WHERE project_id = ? AND parent_type = 'root'", arguments: [projectId])
        case .release:
            cycleRoots = try Int64.fetchAll(db, sql: "SELECT id FROM test_cycles WHERE release_id = ?", arguments: [parent.id])
        case .testCycle:
            cycleRoots = try Int64.fetchAll(db, sql: "SELECT id FROM test_cycles WHERE parent_cycle_id = ?", arguments: [parent.id])
        case .testSuite:
            c.runs = try Int64.fetchAll(db, sql: "SELECT id FROM test_runs WHERE test_suite_id = ?", arguments: [parent.id])
            return c
        }
        for root in cycleRoots { c.cycles += try cycleSubtree(db, root) }
        let direct = try directSuitesAndRuns(db, parent, projectId: projectId)
        c.suites = direct.suites
        c.runs = direct.runs
        // A few statements per 500 containers rather than two per cycle: a subtree may hold
        // thousands of cycles.
        for chunk in TreeTable.chunks(c.cycles) {
            let list = chunk.map(String.init).joined(separator: ",")
            c.suites += try Int64.fetchAll(db, sql: "SELECT id FROM test_suites WHERE test_cycle_id IN (\(list))")
            c.runs += try Int64.fetchAll(db, sql: "SELECT id FROM test_runs WHERE test_cycle_id IN (\(list))")
        }
        for chunk in TreeTable.chunks(c.suites) {
            c.runs += try Int64.fetchAll(db, sql: "SELECT id FROM test_runs WHERE test_suite_id IN (\(chunk.map(String.init).joined(separator: ",")))")
        }
        return c
    }

    static func directSuitesAndRuns(_ db: Database, _ parent: ExecutionParent, projectId: Int64) throws -> (suites: [Int64], runs: [Int64]) {
        let (column, id): (String, Int64?) = switch parent.type {
        case .root: ("", nil)
        case .release: ("release_id", parent.id)
        case .testCycle: ("test_cycle_id", parent.id)
        case .testSuite: ("test_suite_id", parent.id)
        }
        if let id {
            let suites = parent.type == .testSuite ? [] :
                try Int64.fetchAll(db, sql: "SELECT id FROM test_suites WHERE \(column) = ?", arguments: [id])
            let runs = try Int64.fetchAll(db, sql: "SELECT id FROM test_runs WHERE \(column) = ?", arguments: [id])
            return (suites, runs)
        }
        let suites = try Int64.fetchAll(db, sql: "SELECT id FROM test_suites WHERE project_id = ? AND parent_type = 'root'", arguments: [projectId])
        let runs = try Int64.fetchAll(db, sql: "SELECT id FROM test_runs WHERE project_id = ? AND parent_type = 'root'", arguments: [projectId])
        return (suites, runs)
    }

    /// Before a release or cycle is deleted: refuses (400) when it holds anything and `force`
    /// is off, else removes the side rows of everything under it; answers what was under it.
    @discardableResult
    static func emptyOut(_ db: Database, _ container: ExecutionParent, projectId: Int64, force: Bool, _ what: String) throws -> Contents {
        let contents = try self.contents(db, of: container, projectId: projectId)
        if !contents.isEmpty && !force {
            throw StoreError.badRequest("\(what) has test cycles, test suites or test runs. Use force=true to delete it with its contents.")
        }
        try purge(db, contents)
        return contents
    }

    /// Removes the side rows (field values, comments, attachments, links) of a subtree's objects
    /// and their logs. The rows themselves go by foreign-key cascade when the container goes.
    static func purge(_ db: Database, _ contents: Contents) throws {
        try ObjectProperties.purge(db, .testCycle, ids: contents.cycles)
        try ObjectProperties.purge(db, .testSuite, ids: contents.suites)
        try purgeRuns(db, contents.runs)
    }

    /// Removes the side rows of runs, of their logs and of their step logs.
    static func purgeRuns(_ db: Database, _ runIds: [Int64]) throws {
        guard !runIds.isEmpty else { return }
        try ObjectProperties.purge(db, .testRun, ids: runIds)
        var logIds: [Int64] = []
        for chunk in stride(from: 0, to: runIds.count, by: 500).map({ Array(runIds[$0..<min($0 + 500, runIds.count)]) }) {
            logIds += try Int64.fetchAll(db, sql: "SELECT id FROM test_logs WHERE test_run_id IN (\(chunk.map(String.init).joined(separator: ",")))")
        }
        try ObjectProperties.purge(db, .testLog, ids: logIds)
        // Step logs carry attachments of their own (automation uploads put files on steps).
        var stepLogIds: [Int64] = []
        for chunk in stride(from: 0, to: logIds.count, by: 500).map({ Array(logIds[$0..<min($0 + 500, logIds.count)]) }) {
            stepLogIds += try Int64.fetchAll(db, sql: "SELECT id FROM test_step_logs WHERE test_log_id IN (\(chunk.map(String.init).joined(separator: ",")))")
        }
        try ObjectProperties.purge(db, .testStepLog, ids: stepLogIds)
    }
}
