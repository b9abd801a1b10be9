import Foundation
import GRDB

/// An internal defect (`DefectResource`). Summary, description, status … are properties.
public struct DefectRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var pid: String
    public var submitterId: Int64?
    public var lastModifiedUserId: Int64?
    public var submittedDate: Date
    public var lastModifiedDate: Date
}

/// Store operations on defects: submit, read, update (properties), and the recently-changed
/// list that `last-change?startTime=` answers.
///
/// ```swift
/// let d = try Defects.submit(db, projectId: 108781, [PropertyInput(fieldId: 608970, value: "Crash")], by: uid, at: now)
/// try Defects.changed(db, projectId: 108781, since: yesterday, paging: Paging(page: 1, pageSize: 100))
/// ```
public enum Defects {
    @discardableResult
    public static func submit(_ db: Database, projectId: Int64, _ properties: [PropertyInput], id: Int64? = nil, pid: String? = nil,
                              by userId: Int64?, at now: Date) throws -> DefectRecord {
        if let id, try DefectRecord.exists(db, key: id) { throw StoreError.conflict("Defect id \(id) already exists") }
        let d = DefectRecord(id: try IDs.use(db, .defect, id), projectId: projectId, pid: try PIDs.use(db, project: projectId, .defect, pid),
                             submitterId: userId, lastModifiedUserId: userId, submittedDate: now, lastModifiedDate: now)
        try d.insert(db)
        try ObjectProperties.create(db, projectId: projectId, .defect, d.id, properties)
        return d
    }




    /// Sets properties and records who changed it when.
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, _ properties: [PropertyInput], by userId: Int64?,
                              at now: Date) throws -> DefectRecord {
        var d = try DefectRecord.get(db, projectId: projectId, id)
        try ObjectProperties.write(db, projectId: projectId, .defect, id, properties)
        d.lastModifiedUserId = userId
        try d.update(db, modifiedAt: now)
        return d
    }

    /// Defects last modified at or after `since`, oldest change first.
    public static func changed(_ db: Database, projectId: Int64, since: Date, paging: Paging) throws -> [DefectRecord] {
        try DefectRecord.fetchAll(db, sql: """
            SELECT * FROM defects WHERE project_id = ? AND last_modified_date >= ? ORDER BY last_modified_date, id
            \(paging.sql)
            """, arguments: [projectId, since])
    }

    /// Defects by id, in the given order, skipping ids not in the project.
    public static func all(_ db: Database, projectId: Int64, ids: [Int64]) throws -> [DefectRecord] {
        try ids.compactMap { try DefectRecord.find(db, projectId: projectId, $0) }
    }
}
