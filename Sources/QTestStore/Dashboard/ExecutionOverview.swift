import Foundation
import GRDB

/// A project's execution tree as the dashboard draws it: every release, test cycle and test
/// suite, the number of runs in each (at any depth below it) per status, and the first runs
/// directly in each. Read in five statements whatever the size of the project, so a project
/// with 10,000 runs costs a few milliseconds, not one query per container.
///
/// ```swift
/// let tree = try ExecutionOverview.load(db, projectId: 108781, runsPerNode: 20)
/// tree.nodes[0].counts          // [601: 2, 602: 0, 604: 1, 605: 1]: the whole project
/// tree.node(for: ExecutionParent(type: .testSuite, id: 2300001))?.runs.map(\.pid) // ["TR-1", "TR-2"]
/// ```
public struct ExecutionOverview: Sendable {
    /// A run as a tree line shows it.
    public struct Run: Sendable, Equatable {
        public var id: Int64
        public var pid: String
        public var name: String
        public var statusId: Int64
    }

    /// A container (or the project root, `nodes[0]`).
    public struct Node: Sendable {
        /// The container; `.root` for the project itself.
        public var container: ExecutionParent
        public var pid: String
        public var name: String
        /// Index of the parent in ``ExecutionOverview/nodes`` (nil for the root).
        public var parent: Int?
        /// Indexes of the child containers in tree order: cycles, then suites.
        public var children: [Int] = []
        /// Runs in this container and every container below it, by status id.
        public var counts: [Int64: Int] = [:]
        /// Runs directly in this container.
        public var directRuns = 0
        /// The first of those, in tree order (at most the `runsPerNode` asked for).
        public var runs: [Run] = []
        /// Containers below this one, at any depth.
        public var descendants = 0

        /// Runs in this container and below it.
        public var totalRuns: Int { counts.values.reduce(0, +) }
    }

    /// Every container reachable from the root, parents before children (`nodes[0]` = root).
    public private(set) var nodes: [Node]
    private var index: [ExecutionParent: Int]

    /// The node of a container, or nil when the project has none such.
    public func node(for container: ExecutionParent) -> Node? { index[container].map { nodes[$0] } }

    /// The index of a container's node in ``nodes``.
    public func position(of container: ExecutionParent) -> Int? { index[container] }

    /// Reads the tree of `projectId`, with up to `runsPerNode` runs of each container.
    /// `perContainerQueries` picks how those runs are read (see ``defaultPerContainerQueries``).
    public static func load(_ db: Database, projectId: Int64, runsPerNode: Int,
                            perContainerQueries: Int = defaultPerContainerQueries) throws -> ExecutionOverview {
        var nodes = [Node(container: .root, pid: "", name: "")]
        var index: [ExecutionParent: Int] = [.root: 0]
        // Where each container says it lives, resolved once every container is known (a child
        // cycle may sort before its parent).
        var placement: [(node: Int, parent: ExecutionParent)] = []

        func add(_ container: ExecutionParent, pid: String, name: String, parent: ExecutionParent) {
            index[container] = nodes.count
            placement.append((nodes.count, parent))
            nodes.append(Node(container: container, pid: pid, name: name))
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, pid, name FROM releases WHERE project_id = ? ORDER BY sort_order, id",
                                    arguments: [projectId]) {
            add(ExecutionParent(type: .release, id: row[0]), pid: row[1], name: row[2], parent: .root)
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT id, pid, name, parent_type, release_id, parent_cycle_id FROM test_cycles WHERE project_id = ? ORDER BY sort_order, id
            """, arguments: [projectId]) {
            add(ExecutionParent(type: .testCycle, id: row[0]), pid: row[1], name: row[2],
                parent: .from(type: row[3], release: row[4], cycle: row[5], suite: nil))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT id, pid, name, parent_type, release_id, test_cycle_id FROM test_suites WHERE project_id = ? ORDER BY sort_order, id
            """, arguments: [projectId]) {
            add(ExecutionParent(type: .testSuite, id: row[0]), pid: row[1], name: row[2],
                parent: .from(type: row[3], release: row[4], cycle: row[5], suite: nil))
        }
        // Releases, then cycles, then suites were added in that order, so each parent's child
        // list comes out as qTest orders it. A parent that is missing (not possible through the
        // foreign keys, but a database is data) puts the container at the root.
        for (node, parent) in placement {
            let parentIndex = index[parent] ?? 0
            nodes[node].parent = parentIndex
            nodes[parentIndex].children.append(node)
        }

        for row in try Row.fetchAll(db, sql: """
            SELECT parent_type, release_id, test_cycle_id, test_suite_id, status_id, COUNT(*) FROM test_runs WHERE project_id = ?
            GROUP BY parent_type, release_id, test_cycle_id, test_suite_id, status_id
            """, arguments: [projectId]) {
            let container = ExecutionParent.from(type: row[0], release: row[1], cycle: row[2], suite: row[3])
            let at = index[container] ?? 0
            let count: Int = row[5]
            nodes[at].counts[row[4], default: 0] += count
            nodes[at].directRuns += count
        }
        if runsPerNode > 0 {
            try loadRuns(db, projectId: projectId, into: &nodes, runsPerNode: runsPerNode, perContainerQueries: perContainerQueries)
        }

        // Sums bottom-up without recursion: in the preorder of a walk from the root, every
        // child comes after its parent, so folding it backwards adds each subtree before its
        // parent is added to its own parent. Containers the walk does not reach (a loop of
        // parents, impossible through the API) are dropped.
        let order = TreeWalk.preorder(from: 0) { nodes[$0].children }
        for node in order.reversed() {
            guard let parent = nodes[node].parent, node != 0 else { continue }
            for (status, count) in nodes[node].counts { nodes[parent].counts[status, default: 0] += count }
            nodes[parent].descendants += nodes[node].descendants + 1
        }
        if order.count < nodes.count {
            let kept = Set(order)
            for i in nodes.indices where !kept.contains(i) { index[nodes[i].container] = nil }
        }
        return ExecutionOverview(nodes: nodes, index: index)
    }

