import Foundation
import GRDB
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A whole SQLite database as the bytes of its file, taken with `sqlite3_serialize`.
///
/// It is how a seeded store starts without running migrations and the seed loader: the bytes
/// are written to the new database's file before SQLite opens it (one `write`), or put into an
/// in-memory connection with `sqlite3_deserialize` (the baseline a reset copies back).
///
/// ```swift
/// let image = try DatabaseImage.serialize(queue)       // from a built database
/// let copy = try image.openInMemory()                 // an independent in-memory copy
/// ```
public struct DatabaseImage: Sendable {
    /// The database file's bytes.
    public let bytes: Data

    public init(bytes: Data) { self.bytes = bytes }

    /// The bytes of the main database of `reader`, as a file holding them would have.
    public static func serialize(_ reader: any DatabaseReader) throws -> DatabaseImage {
        try reader.read { db in try serialize(db) }
    }

    static func serialize(_ db: Database) throws -> DatabaseImage {
        guard let connection = db.sqliteConnection else { throw StoreError.internalError("the database connection is closed") }
        var size: sqlite3_int64 = 0
        guard let pages = sqlite3_serialize(connection, "main", &size, 0) else {
            throw StoreError.internalError("sqlite3_serialize failed: \(String(cString: sqlite3_errmsg(connection)))")
        }
        defer { sqlite3_free(pages) }
        return DatabaseImage(bytes: Data(bytes: pages, count: Int(size)))
    }

    /// An in-memory database holding a copy of these bytes, writable and growable.
    public func openInMemory() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.writeWithoutTransaction { db in
            guard let connection = db.sqliteConnection else { throw StoreError.internalError("the database connection is closed") }
            let size = bytes.count
            // SQLite owns (and frees) the buffer it is given: it must come from sqlite3_malloc.
            guard let buffer = sqlite3_malloc64(sqlite3_uint64(max(size, 1))) else { throw StoreError.internalError("out of memory") }
            bytes.withUnsafeBytes { raw in
                if let base = raw.baseAddress { buffer.copyMemory(from: base, byteCount: size) }
            }
            // Bytes 18 and 19 of the header say 2 for a database in WAL mode, which memory
            // cannot hold (SQLite would look for a -wal file): 1 is the rollback journal.
            if size >= 20 {
                let header = buffer.assumingMemoryBound(to: UInt8.self)
                if header[18] == 2 { header[18] = 1 }
                if header[19] == 2 { header[19] = 1 }
            }
            let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
            let code = sqlite3_deserialize(connection, "main", buffer.assumingMemoryBound(to: UInt8.self),
                                           sqlite3_int64(size), sqlite3_int64(size), flags)
            guard code == SQLITE_OK else {
                throw StoreError.internalError("sqlite3_deserialize failed (\(code)): \(String(cString: sqlite3_errmsg(connection)))")
            }
            db.clearSchemaCache()
        }
        return queue
    }

    /// Writes the bytes as the new database file `path`: one `write`, no `fsync` (the file is
    /// temporary; `FileManager`'s atomic write syncs, a tenth of a start).
    func write(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.internalError("cannot create the database file \(path): errno \(errno)") }
        defer { close(fd) }
        try bytes.withUnsafeBytes { raw in
            guard var base = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = Glibc.write(fd, base, left)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw StoreError.internalError("cannot write the database file \(path): errno \(errno)") }
                left -= n
                base += n
            }
        }
    }
}
