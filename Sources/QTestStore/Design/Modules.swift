import Foundation
import GRDB

/// A module of the test-design tree (`ModuleResource`). `parentId == nil` = under root.
public struct ModuleRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var pid: String
    public var name: String
    public var description: String?
    public var parentId: Int64?
    public var sortOrder: Int
    public var shared: Bool
    public var toscaGuid: String?
    public var toscaNodePath: String?
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date
}

extension ModuleRecord {
    /// Reads columns directly: uploads look modules up for every new test case.
    public init(row: Row) throws {
        id = row["id"]; projectId = row["project_id"]; pid = row["pid"]; name = row["name"]; description = row["description"]
        parentId = row["parent_id"]; sortOrder = row["sort_order"]; shared = row["shared"]; toscaGuid = row["tosca_guid"]
        toscaNodePath = row["tosca_node_path"]; creatorId = row["creator_id"]; createdDate = row["created_date"]
        lastModifiedDate = row["last_modified_date"]
    }
}

/// Input for ``Modules/create(_:projectId:_:by:at:)``.
public struct ModuleDraft: Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var description: String?
    public var parentId: Int64?
    public var shared: Bool

    public init(id: Int64? = nil, pid: String? = nil, name: String, description: String? = nil, parentId: Int64? = nil, shared: Bool = false) {
        self.id = id; self.pid = pid; self.name = name; self.description = description; self.parentId = parentId; self.shared = shared
    }
}

/// Store operations on modules: nesting, moves (never under the module's own subtree),
/// deletes that refuse non-empty modules unless forced, and the "Created via API" module
/// that receives test cases created without a `parent_id`.
///
/// ```swift
/// let root = try Modules.create(db, projectId: 108781, ModuleDraft(name: "Login"), by: userId, at: now)
/// let child = try Modules.create(db, projectId: 108781, ModuleDraft(name: "OAuth", parentId: root.id), by: userId, at: now)
/// try Modules.move(db, projectId: 108781, root.id, under: child.id, at: now) // 400: own descendant
/// ```
public enum Modules {
    /// The module test cases go to when a create names no parent.
    public static let createdViaAPIName = "Created via API"