    /// Containers with runs up to this many read their first runs one indexed query each (the
    /// per-parent order indexes make that a few microseconds); more read them in one pass over
    /// the project's runs, which costs the same however many containers there are.
    public static let defaultPerContainerQueries = 300

    /// Fills in the first `runsPerNode` runs of each container that has runs.
    private static func loadRuns(_ db: Database, projectId: Int64, into nodes: inout [Node], runsPerNode: Int,
                                 perContainerQueries: Int) throws {
        let holding = nodes.indices.filter { nodes[$0].directRuns > 0 }
        func run(_ row: Row) -> Run { Run(id: row[0], pid: row[1], name: row[2], statusId: row[3]) }
        if holding.count <= perContainerQueries {
            for node in holding {
                let container = nodes[node].container
                let (filter, arguments): (String, StatementArguments) = switch container.type {
                case .root: ("project_id = ? AND parent_type = 'root'", [projectId, runsPerNode])
                case .release: ("release_id = ?", [container.id, runsPerNode])
                case .testCycle: ("test_cycle_id = ?", [container.id, runsPerNode])
                case .testSuite: ("test_suite_id = ?", [container.id, runsPerNode])
                }
                let statement = try db.cachedStatement(sql: "SELECT id, pid, name, status_id FROM test_runs WHERE \(filter) ORDER BY sort_order, id LIMIT ?")
                nodes[node].runs = try Row.fetchAll(statement, arguments: arguments).map(run)
            }
            return
        }
        var index: [ExecutionParent: Int] = [:]
        for node in holding { index[nodes[node].container] = node }
        for row in try Row.fetchAll(db, sql: """
            SELECT id, pid, name, status_id, parent_type, release_id, test_cycle_id, test_suite_id FROM (
                SELECT id, pid, name, status_id, parent_type, release_id, test_cycle_id, test_suite_id,
                       ROW_NUMBER() OVER (PARTITION BY parent_type, release_id, test_cycle_id, test_suite_id ORDER BY sort_order, id) AS n
                FROM test_runs WHERE project_id = ?)
            WHERE n <= ? ORDER BY n
            """, arguments: [projectId, runsPerNode]) {
            let container = ExecutionParent.from(type: row[4], release: row[5], cycle: row[6], suite: row[7])
            nodes[index[container] ?? 0].runs.append(run(row))
        }
    }

    /// The containers from the root down to `container` (both included), or nil when it is not
    /// in the tree. Bounded by the number of nodes, so a damaged parent chain cannot loop.
    public func path(to container: ExecutionParent) -> [Node]? {
        guard let at = index[container] else { return nil }
        return TreeWalk.path(to: at, limit: nodes.count) { nodes[$0].parent }.map { nodes[$0] }
    }
}
