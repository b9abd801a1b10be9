import Foundation
import HTTPServer
import QTestStore

/// GroupsApi: list user groups and create custom ones (site administrators only).
enum GroupRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.site("GET", "/api/v3/groups") { context in
            try app.requireSiteAdmin(context.caller)
            let json: JSON = try context.read { db in .array(try Groups.list(db).map { try encode($0, db) }) }
            return .json(200, json)
        }

        table.site("POST", "/api/v3/groups") { context in
            try app.requireSiteAdmin(context.caller)
            let body = try context.jsonBody().requireObject()
            let group = UserGroupRecord(
                name: try body.requiredName(),
                description: try body.optionalString("description"),
                isDefault: try body.optionalBool("is_default") ?? false,
                isSystem: false,
                authorities: try body.optionalArray("authority_names")?.compactMap(\.stringValue) ?? [])
            let userIDs = try body.optionalIntArray("user_ids") ?? []
            return try context.write(answering: 200) { db in
                for id in userIDs { _ = try Users.get(db, id) }
                return try encode(try Groups.create(db, group, userIds: userIDs), db)
            }
        }
    }

    /// `UserGroupResource`.
    static func encode(_ group: UserGroupRecord, _ db: StoreDatabase) throws -> JSON {
        let userIDs = try Groups.userIds(db, groupId: group.id)
        let users = try userIDs.compactMap { try Users.find(db, $0) }
        return [
            "id": .int(group.id),
            "name": .string(group.name),
            "description": .optional(group.description),
            "is_default": .bool(group.isDefault),
            "is_system": .bool(group.isSystem),
            "authority_names": .array(group.authorities.map(JSON.string)),
            "authorities": .array(group.authorities.enumerated().map { index, name in
                ["id": .number(index + 1), "name": .string(name), "displayName": .string(displayName(name))]
            }),
            "user_ids": .array(userIDs.map(JSON.int)),
            "users": .array(users.map { user in
                [
                    "id": .int(user.id), "userName": .string(user.username), "contactEmail": .string(user.email),
                    "firstName": .string(user.firstName), "lastName": .string(user.lastName),
                    "fullName": .string(user.displayName),
                ]
            }),
            "total_user": .number(userIDs.count),
        ]
    }

    /// `ROLE_PROJECT_ADMIN` → `Project Admin`.
    static func displayName(_ authority: String) -> String {
        authority.replacingOccurrences(of: "ROLE_", with: "").split(separator: "_")
            .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }
}
