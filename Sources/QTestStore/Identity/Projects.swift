import Foundation
import GRDB

/// A project (`ProjectResource` on the wire).
public struct ProjectRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var name: String
    public var description: String?
    public var startDate: Date?
    public var endDate: Date?
    public var statusId: Int
    public var sample: Bool
    public var automation: Bool
    public var uuid: String
    public var templateId: Int64?
    public var xExplorerAccessLevel: Int
    public var dateFormat: String
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date
}

/// Input for ``Projects/create(_:_:by:at:)``.
public struct ProjectDraft: Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var description: String?
    public var startDate: Date?
    public var endDate: Date?
    public var statusId: Int
    public var sample: Bool
    public var automation: Bool
    public var uuid: String?
    public var templateId: Int64?
    /// Users made project admins (members with the default admin project profile).
    public var adminIds: [Int64]

    /// Creates a draft.
    public init(id: Int64? = nil, name: String, description: String? = nil, startDate: Date? = nil, endDate: Date? = nil,
                statusId: Int = 101, sample: Bool = false, automation: Bool = true, uuid: String? = nil,
                templateId: Int64? = nil, adminIds: [Int64] = []) {
        self.id = id; self.name = name; self.description = description; self.startDate = startDate; self.endDate = endDate
        self.statusId = statusId; self.sample = sample; self.automation = automation; self.uuid = uuid
        self.templateId = templateId; self.adminIds = adminIds
    }
}

/// Changes for ``Projects/update(_:_:_:at:)``; nil fields stay unchanged.
public struct ProjectPatch: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var startDate: Date?
    public var endDate: Date?
    public var statusId: Int?
    public var automation: Bool?
    public var templateId: Int64?
    /// When set, replaces the set of project admins.
    public var adminIds: [Int64]?
    /// Creates a patch.
    public init(name: String? = nil, description: String? = nil, startDate: Date? = nil, endDate: Date? = nil,
                statusId: Int? = nil, automation: Bool? = nil, templateId: Int64? = nil, adminIds: [Int64]? = nil) {
        self.name = name; self.description = description; self.startDate = startDate; self.endDate = endDate
        self.statusId = statusId; self.automation = automation; self.templateId = templateId; self.adminIds = adminIds
    }
}

/// A project membership row (`project_members`).
public struct ProjectMemberRecord: StoreRecord {
    public var projectId: Int64
    public var userId: Int64
    /// The user's project profile (``ProfileRecord`` of kind `.project`), if any.
    public var profileId: Int64?
}

