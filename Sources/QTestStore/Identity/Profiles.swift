import Foundation
import GRDB

/// An admin (site) profile or a project (user) profile (`Profile`, `AdminProfile`,
/// `UserProfile` on the wire).
///
/// Permissions are flat flags. Admin profiles use the `AdminProfile` keys
/// (`create_project`, `manage_client_user`, …); project profiles use dotted keys
/// `<area>.<flag>` following `UserProfile` (`test_run.execute`, `project.admin`, …).
public struct ProfileRecord: StoreRecord, Identifiable {
    /// Admin (site-level) or project profile.
    public enum Kind: String, Codable, Sendable { case admin, project }
    public var id: Int64
    public var kind: Kind
    public var name: String
    public var isAdmin: Bool
    public var isReadonly: Bool
    /// The profile new members / new users get.
    public var isDefault: Bool
    public var permissions: [String: Bool]

    /// Creates a profile value (insert it with ``Profiles/create(_:_:)``).
    public init(id: Int64 = 0, kind: Kind, name: String, isAdmin: Bool = false, isReadonly: Bool = false,
                isDefault: Bool = false, permissions: [String: Bool] = [:]) {
        self.id = id; self.kind = kind; self.name = name; self.isAdmin = isAdmin; self.isReadonly = isReadonly
        self.isDefault = isDefault; self.permissions = permissions
    }

    /// The flag `key` (false when absent).
    public func allows(_ key: String) -> Bool { permissions[key] ?? false }
}

/// Store operations on profiles and their assignment to users.
///
/// ```swift
/// let admin = try Profiles.adminProfile(db, ofUser: userId)
/// try Profiles.assignProjectProfile(db, profileId: p.id, userIds: [u], projectId: 108781)
/// ```
public enum Profiles {
    /// `AdminProfile` flags, in contract order.
    public static let adminFlags = ["create_project", "edit_project", "archive_project", "list_project", "manage_client_user",
                                    "edit_user_profile", "view_user_profile", "manage_client_info", "manage_system_conf",
                                    "site_level_field", "manage_user_group", "insight_viewer", "insight_editor",
                                    "pulse_access", "launch_access", "analytics_viewer"]

    /// `UserProfile` areas and their flags (dotted keys `area.flag`).
    public static let projectFlags: [String: [String]] = [
        "project": ["admin"],
        "project_setting": ["view", "edit"],
        "release": ["view", "create", "edit", "delete"],
        "build": ["view", "create", "edit", "delete"],
        "module": ["view", "create", "edit", "delete"],
        "requirement": ["view", "create", "edit", "delete", "export", "import"],
        "test_case": ["view", "create", "edit", "delete", "export", "import", "approve"],
        "test_cycle": ["view", "create", "edit", "delete"],
        "test_suite": ["view", "create", "edit", "delete"],
        "test_run": ["view", "create", "edit", "delete", "execute", "export", "edit_assignment",
                     "modify_test_logs_by_self", "modify_test_logs_by_others"],
        "defect": ["view", "submit", "edit", "delete", "export", "import"],
        "session": ["view", "create", "edit", "delete"],
        "schedule": ["view", "create", "edit", "delete"],
        "reportPermission": ["view", "create", "edit", "delete"],
    ]

    /// Every project flag set to `value`.
    public static func allProjectFlags(_ value: Bool) -> [String: Bool] {
        var out: [String: Bool] = [:]
        for (area, flags) in projectFlags { for f in flags { out[area + "." + f] = value } }
        return out
    }

    /// Every admin flag set to `value`.
    public static func allAdminFlags(_ value: Bool) -> [String: Bool] {
        Dictionary(uniqueKeysWithValues: adminFlags.map { ($0, value) })
    }

    /// Inserts `profile` (id allocated when 0).
    @discardableResult
    public static func create(_ db: Database, _ profile: ProfileRecord) throws -> ProfileRecord {
        try profile.insertAllocating(db, .profile, "Profile")
    }

    /// The profile with `id`, or nil.
    public static func find(_ db: Database, _ id: Int64) throws -> ProfileRecord? { try ProfileRecord.fetchOne(db, key: id) }

