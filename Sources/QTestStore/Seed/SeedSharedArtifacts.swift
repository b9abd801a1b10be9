import Foundation

// Seed-format extensions written by ``SeedExporter`` so that an export keeps what the original
// sections cannot say: links of any kind, comments, attachments and jobs. Documented in
// `seed-data/README.md`; loaded by ``SharedSeeder`` after every artifact of the project.

/// A link between two artifacts of the project (`object_type` values as in the API:
/// `releases`, `builds`, `requirements`, `test-cases`, `test-runs`, `test-logs`, `test-steps`,
/// `defects`).
public struct SeedLink: Codable, Sendable, Equatable {
    public var sourceType: String
    public var sourceId: Int64
    public var targetType: String
    public var targetId: Int64
}

/// A comment on an artifact.
public struct SeedComment: Codable, Sendable, Equatable {
    public var id: Int64?
    public var objectType: String
    public var objectId: Int64
    public var content: String
    public var userId: Int64?
    public var createdDate: String?
    public var updatedDate: String?
}

/// An attached file: its metadata, and its bytes as base64 (`data`).
public struct SeedAttachment: Codable, Sendable, Equatable {
    public var id: Int64?
    public var objectType: String
    public var objectId: Int64
    public var name: String
    public var contentType: String?
    public var authorId: Int64?
    public var createdDate: String?
    public var data: String
}

/// A queued job: its outcome (`state`, `content`) as `queue-processing` shows it, and for a job
/// that has not finished the request it runs (`request`, JSON text).
public struct SeedJob: Codable, Sendable, Equatable {
    public var id: Int64?
    public var type: String
    /// `IN_WAITING`, `IN_PROCESSING` (loaded as `IN_WAITING`: it runs again), `FAILED` or `SUCCESS`.
    public var state: String
    public var userId: Int64?
    public var request: String?
    public var content: String?
    public var contentType: String?
    public var createdDate: String?
    public var updatedDate: String?
}
