import Foundation
import GRDB

/// A release (`ReleaseWithCustomFieldResource` on the wire).
public struct ReleaseRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var pid: String
    public var name: String
    public var description: String?
    public var note: String?
    public var startDate: Date?
    public var endDate: Date?
    public var sortOrder: Int
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date
}

/// Input for ``Releases/create(_:projectId:_:by:at:)`` and, with nil members meaning
/// "unchanged", for ``Releases/update(_:projectId:_:_:at:)``.
public struct ReleaseDraft: Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String?
    public var description: String?
    public var note: String?
    public var startDate: Date?
    public var endDate: Date?
    public var properties: [PropertyInput]
    /// Creates a draft.
    public init(id: Int64? = nil, pid: String? = nil, name: String? = nil, description: String? = nil, note: String? = nil,
                startDate: Date? = nil, endDate: Date? = nil, properties: [PropertyInput] = []) {
        self.id = id; self.pid = pid; self.name = name; self.description = description; self.note = note
        self.startDate = startDate; self.endDate = endDate; self.properties = properties
    }
}

/// Store operations on releases.
///
/// ```swift
/// let r = try Releases.create(db, projectId: 108781, ReleaseDraft(name: "R1"), by: userId, at: now)
/// try Releases.delete(db, projectId: 108781, r.id, force: true)
/// ```
public enum Releases {
    /// Creates a release (PID `RL-n`).
    @discardableResult
    public static func create(_ db: Database, projectId: Int64, _ draft: ReleaseDraft, by creatorId: Int64?, at now: Date) throws -> ReleaseRecord {
        let name = try validName(draft.name, "Release")
        let order = (try Int.fetchOne(db, sql: "SELECT MAX(sort_order) FROM releases WHERE project_id = ?", arguments: [projectId]) ?? 0) + 1
        let release = ReleaseRecord(
            id: try IDs.use(db, .release, draft.id), projectId: projectId, pid: try PIDs.use(db, project: projectId, .release, draft.pid),
            name: name, description: draft.description, note: draft.note, startDate: draft.startDate ?? now, endDate: draft.endDate,
            sortOrder: order, creatorId: creatorId, createdDate: now, lastModifiedDate: now)
        try release.insert(db)
        try ObjectProperties.create(db, projectId: projectId, .release, release.id, draft.properties)
        return release
    }



    /// The releases of a project in creation order. Without `includeClosed`, releases whose
    /// Status property is "Closed" are left out (qTest's default).
    public static func list(_ db: Database, projectId: Int64, includeClosed: Bool = true) throws -> [ReleaseRecord] {
        let all = try ReleaseRecord.fetchAll(db, sql: "SELECT * FROM releases WHERE project_id = ? ORDER BY sort_order, id", arguments: [projectId])
        guard !includeClosed, let status = try ObjectProperties.field(db, projectId: projectId, .release, label: "Status") else { return all }
        let closed = Set(try Fields.allowedValues(db, fieldId: status.id).filter { $0.label.lowercased() == "closed" }.map { String($0.value) })
        guard !closed.isEmpty else { return all }
        let closedIds = Set(try Int64.fetchAll(db, sql: "SELECT object_id FROM field_values WHERE object_type = 'releases' AND field_id = ? AND value IN (\(closed.map { "'\($0)'" }.joined(separator: ",")))",
                                               arguments: [status.id]))
        return all.filter { !closedIds.contains($0.id) }
    }

    /// Applies the non-nil members of `draft`.
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, _ draft: ReleaseDraft, at now: Date) throws -> ReleaseRecord {
        var r = try ReleaseRecord.get(db, projectId: projectId, id)
        if draft.name != nil { r.name = try validName(draft.name, "Release") }
        if let v = draft.description { r.description = v }
        if let v = draft.note { r.note = v }
        if let v = draft.startDate { r.startDate = v }
        if let v = draft.endDate { r.endDate = v }
        try r.update(db, modifiedAt: now)
        try ObjectProperties.write(db, projectId: projectId, .release, id, draft.properties)
        return r
    }

    /// Deletes a release with its builds. A release that holds cycles, suites or runs is only
    /// deleted with `force`, and then its whole subtree (logs included) goes with it.
    public static func delete(_ db: Database, projectId: Int64, _ id: Int64, force: Bool) throws {
        _ = try ReleaseRecord.get(db, projectId: projectId, id)
        let contents = try ExecutionTree.emptyOut(db, ExecutionParent(type: .release, id: id), projectId: projectId, force: force, "Release")
        let builds = try Int64.fetchAll(db, sql: "SELECT id FROM builds WHERE release_id = ?", arguments: [id])
        try ObjectProperties.purge(db, .build, ids: builds)
        try ObjectProperties.purge(db, .release, ids: [id])
        // The cycles first, bottom-up: through the schema's cascade (release → cycles → nested
        // cycles) a deep chain would stop SQLite after 1,000 levels.
        try TreeTable.testCycles.deleteRows(db, ids: contents.cycles)
        try ReleaseRecord.deleteOne(db, key: id)
    }

    static func validName(_ name: String?, _ what: String) throws -> String {
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard let name, !trimmed.isEmpty else { throw StoreError.badRequest("\(what) name is required") }
        guard trimmed.count <= 500 else { throw StoreError.badRequest("\(what) name must be at most 500 characters") }
        return name
    }
}
