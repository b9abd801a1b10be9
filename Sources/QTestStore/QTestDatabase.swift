import Foundation
import GRDB

/// The emulator's database: an in-memory `DatabaseQueue` (default) or a file
/// `DatabasePool` (WAL, `synchronous=NORMAL`, 5 s busy timeout), with foreign keys on
/// and the whole schema migrated (see ``Schema``).
///
/// One API request = one ``write(_:)`` (one transaction): if the closure throws,
/// nothing it did is kept.
///
/// ```swift
/// let store = try QTestDatabase()                       // in memory
/// let disk  = try QTestDatabase(path: "/tmp/q.sqlite")  // persistent
/// let project = try store.write { db in
///     try Projects.create(db, ProjectDraft(name: "Demo"), by: adminId, at: store.clock.now())
/// }
/// ```
public final class QTestDatabase: Sendable {
    /// The GRDB writer (queue or pool). Exposed for snapshots and tooling.
    public let writer: any DatabaseWriter
    /// The injected clock; store operations take `at: Date`, read it from here.
    public let clock: any StoreClock
    /// The file path, or nil for an in-memory database.
    public let path: String?

    /// Opens (creating if needed) and migrates the database.
    ///
    /// - Parameters:
    ///   - path: a file path, or nil (default) for an in-memory database.
    ///   - clock: the clock for timestamps and token expiry.
    public init(path: String? = nil, clock: any StoreClock = SystemClock()) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.label = "QTestStore"
        if let path {
            config.busyMode = .timeout(5)
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            writer = try DatabasePool(path: path, configuration: config) // WAL by default
        } else {
            writer = try DatabaseQueue(configuration: config)
        }
        self.clock = clock
        self.path = path
        try Schema.migrator.migrate(writer)
    }

    /// Runs `updates` in one write transaction. Throwing rolls everything back.
    ///
    /// Every write advances ``generation`` (even one that rolls back), so caches keyed by it
    /// never outlive a change.
    public func write<T>(_ updates: (Database) throws -> T) throws -> T {
        defer { generationCounter.advance() }
        return try writer.write(updates)
    }

    /// Runs `value` with read access (a snapshot on a pool).
    ///
    /// On the in-memory queue, reads and writes already run one at a time on the same serial
    /// queue, so a read cannot see a half-done write; it skips GRDB's per-read transaction and
    /// `query_only` toggling, which cost more than the lookups most requests make.
    public func read<T>(_ value: (Database) throws -> T) throws -> T {
        if let queue = writer as? DatabaseQueue { return try queue.inDatabase(value) }
        return try writer.read(value)
    }

    /// A number that changes after every write: cached reads are valid while it is unchanged.
    public var generation: UInt64 { generationCounter.value }
    private let generationCounter = GenerationCounter()

    /// Deletes every row (schema and migrations stay) and resets all id/PID counters.
    public func reset() throws {
        try writer.write { db in try Schema.deleteAllRows(db) }
    }

    /// The names of the applied migrations, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// Copies the whole database into `other` (e.g. for snapshots).
    public func backup(to other: QTestDatabase) throws {
        try writer.backup(to: other.writer)
    }
}

/// A thread-safe counter of completed writes.
final class GenerationCounter: @unchecked Sendable {  // `count` is guarded by `lock`
    private let lock = NSLock()
    private var count: UInt64 = 0
    var value: UInt64 { lock.lock(); defer { lock.unlock() }; return count }
    func advance() { lock.lock(); count &+= 1; lock.unlock() }
}
