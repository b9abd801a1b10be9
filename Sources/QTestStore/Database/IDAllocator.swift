import Foundation
import GRDB

/// Hands out int64 ids, unique per object type across all projects.
///
/// The counters live in the `id_sequences` table, so they survive a restart of a
/// file database. Allocation happens inside the caller's transaction: a rolled-back
/// request gives its ids back.
///
/// ```swift
/// try store.write { db in
///     let id = try IDs.next(db, .release)
/// }
/// ```
public enum IDs {
    /// The next id for `kind`, advancing the counter.
    ///
    /// Inside ``QTestDatabase/write(_:)`` ids come from that database's ``IDBlocks``; any
    /// other write (GRDB's writer used directly, or no transaction) advances the counter once
    /// per id, which is slower but hands out the same kind of ids.
    public static func next(_ db: Database, _ kind: ObjectKind) throws -> Int64 {
        guard db.isInsideTransaction, let blocks = IDBlocks.current else { return try allocate(db, kind, count: 1) }
        let key = ObjectIdentifier(db)
        switch blocks.take(key, kind) {
        case let .id(id):
            return id
        case let .allocate(count, firstInTransaction):
            if firstInTransaction {
                // Blocks live only as long as the transaction whose counter update they come
                // from: a rollback gives the ids back, so the block must go with it.
                db.afterNextTransaction(onCommit: { _ in blocks.clear(key) }, onRollback: { _ in blocks.clear(key) })
            }
            let first = try allocate(db, kind, count: count)
            blocks.store(key, kind, first: first, count: count)
            return first
        }
    }

    /// `count` consecutive ids for `kind`; returns the first. For bulk writers that know how
    /// many rows they will insert.
    public static func block(_ db: Database, _ kind: ObjectKind, count: Int) throws -> Int64 {
        // A zero or negative block would hand out ids that overlap the next ones.
        guard count > 0 else { throw StoreError.internalError("empty id block for \(kind.rawValue)") }
        return try allocate(db, kind, count: Int64(count))
    }

    /// Advances the counter by `count` in one cached upsert and returns the first id.
    private static func allocate(_ db: Database, _ kind: ObjectKind, count: Int64) throws -> Int64 {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO id_sequences (object_type, next_id) VALUES (?1, ?2 + ?3)
            ON CONFLICT(object_type) DO UPDATE SET next_id = next_id + ?3
            RETURNING next_id - ?3
            """)
        guard let id = try Int64.fetchOne(statement, arguments: [kind.rawValue, kind.firstID, count]) else {
            throw StoreError.internalError("id sequence for \(kind.rawValue) returned nothing")
        }
        return id
    }

    /// Records that `id` is taken (e.g. an explicit id from a seed fixture), so that
    /// ``next(_:_:)`` never returns it or anything below it.
    public static func reserve(_ db: Database, _ kind: ObjectKind, _ id: Int64) throws {
        // An explicit id may fall in this transaction's unused block: stop handing that out.
        IDBlocks.current?.drop(ObjectIdentifier(db), kind)
        let current = try Int64.fetchOne(db, sql: "SELECT next_id FROM id_sequences WHERE object_type = ?", arguments: [kind.rawValue]) ?? kind.firstID
        // Fixtures choose ids; the largest int64 would leave no next one.
        guard id < Int64.max else { throw StoreError.badRequest("Invalid \(kind.rawValue) id \(id)") }
        if id >= current {
            try db.execute(sql: """
                INSERT INTO id_sequences (object_type, next_id) VALUES (?, ?)
                ON CONFLICT(object_type) DO UPDATE SET next_id = excluded.next_id
                """, arguments: [kind.rawValue, id + 1])
        }
    }

    /// Returns `id` if given (reserving it), or the next free id.
    public static func use(_ db: Database, _ kind: ObjectKind, _ id: Int64?) throws -> Int64 {
        if let id {
            try reserve(db, kind, id)
            return id
        }
        return try next(db, kind)
    }
}

/// Hands out PIDs (`RL-1`, `TC-2`, …) per (project, type), counting up from 1.
///
/// ```swift
/// let pid = try PIDs.next(db, project: 108781, .testCase) // "TC-1"
/// ```
public enum PIDs {
    /// The next PID string for `kind` in `project`. Throws for kinds without a prefix.
    public static func next(_ db: Database, project: Int64, _ kind: ObjectKind) throws -> String {
        guard let prefix = kind.pidPrefix else { throw StoreError.internalError("\(kind.rawValue) has no PID") }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO pid_sequences (project_id, object_type, next_value) VALUES (?, ?, 2)
            ON CONFLICT(project_id, object_type) DO UPDATE SET next_value = next_value + 1
            RETURNING next_value - 1
            """)
        guard let current = try Int64.fetchOne(statement, arguments: [project, kind.rawValue]) else {
            throw StoreError.internalError("PID sequence for \(kind.rawValue) returned nothing")
        }
        return prefix + String(current)
    }

    /// `count` consecutive PID numbers for `kind` in `project` (no gaps: every one is used);
    /// returns the first number.
    public static func block(_ db: Database, project: Int64, _ kind: ObjectKind, count: Int) throws -> Int64 {
        guard kind.pidPrefix != nil, count > 0 else { throw StoreError.internalError("bad PID block for \(kind.rawValue)") }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO pid_sequences (project_id, object_type, next_value) VALUES (?1, ?2, 1 + ?3)
            ON CONFLICT(project_id, object_type) DO UPDATE SET next_value = next_value + ?3
            RETURNING next_value - ?3
            """)
        guard let first = try Int64.fetchOne(statement, arguments: [project, kind.rawValue, count]) else {
            throw StoreError.internalError("PID sequence for \(kind.rawValue) returned nothing")
        }
        return first
    }

    /// Records that `pid` (e.g. `"TC-7"` from a fixture) is taken in `project`.
    /// Throws `badRequest` if it doesn't have the kind's prefix.
    public static func reserve(_ db: Database, project: Int64, _ kind: ObjectKind, _ pid: String) throws {
        guard let number = parse(pid, kind) else { throw StoreError.badRequest("Invalid PID \(pid) for \(kind.rawValue)") }
        let current = try Int64.fetchOne(db, sql: "SELECT next_value FROM pid_sequences WHERE project_id = ? AND object_type = ?",
                                         arguments: [project, kind.rawValue]) ?? 1
        guard number < Int64.max else { throw StoreError.badRequest("Invalid PID \(pid) for \(kind.rawValue)") }
        if number >= current {
            try db.execute(sql: """
                INSERT INTO pid_sequences (project_id, object_type, next_value) VALUES (?, ?, ?)
                ON CONFLICT(project_id, object_type) DO UPDATE SET next_value = excluded.next_value
                """, arguments: [project, kind.rawValue, number + 1])
        }
    }

    /// Returns `pid` if given (reserving it), else the next PID.
    public static func use(_ db: Database, project: Int64, _ kind: ObjectKind, _ pid: String?) throws -> String {
        if let pid {
            try reserve(db, project: project, kind, pid)
            return pid
        }
        return try next(db, project: project, kind)
    }

    /// The number in `pid` if it has `kind`'s prefix (case-insensitive), e.g. `"tc-12"` → 12.
    public static func parse(_ pid: String, _ kind: ObjectKind) -> Int64? {
        guard let prefix = kind.pidPrefix, pid.count > prefix.count,
              pid.prefix(prefix.count).uppercased() == prefix else { return nil }
        guard let n = Int64(pid.dropFirst(prefix.count)), n > 0 else { return nil }
        return n
    }
}
