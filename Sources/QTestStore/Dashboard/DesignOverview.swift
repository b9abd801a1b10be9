import Foundation
import GRDB

/// A project's test-design tree as the dashboard draws it: the modules, how many test cases
/// each holds (directly and below), and the first cases of each with their latest version,
/// Automation Content and steps. A fixed number of statements, like ``ExecutionOverview``.
///
/// ```swift
/// let design = try DesignOverview.load(db, projectId: 108781, casesPerModule: 50)
/// design.modules[0].children       // the top-level modules
/// design.cases(in: 6100002).map(\.pid) // ["TC-1", "TC-2"]
/// ```
public struct DesignOverview: Sendable {
    /// A test case at its latest version.
    public struct Case: Sendable {
        public var id: Int64
        public var pid: String
        public var moduleId: Int64?
        public var versionId: Int64
        /// `"1.0"`, `"0.3"`.
        public var version: String
        public var name: String
        public var isApproved: Bool
        /// The fingerprint automation uploads find the case by, nil for a manual case.
        public var automationContent: String?
        public var steps: [TestStepRecord] = []
    }

    /// A module (or the project root, `modules[0]`, id 0).
    public struct Module: Sendable {
        public var id: Int64
        public var pid: String
        public var name: String
        public var parent: Int?
        public var children: [Int] = []
        /// Cases directly in the module.
        public var directCases = 0
        /// Cases in the module and every module below it.
        public var totalCases = 0
        /// Modules below this one, at any depth.
        public var descendants = 0
        /// The first direct cases, in tree order.
        public var cases: [Case] = []
    }

    /// Every module reachable from the root, parents before children (`modules[0]` = root).
    public private(set) var modules: [Module]
    private var index: [Int64: Int]

    /// The node of module `id` (0 = root), or nil.
    public func module(_ id: Int64) -> Module? { index[id].map { modules[$0] } }

    /// The index of module `id` in ``modules``.
    public func position(of id: Int64) -> Int? { index[id] }

    /// The first cases of module `id` (0 = the cases in no module).
    public func cases(in id: Int64) -> [Case] { module(id)?.cases ?? [] }

    /// Reads the tree of `projectId` with up to `casesPerModule` cases (and their steps) per module.
    public static func load(_ db: Database, projectId: Int64, casesPerModule: Int) throws -> DesignOverview {
        var modules = [Module(id: 0, pid: "", name: "")]
        var index: [Int64: Int] = [0: 0]
        var parents: [(node: Int, parent: Int64?)] = []
        for row in try Row.fetchAll(db, sql: "SELECT id, pid, name, parent_id FROM modules WHERE project_id = ? ORDER BY sort_order, id",
                                    arguments: [projectId]) {
            index[row[0]] = modules.count
            parents.append((modules.count, row[3]))
            modules.append(Module(id: row[0], pid: row[1], name: row[2]))
        }
        for (node, parent) in parents {
            let at = parent.flatMap { index[$0] } ?? 0
            modules[node].parent = at
            modules[at].children.append(node)
        }
        for row in try Row.fetchAll(db, sql: "SELECT module_id, COUNT(*) FROM test_cases WHERE project_id = ? GROUP BY module_id",
                                    arguments: [projectId]) {
            let at = (row[0] as Int64?).flatMap { index[$0] } ?? 0
            modules[at].directCases += row[1] as Int
        }
        if casesPerModule > 0 {
            let cases = try fetchCases(db, sql: """
                SELECT * FROM (SELECT id, pid, module_id, automation_content,
                                      ROW_NUMBER() OVER (PARTITION BY module_id ORDER BY sort_order, id) AS n
                               FROM test_cases WHERE project_id = ?) c
                WHERE c.n <= ? ORDER BY c.n
                """, arguments: [projectId, casesPerModule])
            for item in cases { modules[item.moduleId.flatMap { index[$0] } ?? 0].cases.append(item) }
        }

        // Totals bottom-up over the preorder, as in ExecutionOverview (no recursion).
        let order = TreeWalk.preorder(from: 0) { modules[$0].children }
        for node in order { modules[node].totalCases = modules[node].directCases }
        for node in order.reversed() {
            guard let parent = modules[node].parent, node != 0 else { continue }
            modules[parent].totalCases += modules[node].totalCases
            modules[parent].descendants += modules[node].descendants + 1
        }
        if order.count < modules.count {
            let kept = Set(order)
            for i in modules.indices where !kept.contains(i) { index[modules[i].id] = nil }
        }
        return DesignOverview(modules: modules, index: index)
    }

    /// A page of the cases directly in module `moduleId` (0: in no module), with their steps.
    public static func cases(_ db: Database, projectId: Int64, moduleId: Int64, paging: Paging) throws -> PagedResult<Case> {
        let filter = moduleId == 0 ? "module_id IS NULL" : "module_id = ?"
        let arguments: StatementArguments = moduleId == 0 ? [projectId] : [projectId, moduleId]
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM test_cases WHERE project_id = ? AND \(filter)", arguments: arguments) ?? 0
        let items = try fetchCases(db, sql: """
            SELECT id, pid, module_id, automation_content FROM test_cases WHERE project_id = ? AND \(filter)
            ORDER BY sort_order, id \(paging.sql)
            """, arguments: arguments)
        return PagedResult(items: items, total: total, page: paging.page, pageSize: paging.pageSize)
    }

    /// The path from the root to module `id` (both included), or nil when it is not in the tree.
    public func path(to id: Int64) -> [Module]? {
        guard let at = index[id] else { return nil }
        return TreeWalk.path(to: at, limit: modules.count) { modules[$0].parent }.map { modules[$0] }
    }

    /// Cases from `sql` (columns id, pid, module_id, automation_content) at their latest
    /// version, with that version's steps: three statements for the whole list.
    private static func fetchCases(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Case] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        guard !rows.isEmpty else { return [] }
        var latest: [Int64: TestCaseVersionRecord] = [:]
        let ids = rows.map { $0["id"] as Int64 }
        for chunk in TreeTable.chunks(ids) {
            // Case ids are integers read from the database, so they can be written into the SQL.
            for version in try TestCaseVersionRecord.fetchAll(db, sql: """
                SELECT * FROM test_case_versions WHERE test_case_id IN (\(chunk.map(String.init).joined(separator: ",")))
                """) {
                if let known = latest[version.testCaseId], (known.major, known.minor) >= (version.major, version.minor) { continue }
                latest[version.testCaseId] = version
            }
        }
        let steps = try TestSteps.list(db, versionIds: Array(latest.values.map(\.id)))
        return rows.compactMap { row in
            let id: Int64 = row["id"]
            guard let version = latest[id] else { return nil }
            return Case(id: id, pid: row["pid"], moduleId: row["module_id"], versionId: version.id, version: version.versionText,
                        name: version.name, isApproved: version.isApproved, automationContent: row["automation_content"],
                        steps: steps[version.id] ?? [])
        }
    }
}
