import Foundation
import GRDB

/// A user group (`UserGroupResource`).
public struct UserGroupRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var name: String
    public var description: String?
    public var isDefault: Bool
    public var isSystem: Bool
    /// Authority names (`authority_names`), e.g. `ROLE_PROJECTADMIN`.
    public var authorities: [String]
    /// Creates a value.
    public init(id: Int64 = 0, name: String, description: String? = nil, isDefault: Bool = false, isSystem: Bool = false,
                authorities: [String] = []) {
        self.id = id; self.name = name; self.description = description; self.isDefault = isDefault
        self.isSystem = isSystem; self.authorities = authorities
    }
}

/// Store operations on user groups.
///
/// ```swift
/// let g = try Groups.create(db, UserGroupRecord(name: "QA"), userIds: [u.id])
/// try Groups.userIds(db, groupId: g.id)
/// ```
public enum Groups {
    /// Inserts a group (id allocated when 0) with its members.
    @discardableResult
    public static func create(_ db: Database, _ group: UserGroupRecord, userIds: [Int64] = []) throws -> UserGroupRecord {
        guard !group.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError.badRequest("Group name is required") }
        let g = try group.insertAllocating(db, .group, "Group")
        try addUsers(db, groupId: g.id, userIds: userIds)
        return g
    }

    /// All groups, ordered by id.
    public static func list(_ db: Database) throws -> [UserGroupRecord] {
        try UserGroupRecord.allByID(db)
    }

    /// The group with `id`, or nil.
    public static func find(_ db: Database, _ id: Int64) throws -> UserGroupRecord? { try UserGroupRecord.fetchOne(db, key: id) }

    /// Adds users to a group (idempotent).
    public static func addUsers(_ db: Database, groupId: Int64, userIds: [Int64]) throws {
        guard try find(db, groupId) != nil else { throw StoreError.notFound("User group does not exist") }
        for u in userIds {
            _ = try Users.get(db, u)
            try db.execute(sql: "INSERT OR IGNORE INTO user_group_members (group_id, user_id) VALUES (?, ?)", arguments: [groupId, u])
        }
    }

    /// Replaces the groups of `userId` (`UserResource.user_group_ids`).
    public static func setGroups(_ db: Database, userId: Int64, groupIds: [Int64]) throws {
        try db.execute(sql: "DELETE FROM user_group_members WHERE user_id = ?", arguments: [userId])
        for g in groupIds { try addUsers(db, groupId: g, userIds: [userId]) }
    }

    /// The members of a group, ordered by user id.
    public static func userIds(_ db: Database, groupId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT user_id FROM user_group_members WHERE group_id = ? ORDER BY user_id", arguments: [groupId])
    }

    /// The groups of a user, ordered by group id.
    public static func groupIds(_ db: Database, userId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT group_id FROM user_group_members WHERE user_id = ? ORDER BY group_id", arguments: [userId])
    }

    /// Ids of the default groups (given to new users when `include_default_groups`).
    public static func defaultGroupIds(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM user_groups WHERE is_default ORDER BY id")
    }
}
