import Foundation
import GRDB
import Synchronization

/// A copy of a whole store, taken and put back with SQLite's online backup: the baseline a
/// reset returns to, and the control plane's named snapshots. Held in memory, or in a file
/// beside a `--db` database so it survives restarts.
///
/// ```swift
/// let baseline = try DatabaseState.capture(store)      // after seeding
/// try baseline.restore(into: store)                    // a reset: the seeded state again
/// ```
public final class DatabaseState: Sendable {
    /// The copy, or how to make it on first use (see ``deferred(_:)``).
    private let storage: Mutex<Storage>
    private enum Storage {
        case made(DatabaseQueue)
        case deferred(@Sendable () throws -> DatabaseQueue)
    }
    /// The file holding it, nil in memory.
    public let path: String?

    private init(copy: DatabaseQueue, path: String?) {
        storage = Mutex(.made(copy))
        self.path = path
    }

    private init(deferred make: @escaping @Sendable () throws -> DatabaseQueue) {
        storage = Mutex(.deferred(make))
        path = nil
    }

    /// The state `queue` holds (the caller no longer uses it).
    public static func holding(_ queue: DatabaseQueue) -> DatabaseState {
        DatabaseState(copy: queue, path: nil)
    }

    /// A copy made by `make` when it is first restored (an emulator that never resets never
    /// pays for it), then kept.
    public static func deferred(_ make: @escaping @Sendable () throws -> DatabaseQueue) -> DatabaseState {
        DatabaseState(deferred: make)
    }

    /// The copy, made now if it was deferred.
    private var copy: DatabaseQueue {
        get throws {
            try storage.withLock { storage in
                switch storage {
                case let .made(queue): return queue
                case let .deferred(make):
                    let queue = try make()
                    storage = .made(queue)
                    return queue
                }
            }
        }
    }

    /// Copies `database` as it is now (a consistent snapshot, taken beside readers and after
    /// any write in progress), into memory or into the file `path`.
    public static func capture(_ database: QTestDatabase, to path: String? = nil) throws -> DatabaseState {
        if let path { try? FileManager.default.removeItem(atPath: path) }
        let copy = try path.map { try DatabaseQueue(path: $0) } ?? DatabaseQueue()
        try database.exclusively { try database.writer.backup(to: copy) }
        return DatabaseState(copy: copy, path: path)
    }

    /// Opens a copy saved earlier at `path`.
    public static func open(_ path: String) throws -> DatabaseState {
        DatabaseState(copy: try DatabaseQueue(path: path), path: path)
    }

    /// An empty store (schema and migrations, no rows): what `reset` with `seed: none` returns to.
    public static func empty() throws -> DatabaseState {
        let copy = try DatabaseQueue()
        try Schema.migrator.migrate(copy)
        return DatabaseState(copy: copy, path: nil)
    }

    /// Replaces everything in `database` with this copy, atomically for readers (they see the
    /// old state or the new one) and after any write in progress.
    public func restore(into database: QTestDatabase) throws {
        try database.exclusively { try copy.backup(to: database.writer) }
    }

    /// Deletes the file of a saved copy.
    public func remove() {
        guard let path else { return }
        try? (try? copy)?.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}
