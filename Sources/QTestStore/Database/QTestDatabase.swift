import Foundation
import GRDB
import Logging
import Synchronization

/// The emulator's database: a `DatabasePool` (WAL) on the given file (`synchronous=NORMAL`),
/// or by default on a temporary file that is deleted when the database is released
/// (`synchronous=OFF`: nothing needs to survive a crash), with foreign keys on and the whole
/// schema migrated (see ``Schema``).
///
/// WAL is why even the default is a file: readers work on snapshots beside the one writer, so
/// a long upload job never makes health checks, logins or reads wait.
///
/// One API request = one ``write(_:)`` (one transaction): if the closure throws,
/// nothing it did is kept. Writes wait at most ``busyTimeout`` for the write lock (held by
/// another request, the job worker, or another process on the file) and then throw
/// ``StoreError/busy(_:)`` (a 503 to retry), never a bare SQLite error.
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
    /// The file path, or nil for a temporary database.
    public let path: String?
    /// How long a write waits for the write lock before it gives up with ``StoreError/busy(_:)``.
    public let busyTimeout: TimeInterval
    /// Tells at `debug` how long writes wait for the write lock (see ``write(_:)``).
    public let logger: Logger
    /// The file behind a database opened without a path; removed on release.
    private let temporary: TemporaryDatabaseFile?
    /// One writer at a time, with a deadline: GRDB's own writer queue would wait forever.
    private let writeGate = DispatchSemaphore(value: 1)
    /// The id blocks of this database's write transactions (see ``IDBlocks``).
    private let idBlocks = IDBlocks()

    /// Opens (creating if needed) and migrates the database.
    ///
    /// - Parameters:
    ///   - path: a file path, or nil (default) for a temporary database.
    ///   - clock: the clock for timestamps and token expiry.
    ///   - busyTimeout: how long a write waits for the lock (seconds).
    ///   - logger: where lock waits are logged at `debug`; silent by default.
    ///   - image: for a temporary database, what its file starts as (a store built earlier, see
    ///     ``SeedImage``) instead of an empty file; migrations then find nothing left to do.
    public init(path: String? = nil, clock: any StoreClock = SystemClock(), busyTimeout: TimeInterval = 5,
                logger: Logger = Logger(label: "QTestStore", factory: { _ in SwiftLogNoOpLogHandler() }),
                image: DatabaseImage? = nil) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.label = "QTestStore"
        config.busyMode = .timeout(busyTimeout)
        let temporary = path == nil ? try TemporaryDatabaseFile() : nil
        if let temporary, let image { try image.write(to: temporary.path) }
        let synchronous = path == nil ? "OFF" : "NORMAL"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            // The writer's page cache holds what a 10,000-result upload touches (its indexes
            // included) instead of SQLite's 2 MiB (inserting 30,000 step logs with the sqlite3
            // CLI took 20-25% less with it; the whole upload's gain was within noise). Pages are
            // allocated as they are used, so an idle store costs nothing more; readers keep the
            // default, since there are several of them.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -65536") }
        }
        writer = try DatabasePool(path: path ?? temporary?.path ?? "", configuration: config) // WAL by default
        self.clock = clock
        self.path = path
        self.busyTimeout = busyTimeout
        self.logger = logger
        self.temporary = temporary
        let writes = self.writes
        readCache = ReadCache { writes.count.load(ordering: .sequentiallyConsistent) }
        // An image is a store this binary migrated: nothing is left to apply.
        if image == nil { try Schema.migrator.migrate(writer) }
    }

    deinit {
        guard let temporary else { return }
        // Close every connection before the files go, or SQLite would keep writing to them.
        try? (writer as? DatabasePool)?.close()
        temporary.remove()
    }

    /// Runs `updates` in one write transaction. Throwing rolls everything back.
    ///
    /// Every write advances ``generation`` (even one that rolls back), so caches keyed by it
    /// never outlive a change. A wait for the write lock of a millisecond or more is logged at
    /// `debug`: it is where time goes when writers pile up.
    public func write<T>(_ updates: (Database) throws -> T) throws -> T {
        let waitStarted = DispatchTime.now().uptimeNanoseconds
        let acquired = writeGate.wait(timeout: .now() + busyTimeout) == .success
        // The uptime clock is monotonic: the difference is never negative.
        let waitedMs = Double(DispatchTime.now().uptimeNanoseconds &- waitStarted) / 1e6
        guard acquired else {
            logger.debug("database: a write gave up after \(String(format: "%.1f", waitedMs)) ms waiting for the write lock")
            throw StoreError.busy("The emulator is busy with other writes; retry the request")
        }
        if waitedMs >= 1 { logger.debug("database: a write waited \(String(format: "%.1f", waitedMs)) ms for the write lock") }
        defer { writeGate.signal(); writes.count.wrappingAdd(1, ordering: .sequentiallyConsistent) }
        return try DatabaseErrorMapping.mapping {
            try IDBlocks.$current.withValue(idBlocks) {
                try writer.write { db in
                    // The history triggers read who and when from here (HistoryContext).
                    try HistoryContext.begin(db, at: clock.now())
                    return try updates(db)
                }
            }
        }
    }

    /// Runs `body` holding the write lock, outside any transaction (whole-database copies):
    /// no write runs meanwhile, and afterwards every cache keyed by ``generation`` is stale.
    public func exclusively<T>(_ body: () throws -> T) throws -> T {
        guard writeGate.wait(timeout: .now() + busyTimeout) == .success else {
            throw StoreError.busy("The emulator is busy with other writes; retry the request")
        }
        defer { writeGate.signal(); writes.count.wrappingAdd(1, ordering: .sequentiallyConsistent) }
        return try DatabaseErrorMapping.mapping { try body() }
    }

    /// Runs `value` with read access, on a snapshot beside any write in progress.
    /// Reads may use ``ReadCache`` entries of the generation seen before the read began.
    public func read<T>(_ value: (Database) throws -> T) throws -> T {
        let scope = ReadCache.Scope(cache: readCache, generation: generation)
        return try DatabaseErrorMapping.mapping {
            try writer.read { db in try ReadCache.$current.withValue(scope) { try value(db) } }
        }
    }

    /// A number that changes after every write: cached reads are valid while it is unchanged.
    public var generation: UInt64 { writes.count.load(ordering: .sequentiallyConsistent) }
    /// Completed writes.
    private let writes = WriteCounter()
    /// Field definitions and the like, by generation.
    private let readCache: ReadCache

    /// Deletes every row (schema and migrations stay) and resets all id/PID counters.
    public func reset() throws {
        try exclusively { try writer.write { db in try Schema.deleteAllRows(db) } }
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

/// Completed writes, shared with the ``ReadCache`` that checks them. Sequentially consistent,
/// like the lock it replaces: a reader that sees the new count also sees the write's effects.
final class WriteCounter: Sendable {
    let count = Atomic<UInt64>(0)
}
