import Foundation
import GRDB

/// Who and when the history triggers record (see `SchemaHistorySQL.swift`): the one row of
/// `history_context`, set at the start of every write transaction by ``QTestDatabase/write(_:)``.
///
/// The author is the user the API layer binds for the request (or the job) being handled;
/// writes outside a request (seeding, store tests) record no author.
///
/// ```swift
/// try HistoryContext.$author.withValue(10001) {
///     try store.write { db in try Releases.update(db, projectId: 108781, id, draft, at: now) }  // recorded as by 10001
/// }
/// ```
public enum HistoryContext {
    /// The user whose request is writing, bound by the caller of ``QTestDatabase/write(_:)``.
    @TaskLocal public static var author: Int64?

    /// Starts a write: a new write number (the rows of one transaction and one object form one
    /// history entry), the author, and the time.
    static func begin(_ db: Database, at now: Date) throws {
        try db.cachedExecute(sql: "UPDATE history_context SET write_id = write_id + 1, author_id = ?, now = ?",
                             arguments: [author, StorageDate.text(now)])
    }
}
