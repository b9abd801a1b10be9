import Foundation
import GRDB

/// A requirement (`RequirementResource`). Description, status, priority … are properties.
/// `moduleId == nil` = at the root of the requirements tree.
public struct RequirementRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var pid: String
    public var moduleId: Int64?
    public var name: String
    public var sortOrder: Int
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date
}

/// Input for ``Requirements/create(_:projectId:_:by:at:)``.
public struct RequirementDraft: Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var moduleId: Int64?
    public var properties: [PropertyInput]

    public init(id: Int64? = nil, pid: String? = nil, name: String, moduleId: Int64? = nil, properties: [PropertyInput] = []) {
        self.id = id; self.pid = pid; self.name = name; self.moduleId = moduleId; self.properties = properties
    }
}

/// Store operations on requirements, and the test cases that cover them (links between
/// `requirements` and `test-cases` in ``ObjectLinks``).
///
/// ```swift
/// let r = try Requirements.create(db, projectId: 108781, RequirementDraft(name: "Login", moduleId: m.id), by: uid, at: now)
/// try ObjectLinks.link(db, projectId: 108781, .requirement, r.id, to: .testCase, [tc.id], at: now)
/// try Requirements.coveringCaseIDs(db, r.id) // [tc.id]
/// ```
public enum Requirements {
    @discardableResult
    public static func create(_ db: Database, projectId: Int64, _ draft: RequirementDraft, by creatorId: Int64?,
                              at now: Date) throws -> RequirementRecord {
        let name = try validName(draft.name)
        if let moduleId = draft.moduleId { _ = try Modules.get(db, projectId: projectId, moduleId) }
        if let id = draft.id, try RequirementRecord.exists(db, key: id) { throw StoreError.conflict("Requirement id \(id) already exists") }
        let r = RequirementRecord(
            id: try IDs.use(db, .requirement, draft.id), projectId: projectId,
            pid: try PIDs.use(db, project: projectId, .requirement, draft.pid), moduleId: draft.moduleId, name: name,
            sortOrder: try nextOrder(db, projectId: projectId, moduleId: draft.moduleId), creatorId: creatorId,
            createdDate: now, lastModifiedDate: now)
        try r.insert(db)
        try ObjectProperties.create(db, projectId: projectId, .requirement, r.id, draft.properties)
        return r
    }




    /// Requirements of a project, or directly under `moduleId`, in creation order.
    public static func list(_ db: Database, projectId: Int64, moduleId: Int64?, paging: Paging) throws -> PagedResult<RequirementRecord> {
        try Modules.contents(db, projectId: projectId, moduleId: moduleId, orderBy: "id").fetch(db, paging)
    }

    /// Renames, sets properties and/or moves (`moveTo`: `.some(nil)` = root). Nil = unchanged.
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, name: String?, properties: [PropertyInput]?,
                              moveTo: Int64?? = nil, at now: Date) throws -> RequirementRecord {
        var r = try RequirementRecord.get(db, projectId: projectId, id)
        if let name { r.name = try validName(name) }
        if let moveTo, moveTo != r.moduleId {
            if let m = moveTo { _ = try Modules.get(db, projectId: projectId, m) }
            r.moduleId = moveTo
            r.sortOrder = try nextOrder(db, projectId: projectId, moduleId: moveTo)
        }
        if let properties { try ObjectProperties.write(db, projectId: projectId, .requirement, id, properties) }
        try r.update(db, modifiedAt: now)
        return r
    }

    /// Deletes a requirement with its links, comments and values.
    public static func delete(_ db: Database, projectId: Int64, _ id: Int64) throws {
        _ = try RequirementRecord.get(db, projectId: projectId, id)
        try ObjectProperties.purge(db, .requirement, ids: [id])
        try db.execute(sql: "DELETE FROM requirements WHERE id = ?", arguments: [id])
    }

    /// Ids of the test cases linked to a requirement, ascending.
    public static func coveringCaseIDs(_ db: Database, _ id: Int64) throws -> [Int64] {
        try ObjectLinks.linkedIDs(db, .requirement, id, of: .testCase)
    }

    /// Test runs of the cases covering a requirement, by id.
    public static func testRunIDs(_ db: Database, _ id: Int64, paging: Paging = .all) throws -> PagedResult<Int64> {
        let cases = try coveringCaseIDs(db, id)
        guard !cases.isEmpty else { return PagedResult(items: [], total: 0, page: paging.page, pageSize: paging.pageSize) }
        let list = cases.map(String.init).joined(separator: ",")
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM test_runs WHERE test_case_id IN (\(list))") ?? 0
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM test_runs WHERE test_case_id IN (\(list)) ORDER BY id \(paging.sql)")
        return PagedResult(items: ids, total: total, page: paging.page, pageSize: paging.pageSize)
    }

    /// Defects linked to the runs (or their logs) of the cases covering a requirement, by id.
    public static func defectIDs(_ db: Database, _ id: Int64) throws -> [Int64] {
        let runs = try testRunIDs(db, id).items
        guard !runs.isEmpty else { return [] }
        let runList = runs.map(String.init).joined(separator: ",")
        let logs = try Int64.fetchAll(db, sql: "SELECT id FROM test_logs WHERE test_run_id IN (\(runList))")
        var defects = Set<Int64>()
        for run in runs { defects.formUnion(try ObjectLinks.linkedIDs(db, .testRun, run, of: .defect)) }
        for log in logs { defects.formUnion(try ObjectLinks.linkedIDs(db, .testLog, log, of: .defect)) }
        return defects.sorted()
    }

    static func nextOrder(_ db: Database, projectId: Int64, moduleId: Int64?) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT MAX(sort_order) FROM requirements WHERE project_id = ? AND module_id IS ?",
                          arguments: [projectId, moduleId]) ?? 0) + 1
    }

    static func validName(_ name: String) throws -> String {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.badRequest("Requirement name is required") }
        guard name.count <= 500 else { throw StoreError.badRequest("Requirement name must be at most 500 characters") }
        return name
    }
}
