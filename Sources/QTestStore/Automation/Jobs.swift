import Foundation
import GRDB

/// The states of a queued job, as `queue-processing` reports them.
public enum JobState: String, Codable, Sendable, CaseIterable {
    case pending = "PENDING"
    case waiting = "IN_WAITING"
    case processing = "IN_PROCESSING"
    case failed = "FAILED"
    case success = "SUCCESS"

    /// Clients stop polling at these.
    public var isFinished: Bool { self == .failed || self == .success }
}

/// A queued job (`QueueProcessingResponse` on the wire).
///
/// The request that created it is kept verbatim in `requestJson`, so a job interrupted by a
/// crash can be run again from the start on the next startup.
public struct JobRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var userId: Int64?
    /// The qTest job type, e.g. `AUTOMATION_TEST_LOG`.
    public var type: String
    public var state: JobState
    public var requestJson: String
    /// The result (JSON text on success, a reason on failure).
    public var content: String?
    public var contentType: String?
    public var createdDate: Date
    public var updatedDate: Date
    /// Times the worker has started this job (see ``Jobs/begin(_:_:at:)``).
    public var attempts: Int = 0

    /// What `queue-processing` answers about this job.
    public var status: JobStatus {
        JobStatus(id: id, projectId: projectId, type: type, state: state, content: content, contentType: contentType)
    }
}

/// A job without its request: what a status poll reads. A batch upload's request is its whole
/// body (megabytes), and clients poll every few milliseconds while the worker applies it.
public struct JobStatus: Sendable, Equatable, FetchableRecord {
    public var id: Int64
    public var projectId: Int64
    public var type: String
    public var state: JobState
    public var content: String?
    public var contentType: String?

    static let columns = "id, project_id, type, state, content, content_type"

    init(id: Int64, projectId: Int64, type: String, state: JobState, content: String?, contentType: String?) {
        (self.id, self.projectId, self.type, self.state, self.content, self.contentType) = (id, projectId, type, state, content, contentType)
    }

    /// A row of ``columns``, in that order.
    public init(row: Row) throws {
        let stateName: String = try row.decode(atIndex: 3)
        guard let state = JobState(rawValue: stateName) else {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "job \(row[0] as Int64? ?? 0) has an unknown state '\(stateName)'")
        }
        self.init(id: try row.decode(atIndex: 0), projectId: try row.decode(atIndex: 1), type: try row.decode(atIndex: 2), state: state,
                  content: try row.decode(atIndex: 4), contentType: try row.decode(atIndex: 5))
    }
}

/// Store operations on the job queue.
///
/// ```swift
/// let job = try Jobs.enqueue(db, projectId: 108781, userId: 10001, type: "AUTOMATION_TEST_LOG", request: json, at: now)
/// try Jobs.next(db)                      // → job (oldest waiting first)
/// try Jobs.finish(db, job.id, .success, content: "{…}", at: now)
/// ```
public enum Jobs {
    /// Stores a new job in `IN_WAITING`.
    @discardableResult
    public static func enqueue(_ db: Database, projectId: Int64, userId: Int64?, type: String, request: String, at now: Date) throws -> JobRecord {
        let job = JobRecord(id: try IDs.next(db, .job), projectId: projectId, userId: userId, type: type, state: .waiting,
                            requestJson: request, content: nil, contentType: nil, createdDate: now, updatedDate: now)
        try job.insert(db)
        return job
    }

    /// The job with `id`, or nil.
    public static func find(_ db: Database, _ id: Int64) throws -> JobRecord? {
        try JobRecord.fetchOne(db, key: id)
    }

    /// The job with `id` without its request, or nil.
    public static func status(_ db: Database, _ id: Int64) throws -> JobStatus? {
        try JobStatus.fetchOne(db, sql: "SELECT \(JobStatus.columns) FROM jobs WHERE id = ?", arguments: [id])
    }

    /// The oldest job still waiting (jobs run in submission order).
    public static func next(_ db: Database) throws -> JobRecord? {
        try JobRecord.fetchOne(db, sql: "SELECT * FROM jobs WHERE state = ? ORDER BY id LIMIT 1", arguments: [JobState.waiting.rawValue])
    }

    /// A job interrupted this many times by the process dying is failed at the next start
    /// instead of being run again: it is most likely what kills the process.
    public static let maxAttempts = 2

    /// Marks a job `IN_PROCESSING` and counts the attempt. Commit this before running the job,
    /// so the count survives the job crashing the process.
    public static func begin(_ db: Database, _ id: Int64, at now: Date) throws {
        try db.execute(sql: "UPDATE jobs SET state = ?, attempts = attempts + 1, updated_date = ? WHERE id = ?",
                       arguments: [JobState.processing.rawValue, now, id])
    }

    /// Moves a job to `state` without a result.
    public static func setState(_ db: Database, _ id: Int64, _ state: JobState, at now: Date) throws {
        try db.execute(sql: "UPDATE jobs SET state = ?, updated_date = ? WHERE id = ?", arguments: [state.rawValue, now, id])
    }

    /// Records the outcome of a job.
    public static func finish(_ db: Database, _ id: Int64, _ state: JobState, content: String, contentType: String = "application/json", at now: Date) throws {
        try db.execute(sql: "UPDATE jobs SET state = ?, content = ?, content_type = ?, updated_date = ? WHERE id = ?",
                       arguments: [state.rawValue, content, contentType, now, id])
    }

    /// What startup did with the jobs a previous process left `IN_PROCESSING`.
    public struct Recovery: Sendable, Equatable {
        /// Put back in the queue, to run again from the start.
        public var requeued = 0
        /// Failed, because they had already been interrupted ``Jobs/maxAttempts`` times.
        public var failed = 0
    }

    /// Puts jobs that were `IN_PROCESSING` when the process stopped back in the queue. Their
    /// work was never committed (a job's effects and its SUCCESS are one transaction), so
    /// running them again applies them exactly once. A job already started ``maxAttempts``
    /// times is failed instead: it crashed the process each time, and running it again would
    /// crash it again.
    @discardableResult
    public static func requeueInterrupted(_ db: Database, at now: Date) throws -> Recovery {
        // Usually there is nothing to requeue; checking first keeps startup free of writes.
        let stuck = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE state = ?", arguments: [JobState.processing.rawValue]) ?? 0
        guard stuck > 0 else { return Recovery() }
        var recovery = Recovery()
        try db.execute(sql: "UPDATE jobs SET state = ?, content = ?, content_type = 'text/plain', updated_date = ? WHERE state = ? AND attempts >= ?",
                       arguments: [JobState.failed.rawValue,
                                   "Job interrupted twice: the emulator stopped while processing it \(maxAttempts) times, so it was not run again",
                                   now, JobState.processing.rawValue, maxAttempts])
        recovery.failed = db.changesCount
        try db.execute(sql: "UPDATE jobs SET state = ?, updated_date = ? WHERE state = ?",
                       arguments: [JobState.waiting.rawValue, now, JobState.processing.rawValue])
        recovery.requeued = db.changesCount
        return recovery
    }

    /// Jobs in each state, for diagnostics.
    public static func countsByState(_ db: Database) throws -> [JobState: Int] {
        var out: [JobState: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM jobs GROUP BY state") {
            if let state = JobState(rawValue: row["state"]) { out[state] = row["n"] }
        }
        return out
    }
}
