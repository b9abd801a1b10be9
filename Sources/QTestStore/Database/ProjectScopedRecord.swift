import GRDB

/// A record that belongs to one project (a `project_id` column): found by id only inside its
/// project, so an id from another project reads as "does not exist", never as that object.
///
/// ```swift
/// let requirement = try RequirementRecord.get(db, projectId: 108781, 31000001)  // 404 elsewhere
/// let byPID = try RequirementRecord.get(db, projectId: 108781, idOrPid: "RQ-3")
/// ```
public protocol ProjectScopedRecord: StoreRecord {
    var projectId: Int64 { get }
    /// The object type, for PID references.
    static var objectKind: ObjectKind { get }
    /// The 404 message for a reference (an id or a PID) that names nothing in the project.
    static func missing(_ reference: String) -> String
}

extension ProjectScopedRecord {
    /// The record `id` of `projectId`, or nil (one of another project is nil too).
    public static func find(_ db: Database, projectId: Int64, _ id: Int64) throws -> Self? {
        // A cached statement: the query interface builds and prepares its SQL on every call,
        // and this runs several times for each object a request reads.
        guard let record = try db.cachedRecord(Self.self, sql: "SELECT * FROM \(databaseTableName) WHERE id = ?", arguments: [id]),
              record.projectId == projectId else { return nil }
        return record
    }

    /// The record `id` of `projectId`; 404 otherwise.
    public static func get(_ db: Database, projectId: Int64, _ id: Int64) throws -> Self {
        guard let record = try find(db, projectId: projectId, id) else { throw StoreError.notFound(missing(String(id))) }
        return record
    }

    /// The record named by an id (`"31000001"`) or a PID (`"RQ-3"`, any case) in `projectId`.
    public static func get(_ db: Database, projectId: Int64, idOrPid: String) throws -> Self {
        // Unknown and malformed references are both "does not exist" here, as qTest answers.
        let id: Int64
        do { id = try ArtifactReferences.resolve(db, projectId: projectId, objectKind, idOrPid) } catch is StoreError {
            throw StoreError.notFound(missing(idOrPid))
        }
        return try get(db, projectId: projectId, id)
    }
}