/// Store operations on projects and project membership.
///
/// ```swift
/// let p = try Projects.create(db, ProjectDraft(name: "Demo"), by: userId, at: now)
/// try Projects.assign([otherId], to: p.id, db)
/// try Projects.isMember(db, userId: otherId, projectId: p.id) // true
/// ```
public enum Projects {
    /// Creates a project. The creator (if any) becomes a member with the default
    /// admin project profile, as do `draft.adminIds`.
    @discardableResult
    public static func create(_ db: Database, _ draft: ProjectDraft, by creatorId: Int64?, at now: Date) throws -> ProjectRecord {
        let name = draft.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StoreError.badRequest("Project name is required") }
        if let id = draft.id, try ProjectRecord.exists(db, key: id) { throw StoreError.conflict("Project id \(id) already exists") }
        if let t = draft.templateId, try SiteTemplates.find(db, t) == nil { throw StoreError.notFound("Site template does not exist") }
        let id = try IDs.use(db, .project, draft.id)
        let project = ProjectRecord(
            id: id, name: name, description: draft.description, startDate: draft.startDate ?? now, endDate: draft.endDate,
            statusId: draft.statusId, sample: draft.sample, automation: draft.automation,
            uuid: draft.uuid ?? UUID().uuidString.lowercased(), templateId: draft.templateId, xExplorerAccessLevel: 0,
            dateFormat: "MM/dd/yyyy", creatorId: creatorId, createdDate: now, lastModifiedDate: now)
        try project.insert(db)
        if let t = draft.templateId {
            try db.execute(sql: "INSERT OR IGNORE INTO site_template_projects (template_id, project_id) VALUES (?, ?)", arguments: [t, id])
        }
        let adminProfile = try Profiles.defaultProjectAdminProfile(db)?.id
        var admins = draft.adminIds
        if let creatorId, !admins.contains(creatorId) { admins.insert(creatorId, at: 0) }
        for userId in admins {
            _ = try Users.get(db, userId)
            try ProjectMemberRecord(projectId: id, userId: userId, profileId: adminProfile).upsert(db)
        }
        return project
    }

    /// The project with `id`, or nil.
    public static func find(_ db: Database, _ id: Int64) throws -> ProjectRecord? {
        try db.cachedRecord(ProjectRecord.self, sql: "SELECT * FROM projects WHERE id = ?", arguments: [id])
    }

    /// The project with `id`; throws `notFound("Project does not exist")`.
    public static func get(_ db: Database, _ id: Int64) throws -> ProjectRecord {
        guard let p = try find(db, id) else { throw StoreError.notFound("Project does not exist") }
        return p
    }

    /// Projects visible to `userId` (site admins see all; others see projects they are
    /// members of; nil = all), ordered by id.
    public static func list(_ db: Database, visibleTo userId: Int64?, paging: Paging = .all) throws -> PagedResult<ProjectRecord> {
        var whereSQL = ""
        var args: StatementArguments = []
        if let userId, try !Users.isSiteAdmin(db, userId) {
            whereSQL = "id IN (SELECT project_id FROM project_members WHERE user_id = ?)"
            args = [userId]
        }
        return try PagedQuery<ProjectRecord>(from: "projects", where: whereSQL, args, orderBy: "id").fetch(db, paging)
    }

    /// Convenience for ``list(_:visibleTo:paging:)`` with page numbers.
    public static func list(_ db: Database, visibleTo userId: Int64?, page: Int, pageSize: Int?) throws -> PagedResult<ProjectRecord> {
        try list(db, visibleTo: userId, paging: Paging(page: page, pageSize: pageSize))
    }

    /// Applies `patch`; throws `notFound` if the project is missing.
    @discardableResult
    public static func update(_ db: Database, _ id: Int64, _ patch: ProjectPatch, at now: Date) throws -> ProjectRecord {
        var p = try get(db, id)
        if let v = patch.name {
            guard !v.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError.badRequest("Project name is required") }
            p.name = v
        }
        if let v = patch.description { p.description = v }
        if let v = patch.startDate { p.startDate = v }
        if let v = patch.endDate { p.endDate = v }
        if let v = patch.statusId { p.statusId = v }
        if let v = patch.automation { p.automation = v }
        if let v = patch.templateId {
            guard try SiteTemplates.find(db, v) != nil else { throw StoreError.notFound("Site template does not exist") }
            p.templateId = v
        }
        try p.update(db, modifiedAt: now)
        if let admins = patch.adminIds {
            let adminProfile = try Profiles.defaultProjectAdminProfile(db)
            let memberProfile = try Profiles.defaultProjectProfile(db)
            // Demote current admins not in the list, then promote the listed ones.
            for current in try adminIds(db, id) where !admins.contains(current) {
                try db.execute(sql: "UPDATE project_members SET profile_id = ? WHERE project_id = ? AND user_id = ?",
                               arguments: [memberProfile?.id, id, current])
            }
            for userId in admins {
                _ = try Users.get(db, userId)
                try ProjectMemberRecord(projectId: id, userId: userId, profileId: adminProfile?.id).upsert(db)
            }
        }
        return p
    }

    /// Deletes a project and (by cascade) everything in it.
    public static func delete(_ db: Database, _ id: Int64) throws {
        // With the tree links cut, every module and cycle goes by its own project cascade
        // instead of down a parent chain, which SQLite stops after 1,000 levels.
        try TreeTable.modules.cutParentLinks(db, projectId: id)
        try TreeTable.testCycles.cutParentLinks(db, projectId: id)
        guard try ProjectRecord.deleteOne(db, key: id) else { throw StoreError.notFound("Project does not exist") }
    }

    /// Makes `userIds` members of `projectId` (existing members keep their profile).
    /// New members get `profileId`, or the default project profile.
    public static func assign(_ userIds: [Int64], to projectId: Int64, profileId: Int64? = nil, _ db: Database) throws {
        _ = try get(db, projectId)
        let profile = try profileId ?? Profiles.defaultProjectProfile(db)?.id
        for userId in userIds {
            _ = try Users.get(db, userId)
            try db.execute(sql: "INSERT OR IGNORE INTO project_members (project_id, user_id, profile_id) VALUES (?, ?, ?)",
                           arguments: [projectId, userId, profile])
        }
    }

    /// Removes `userIds` from `projectId`.
    public static func unassign(_ userIds: [Int64], from projectId: Int64, _ db: Database) throws {
        _ = try get(db, projectId)
        for userId in userIds {
            try db.execute(sql: "DELETE FROM project_members WHERE project_id = ? AND user_id = ?", arguments: [projectId, userId])
        }
    }

    /// True when `userId` is a member of `projectId`.
    public static func isMember(_ db: Database, userId: Int64, projectId: Int64) throws -> Bool {
        try db.cachedValue(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM project_members WHERE project_id = ? AND user_id = ?)",
                           arguments: [projectId, userId]) ?? false
    }

    /// True when `userId` may act in `projectId`: a member, or a site admin.
    public static func canAccess(_ db: Database, userId: Int64, projectId: Int64) throws -> Bool {
        try isMember(db, userId: userId, projectId: projectId) || Users.isSiteAdmin(db, userId)
    }

    /// The members of `projectId`, ordered by user id.
    public static func members(_ db: Database, _ projectId: Int64) throws -> [ProjectMemberRecord] {
        try ProjectMemberRecord.fetchAll(db, sql: "SELECT * FROM project_members WHERE project_id = ? ORDER BY user_id", arguments: [projectId])
    }

    /// The users who are members of `projectId`, ordered by id.
    public static func memberUsers(_ db: Database, _ projectId: Int64) throws -> [UserRecord] {
        try UserRecord.fetchAll(db, sql: "SELECT users.* FROM users JOIN project_members m ON m.user_id = users.id WHERE m.project_id = ? ORDER BY users.id",
                                arguments: [projectId])
    }

    /// Ids of members whose project profile is an admin profile (`ProjectResource.admin_ids`).
    public static func adminIds(_ db: Database, _ projectId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT m.user_id FROM project_members m JOIN profiles p ON p.id = m.profile_id
            WHERE m.project_id = ? AND p.is_admin ORDER BY m.user_id
            """), arguments: [projectId])
    }

    /// The ids of the projects `userId` is a member of.
    public static func projectIds(_ db: Database, memberOf userId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT project_id FROM project_members WHERE user_id = ? ORDER BY project_id", arguments: [userId])
    }
}
