import Foundation
import GRDB

/// The job queue as the dashboard lists it: newest first, a page at a time, each job with the
/// start of its request and result rather than the whole text (an upload's request can be
/// megabytes).
///
/// ```swift
/// let page = try JobSummaries.page(db, paging: Paging(page: 1, pageSize: 50), excerpt: 2000)
/// page.items.first?.state   // .success
/// ```
public enum JobSummaries {
    /// One job without its full texts.
    public struct Job: Sendable {
        public var id: Int64
        public var projectId: Int64
        public var type: String
        public var state: JobState
        public var username: String?
        public var createdDate: Date
        public var updatedDate: Date
        public var attempts: Int
        /// The request's length in characters, and its first `excerpt` characters.
        public var requestLength: Int
        public var request: String
        /// The result (JSON text or a failure's reason), cut at `excerpt` characters.
        public var content: String?
        public var contentLength: Int
    }

    /// A page of jobs, newest first; texts cut at `excerpt` characters.
    public static func page(_ db: Database, paging: Paging, excerpt: Int) throws -> PagedResult<Job> {
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs") ?? 0
        let cut = max(0, excerpt)
        let rows = try Row.fetchAll(db, sql: """
            SELECT j.id, j.project_id, j.type, j.state, u.username, j.created_date, j.updated_date, j.attempts,
                   length(j.request_json), substr(j.request_json, 1, ?), substr(j.content, 1, ?), length(j.content)
            FROM jobs j LEFT JOIN users u ON u.id = j.user_id
            ORDER BY j.id DESC \(paging.sql)
            """, arguments: [cut, cut])
        let items = rows.map { row in
            Job(id: row[0], projectId: row[1], type: row[2], state: JobState(rawValue: row[3]) ?? .pending, username: row[4],
                createdDate: row[5], updatedDate: row[6], attempts: row[7], requestLength: row[8] ?? 0, request: row[9] ?? "",
                content: row[10], contentLength: row[11] ?? 0)
        }
        return PagedResult(items: items, total: total, page: paging.page, pageSize: paging.pageSize)
    }
}
