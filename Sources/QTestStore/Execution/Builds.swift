import Foundation
import GRDB

/// A build of a release (`BuildResource` on the wire).
public struct BuildRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var releaseId: Int64
    public var pid: String
    public var name: String
    public var sortOrder: Int
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date
}

/// Store operations on builds.
///
/// ```swift
/// let b = try Builds.create(db, projectId: p, releaseId: r, name: "Build 1", by: userId, at: now)
/// ```
public enum Builds {
    /// Creates a build under `releaseId` (PID `BL-n`).
    @discardableResult
    public static func create(_ db: Database, projectId: Int64, releaseId: Int64, name: String?, id: Int64? = nil, pid: String? = nil,
                              properties: [PropertyInput] = [], by creatorId: Int64?, at now: Date) throws -> BuildRecord {
        let name = try Releases.validName(name, "Build")
        _ = try ReleaseRecord.get(db, projectId: projectId, releaseId)
        let order = (try Int.fetchOne(db, sql: "SELECT MAX(sort_order) FROM builds WHERE release_id = ?", arguments: [releaseId]) ?? 0) + 1
        let build = BuildRecord(
            id: try IDs.use(db, .build, id), projectId: projectId, releaseId: releaseId,
            pid: try PIDs.use(db, project: projectId, .build, pid), name: name, sortOrder: order,
            creatorId: creatorId, createdDate: now, lastModifiedDate: now)
        try build.insert(db)
        try ObjectProperties.create(db, projectId: projectId, .build, build.id, properties)
        return build
    }


    /// The builds of a release, in creation order.
    public static func list(_ db: Database, projectId: Int64, releaseId: Int64) throws -> [BuildRecord] {
        _ = try ReleaseRecord.get(db, projectId: projectId, releaseId)
        return try BuildRecord.fetchAll(db, sql: "SELECT * FROM builds WHERE release_id = ? ORDER BY sort_order, id", arguments: [releaseId])
    }

    /// Renames and/or moves a build to another release of the project, and sets properties.
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, name: String?, releaseId: Int64?,
                              properties: [PropertyInput], at now: Date) throws -> BuildRecord {
        var b = try BuildRecord.get(db, projectId: projectId, id)
        if name != nil { b.name = try Releases.validName(name, "Build") }
        if let releaseId, releaseId != b.releaseId {
            _ = try ReleaseRecord.get(db, projectId: projectId, releaseId)
            b.releaseId = releaseId
        }
        try b.update(db, modifiedAt: now)
        try ObjectProperties.write(db, projectId: projectId, .build, id, properties)
        return b
    }

    /// Deletes a build (cycles and suites that target it keep existing, without the target).
    public static func delete(_ db: Database, projectId: Int64, _ id: Int64) throws {
        _ = try BuildRecord.get(db, projectId: projectId, id)
        try ObjectProperties.purge(db, .build, ids: [id])
        try BuildRecord.deleteOne(db, key: id)
    }
}
