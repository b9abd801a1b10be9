import Foundation
import GRDB
import GRDBSQLite

/// The bytes of attachments: one row of `attachment_blobs` per attachment, written and read with
/// SQLite's incremental blob I/O (`sqlite3_blob_write` / `sqlite3_blob_read`).
///
/// Why not a bound `Data` and a `SELECT`: SQLite copies a bound blob, builds the row record
/// from that copy, and on the way out assembles a large value in a buffer of its own before
/// GRDB copies it again. For a 50 MiB file that is two or three extra copies per request. The
/// blob handle moves bytes between the caller's buffer and the database pages directly, so a
/// download holds the file in memory once (the `Data` returned here, which the server sends
/// without copying), and an upload adds nothing to the request body it came in.
///
/// ```swift
/// try AttachmentBlobs.write(db, attachment.id, data)   // in the request's write transaction
/// let bytes = try AttachmentBlobs.read(db, attachment.id)
/// ```
enum AttachmentBlobs {
    /// Stores `data` as the bytes of attachment `id` (whose `attachments` row must exist).
    static func write(_ db: Database, _ id: Int64, _ data: Data) throws {
        let connection = try sqliteConnection(db)
        // SQLite's own ceiling for one value (1,000,000,000 bytes unless compiled otherwise).
        guard data.count <= Int(sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, -1)), let length = Int32(exactly: data.count) else {
            throw StoreError.payloadTooLarge("The attachment is too large")
        }
        // The row is inserted with zeros of the right length, then filled in place.
        try db.execute(sql: "INSERT INTO attachment_blobs (attachment_id, bytes) VALUES (?, zeroblob(?))", arguments: [id, data.count])
        guard length > 0 else { return }
        try withBlob(connection, id, writable: true) { blob in
            let rc = data.withUnsafeBytes { bytes in sqlite3_blob_write(blob, bytes.baseAddress, length, 0) }
            guard rc == SQLITE_OK else { throw StoreError.internalError("writing attachment \(id) failed: SQLite code \(rc)") }
        }
    }

    /// The bytes of attachment `id`, read into one new buffer.
    static func read(_ db: Database, _ id: Int64) throws -> Data {
        let connection = try sqliteConnection(db)
        return try withBlob(connection, id, writable: false) { blob in
            let size = sqlite3_blob_bytes(blob)
            guard size > 0 else { return Data() }
            // Zero pages from the allocator cost no memory until the read below fills them.
            var data = Data(count: Int(size))
            let rc = data.withUnsafeMutableBytes { bytes in sqlite3_blob_read(blob, bytes.baseAddress, size, 0) }
            guard rc == SQLITE_OK else { throw StoreError.internalError("reading attachment \(id) failed: SQLite code \(rc)") }
            return data
        }
    }

    private static func sqliteConnection(_ db: Database) throws -> OpaquePointer {
        guard let connection = db.sqliteConnection else { throw StoreError.internalError("the database connection is closed") }
        return connection
    }

    /// Opens the blob of attachment `id` for `body` and always closes it. A missing row is a 404:
    /// the attachment was deleted since its metadata was read.
    private static func withBlob<T>(_ connection: OpaquePointer, _ id: Int64, writable: Bool,
                                    _ body: (OpaquePointer) throws -> T) throws -> T {
        var handle: OpaquePointer?
        let rc = sqlite3_blob_open(connection, "main", "attachment_blobs", "bytes", id, writable ? 1 : 0, &handle)
        guard rc == SQLITE_OK, let blob = handle else {
            sqlite3_blob_close(handle)
            throw StoreError.notFound("Attachment \(id) does not exist")
        }
        defer { sqlite3_blob_close(blob) }
        return try body(blob)
    }
}