    /// Profiles of `kind` (all when nil), ordered by id.
    public static func list(_ db: Database, kind: ProfileRecord.Kind? = nil) throws -> [ProfileRecord] {
        if let kind {
            return try ProfileRecord.fetchAll(db, sql: "SELECT * FROM profiles WHERE kind = ? ORDER BY id", arguments: [kind.rawValue])
        }
        return try ProfileRecord.allByID(db)
    }

    /// The default project profile for new members (the one flagged default, else the
    /// first non-admin project profile).
    public static func defaultProjectProfile(_ db: Database) throws -> ProfileRecord? {
        try ProfileRecord.fetchOne(db, sql: "SELECT * FROM profiles WHERE kind = 'project' ORDER BY is_default DESC, is_admin ASC, id LIMIT 1")
    }

    /// The project profile given to project creators and `admin_ids` (first admin project profile).
    public static func defaultProjectAdminProfile(_ db: Database) throws -> ProfileRecord? {
        try ProfileRecord.fetchOne(db, sql: "SELECT * FROM profiles WHERE kind = 'project' AND is_admin ORDER BY id LIMIT 1")
    }

    /// The admin profile assigned to `userId`, or nil.
    public static func adminProfile(_ db: Database, ofUser userId: Int64) throws -> ProfileRecord? {
        try ProfileRecord.fetchOne(db, sql: "SELECT p.* FROM profiles p JOIN user_admin_profiles a ON a.profile_id = p.id WHERE a.user_id = ?",
                                   arguments: [userId])
    }

    /// The project profile of `userId` in `projectId`, or nil (not a member / none set).
    public static func projectProfile(_ db: Database, ofUser userId: Int64, projectId: Int64) throws -> ProfileRecord? {
        try ProfileRecord.fetchOne(db, sql: """
            SELECT p.* FROM profiles p JOIN project_members m ON m.profile_id = p.id WHERE m.user_id = ? AND m.project_id = ?
            """, arguments: [userId, projectId])
    }

    /// `(projectId, profile)` for every project `userId` is a member of.
    public static func projectProfiles(_ db: Database, ofUser userId: Int64) throws -> [(projectId: Int64, profile: ProfileRecord?)] {
        try ProjectMemberRecord.fetchAll(db, sql: "SELECT * FROM project_members WHERE user_id = ? ORDER BY project_id", arguments: [userId])
            .map { m in (m.projectId, try m.profileId.flatMap { try find(db, $0) }) }
    }

    /// Assigns admin profile `profileId` to `userIds` (batch-assign-users in client).
    public static func assignAdminProfile(_ db: Database, profileId: Int64, userIds: [Int64]) throws {
        guard let p = try find(db, profileId), p.kind == .admin else { throw StoreError.notFound("Profile does not exist") }
        for u in userIds {
            _ = try Users.get(db, u)
            try db.execute(sql: "INSERT INTO user_admin_profiles (user_id, profile_id) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET profile_id = excluded.profile_id",
                           arguments: [u, profileId])
        }
    }

    /// Sets the project profile of `userIds` in `projectId`, adding them as members if needed.
    public static func assignProjectProfile(_ db: Database, profileId: Int64, userIds: [Int64], projectId: Int64) throws {
        guard let p = try find(db, profileId), p.kind == .project else { throw StoreError.notFound("Profile does not exist") }
        _ = try Projects.get(db, projectId)
        for u in userIds {
            _ = try Users.get(db, u)
            try ProjectMemberRecord(projectId: projectId, userId: u, profileId: p.id).upsert(db)
        }
    }

    /// True when `userId` may do `flag` (dotted project key) in `projectId`: site admins
    /// always may; members whose profile has the flag or is an admin profile may.
    public static func userCan(_ db: Database, userId: Int64, _ flag: String, projectId: Int64) throws -> Bool {
        if try Users.isSiteAdmin(db, userId) { return true }
        guard try Projects.isMember(db, userId: userId, projectId: projectId) else { return false }
        guard let p = try projectProfile(db, ofUser: userId, projectId: projectId) else { return true }
        return p.isAdmin || p.allows(flag)
    }
}
