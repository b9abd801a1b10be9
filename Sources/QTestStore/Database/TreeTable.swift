import GRDB

/// The walks over the schema's two self-referencing trees, `modules.parent_id` and
/// `test_cycles.parent_cycle_id`, and the delete that removes a subtree of either.
///
/// Nothing here recurses in Swift: SQLite evaluates `WITH RECURSIVE` as a loop over a queue,
/// so a 20,000-level chain left by an old database costs rows, not stack. Every walk either
/// stops after a given number of levels or uses `UNION` (which drops rows already seen), so
/// that even a parent loop in a damaged database ends.
struct TreeTable: Sendable {
    let table: String
    let parentColumn: String
    /// The objects' name in messages ("Modules").
    let plural: String

    static let modules = TreeTable(table: "modules", parentColumn: "parent_id", plural: "Modules")
    static let testCycles = TreeTable(table: "test_cycles", parentColumn: "parent_cycle_id", plural: "Test Cycles")

    /// `id`, then its parent, its grandparent … nearest first; at most `limit` ids.
    func ancestry(_ db: Database, of id: Int64, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            WITH RECURSIVE up(id, n) AS (
                SELECT ?, 1
                UNION ALL SELECT t.\(parentColumn), up.n + 1 FROM \(table) t JOIN up ON t.id = up.id
                    WHERE t.\(parentColumn) IS NOT NULL AND up.n < ?)
            SELECT id FROM up ORDER BY n
            """, arguments: [id, limit])
    }

    /// The level of `id` counted from the top of its tree (1 = no parent of its kind), up to
    /// ``TreeLimits/maxDepth`` + 1: a deeper node of an old database reads as just too deep.
    func depth(_ db: Database, of id: Int64) throws -> Int {
        try ancestry(db, of: id, limit: TreeLimits.maxDepth + 1).count
    }

    /// How many levels the subtree of `id` spans, `id` included (1 for a leaf), counted up to
    /// ``TreeLimits/maxDepth`` + 1.
    func height(_ db: Database, of id: Int64) throws -> Int {
        try Int.fetchOne(db, sql: """
            WITH RECURSIVE down(id, n) AS (
                SELECT ?, 1
                UNION ALL SELECT t.id, down.n + 1 FROM \(table) t JOIN down ON t.\(parentColumn) = down.id WHERE down.n < ?)
            SELECT MAX(n) FROM down
            """, arguments: [id, TreeLimits.maxDepth + 1]) ?? 1
    }

    /// Throws the limit's 400 when a node at level `depth` would have a subtree of `height`
    /// levels below and including it. `detail` says what was attempted.
    func checkDepth(parentDepth: Int, height: Int, _ detail: @autoclosure () throws -> String) throws {
        // Both inputs are capped at maxDepth + 1, so the sum cannot overflow.
        if parentDepth + height > TreeLimits.maxDepth { throw TreeLimits.tooDeep(plural, try detail()) }
    }

    /// Every id below `id` (not `id` itself), however deep.
    func descendants(_ db: Database, of id: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            WITH RECURSIVE sub(id) AS (
                SELECT id FROM \(table) WHERE \(parentColumn) = ?1
                UNION SELECT t.id FROM \(table) t JOIN sub ON t.\(parentColumn) = sub.id)
            SELECT id FROM sub WHERE id <> ?1
            """, arguments: [id])
    }

    /// The rows of the subtrees of `roots` (level 1) down to `levels` levels: parents before
    /// children, siblings in tree order. A row reached twice (a parent loop) comes once.
    func subtree<Record: FetchableRecord & Identifiable>(_ db: Database, _: Record.Type, roots: [Int64], levels: Int) throws -> [Record]
    where Record.ID == Int64 {
        guard !roots.isEmpty, levels > 0 else { return [] }
        var rows: [Record] = []
        var seen = Set<Int64>()
        for chunk in Self.chunks(roots) {
            let fetched = try Record.fetchAll(db, sql: """
                WITH RECURSIVE down(id, n) AS (
                    SELECT id, 1 FROM \(table) WHERE id IN (\(chunk.map(String.init).joined(separator: ",")))
                    UNION ALL SELECT t.id, down.n + 1 FROM \(table) t JOIN down ON t.\(parentColumn) = down.id WHERE down.n < ?)
                SELECT t.* FROM down JOIN \(table) t ON t.id = down.id ORDER BY down.n, t.sort_order, t.id
                """, arguments: [levels])
            for row in fetched where seen.insert(row.id).inserted { rows.append(row) }
        }
        return rows
    }

    /// Deletes the rows `ids` (a subtree, or several) without letting SQLite cascade down the
    /// chain: each foreign-key cascade is a nested trigger program and SQLite gives up after
    /// 1,000 levels ("too many levels of trigger recursion"). So every parent link among them
    /// is cut first, then they go in bulk; what each row still cascades to (cases, suites,
    /// runs, logs) is a few levels at most.
    func deleteRows(_ db: Database, ids: [Int64]) throws {
        let chunks = Self.chunks(ids)
        for chunk in chunks {
            try db.execute(sql: "UPDATE \(table) SET \(parentColumn) = NULL WHERE id IN (\(chunk.map(String.init).joined(separator: ",")))")
        }
        for chunk in chunks {
            try db.execute(sql: "DELETE FROM \(table) WHERE id IN (\(chunk.map(String.init).joined(separator: ",")))")
        }
    }

    /// Cuts every parent link of the table (of one project, or everywhere), for deletes that
    /// take a whole project or the whole database through the schema's cascades.
    func cutParentLinks(_ db: Database, projectId: Int64?) throws {
        if let projectId {
            try db.execute(sql: "UPDATE \(table) SET \(parentColumn) = NULL WHERE project_id = ? AND \(parentColumn) IS NOT NULL",
                           arguments: [projectId])
        } else {
            try db.execute(sql: "UPDATE \(table) SET \(parentColumn) = NULL WHERE \(parentColumn) IS NOT NULL")
        }
    }

    /// Id lists of at most 500, so that no statement grows without bound.
    static func chunks(_ ids: [Int64]) -> [[Int64]] {
        stride(from: 0, to: ids.count, by: 500).map { Array(ids[$0..<min($0 + 500, ids.count)]) }
    }
}