    /// Creates a module under `draft.parentId` (root when nil), last among its siblings; a
    /// parent already ``TreeLimits/maxDepth`` levels deep is refused (400).
    @discardableResult
    public static func create(_ db: Database, projectId: Int64, _ draft: ModuleDraft, by creatorId: Int64?, at now: Date) throws -> ModuleRecord {
        let name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StoreError.badRequest("Module name is required") }
        if let parentId = draft.parentId {
            let parent = try get(db, projectId: projectId, parentId)
            try TreeTable.modules.checkDepth(parentDepth: try TreeTable.modules.depth(db, of: parentId), height: 1,
                                             "Cannot create a Module under Module \(parent.pid)")
        }
        if let id = draft.id, try ModuleRecord.exists(db, key: id) { throw StoreError.conflict("Module id \(id) already exists") }
        let module = ModuleRecord(
            id: try IDs.use(db, .module, draft.id), projectId: projectId,
            pid: try PIDs.use(db, project: projectId, .module, draft.pid), name: name, description: draft.description,
            parentId: draft.parentId, sortOrder: try nextOrder(db, projectId: projectId, parentId: draft.parentId),
            shared: draft.shared, toscaGuid: nil, toscaNodePath: nil, creatorId: creatorId, createdDate: now, lastModifiedDate: now)
        try module.insert(db)
        return module
    }

    /// The module `id` of `projectId`; a module of another project is "does not exist" (404).
    public static func get(_ db: Database, projectId: Int64, _ id: Int64) throws -> ModuleRecord {
        guard let m = try db.cachedRecord(ModuleRecord.self, sql: "SELECT * FROM modules WHERE id = ?", arguments: [id]),
              m.projectId == projectId else {
            throw StoreError.notFound("Module does not exist")
        }
        return m
    }

    /// The `Record`s (requirements, test cases) of `projectId`, or those directly in module
    /// `moduleId` (a module of another project is a 404), a page at a time.
    static func contents<Record: StoreRecord>(_ db: Database, projectId: Int64, moduleId: Int64?,
                                              orderBy: String) throws -> PagedQuery<Record> {
        guard let moduleId else {
            return PagedQuery(from: Record.databaseTableName, where: "project_id = ?", [projectId], orderBy: orderBy)
        }
        _ = try get(db, projectId: projectId, moduleId)
        return PagedQuery(from: Record.databaseTableName, where: "project_id = ? AND module_id = ?", [projectId, moduleId], orderBy: orderBy)
    }

    /// Modules directly under `parentId` (root when nil), optionally whose name contains
    /// `search` (case-insensitive), in tree order.
    public static func children(_ db: Database, projectId: Int64, parentId: Int64?, search: String? = nil) throws -> [ModuleRecord] {
        var sql = "SELECT * FROM modules WHERE project_id = ? AND parent_id IS ?"
        var args: StatementArguments = [projectId, parentId]
        if let search, !search.isEmpty {
            sql += " AND instr(lower(name), lower(?)) > 0"
            _ = args.append(contentsOf: [search])
        }
        return try ModuleRecord.fetchAll(db, sql: sql + " ORDER BY sort_order, id", arguments: args)
    }

    /// Ids of every module below `id` (not `id` itself), however deep (found without recursion).
    public static func descendantIDs(_ db: Database, _ id: Int64) throws -> [Int64] {
        try TreeTable.modules.descendants(db, of: id)
    }

    /// The modules of the subtrees of `roots` (each at level 1), down to `levels` levels:
    /// parents before children, siblings in tree order. Readers nest these without recursion.
    public static func subtrees(_ db: Database, roots: [Int64], levels: Int = TreeLimits.maxDepth) throws -> [ModuleRecord] {
        try TreeTable.modules.subtree(db, ModuleRecord.self, roots: roots, levels: levels)
    }

    /// Renames / re-describes a module. Nil values stay unchanged.
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, name: String?, description: String?,
                              shared: Bool? = nil, at now: Date) throws -> ModuleRecord {
        var m = try get(db, projectId: projectId, id)
        if let name {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw StoreError.badRequest("Module name is required") }
            m.name = trimmed
        }
        if let description { m.description = description }
        if let shared { m.shared = shared }
        try m.update(db, modifiedAt: now)
        return m
    }

    /// Moves a module under `parentId` (root when nil), last among its new siblings. A module
    /// cannot move under itself or any of its descendants, nor so that its subtree would reach
    /// deeper than ``TreeLimits/maxDepth``.
    @discardableResult
    public static func move(_ db: Database, projectId: Int64, _ id: Int64, under parentId: Int64?, at now: Date) throws -> ModuleRecord {
        var m = try get(db, projectId: projectId, id)
        guard m.parentId != parentId else { return m }
        // The target's ancestry (walked up, bounded) says both whether the module would go under
        // its own subtree and how deep the target is. The depth check also covers a move to the
        // root: a subtree left too deep by an old database cannot be re-hung anywhere whole.
        var ancestry: [Int64] = []
        var target = "to the root"
        if let parentId {
            target = "under Module \(try get(db, projectId: projectId, parentId).pid)"
            ancestry = try TreeTable.modules.ancestry(db, of: parentId, limit: TreeLimits.maxDepth + 1)
            if ancestry.contains(id) {
                throw StoreError.badRequest("Cannot move a Module under itself or one of its sub-Modules")
            }
        }
        try TreeTable.modules.checkDepth(parentDepth: ancestry.count, height: try TreeTable.modules.height(db, of: id),
                                         "Cannot move Module \(m.pid) \(target)")
        m.parentId = parentId
        m.sortOrder = try nextOrder(db, projectId: projectId, parentId: parentId)
        try m.update(db, modifiedAt: now)
        return m
    }

    /// Deletes a module. One holding sub-modules, test cases or requirements is refused (400)
    /// unless `force`, which deletes the whole subtree with everything in it.
    public static func delete(_ db: Database, projectId: Int64, _ id: Int64, force: Bool) throws {
        _ = try get(db, projectId: projectId, id)
        let subtree = [id] + (try descendantIDs(db, id))
        let list = subtree.map(String.init).joined(separator: ",")
        let caseIDs = try Int64.fetchAll(db, sql: "SELECT id FROM test_cases WHERE module_id IN (\(list))")
        let requirementIDs = try Int64.fetchAll(db, sql: "SELECT id FROM requirements WHERE module_id IN (\(list))")
        if !force, subtree.count > 1 || !caseIDs.isEmpty || !requirementIDs.isEmpty {
            throw StoreError.badRequest("The Module has sub-Modules, Test Cases or Requirements. Use force=true to delete it with its children")
        }
        for caseID in caseIDs { try TestCases.forgetArtifacts(db, caseID) }
        try ObjectProperties.purge(db, .requirement, ids: requirementIDs)
        try ObjectProperties.purge(db, .module, ids: subtree)
        // Bottom-up in bulk rather than by the sub-module cascade, which SQLite stops after
        // 1,000 levels; each module still cascades to its test cases (versions, steps, runs)
        // and requirements.
        try TreeTable.modules.deleteRows(db, ids: subtree)
    }

    /// The root "Created via API" module of a project, created on first use.
    public static func createdViaAPI(_ db: Database, projectId: Int64, by creatorId: Int64?, at now: Date) throws -> ModuleRecord {
        if let m = try ModuleRecord.fetchOne(db, sql: "SELECT * FROM modules WHERE project_id = ? AND parent_id IS NULL AND name = ? ORDER BY id LIMIT 1",
                                             arguments: [projectId, createdViaAPIName]) {
            return m
        }
        return try create(db, projectId: projectId, ModuleDraft(name: createdViaAPIName), by: creatorId, at: now)
    }

    static func nextOrder(_ db: Database, projectId: Int64, parentId: Int64?) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT MAX(sort_order) FROM modules WHERE project_id = ? AND parent_id IS ?",
                          arguments: [projectId, parentId]) ?? 0) + 1
    }
}
