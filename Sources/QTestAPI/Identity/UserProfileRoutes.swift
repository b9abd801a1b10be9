import Foundation
import HTTPServer
import QTestStore

/// UserProfileApi: admin (site) profiles and project profiles, and assigning users to them.
enum UserProfileRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.site("GET", "/api/v3/admin-profiles/current") { context in
            return try context.read(answering: 200) { db in
                let profile = try Profiles.adminProfile(db, ofUser: context.caller.userID)
                var members: [(String, JSON)] = Profiles.adminFlags.map { flag in
                    // Site administrators hold every admin permission whatever their profile says.
                    (flag, .bool(context.caller.isSiteAdmin || (profile?.allows(flag) ?? false)))
                }
                members.append(("user_id", .int(context.caller.userID)))
                return .object(members)
            }
        }

        table.site("GET", "/api/v3/user-profiles") { context in
            try app.requireSiteAdmin(context.caller)
            let type = context.queryString("type")?.lowercased()
            return try context.read(answering: 200) { db in
                let admin = try Profiles.list(db, kind: .admin)
                let project = try Profiles.list(db, kind: .project)
                let showAdmin = type == nil || type == "admin"
                let showUser = type == nil || type == "user" || type == "project"
                return [
                    "admin_profiles": .array(showAdmin ? admin.map(encodeProfile) : []),
                    "user_profiles": .array(showUser ? project.map(encodeProfile) : []),
                    "total_admin_profiles": .number(showAdmin ? admin.count : 0),
                    "total_user_profiles": .number(showUser ? project.count : 0),
                ]
            }
        }

        table.site("POST", "/api/v3/user-profiles/batch-assign-users") { context in
            try app.requireSiteAdmin(context.caller)
            let (userIDs, profileID) = try readAssignment(context)
            return try context.write(answering: 200) { db in
                guard let profile = try Profiles.find(db, profileID), profile.kind == .admin else {
                    throw APIError.badRequest("Profile \(profileID) is not an admin profile")
                }
                let users = try userIDs.map { try Users.get(db, $0) }
                try Profiles.assignAdminProfile(db, profileId: profile.id, userIds: userIDs)
                return .array(users.map { UserRoutes.encodeExtension($0, context) })
            }
        }

        table.site("GET", "/api/v3/user-profiles/current") { context in
            return try context.read(answering: 200) { db in
                let projectIDs = try Projects.projectIds(db, memberOf: context.caller.userID)
                return .array(try projectIDs.map {
                    try encodeProjectProfile(db, userID: context.caller.userID, projectID: $0, isSiteAdmin: context.caller.isSiteAdmin)
                })
            }
        }

        table.site("POST", "/api/v3/user-profiles/{projectId}/batch-assign-users") { context in
            let projectID = try context.pathID("projectId")
            let (userIDs, profileID) = try readAssignment(context)
            return try context.write(answering: 200) { db in
                try app.project(db, projectID, for: context.caller)
                try ProjectRoutes.requireProjectAdmin(db, context.caller, projectID)
                guard let profile = try Profiles.find(db, profileID), profile.kind == .project else {
                    throw APIError.badRequest("Profile \(profileID) is not a project profile")
                }
                let users = try userIDs.map { try Users.get(db, $0) }
                try Profiles.assignProjectProfile(db, profileId: profile.id, userIds: userIDs, projectId: projectID)
                return .array(users.map { UserRoutes.encodeExtension($0, context) })
            }
        }
    }

    /// `{"userIds": [...], "userProfileId": n}` (camelCase in the contract).
    static func readAssignment(_ context: some RequestReading) throws -> ([Int64], Int64) {
        let body = try context.jsonBody().requireObject()
        guard let userIDs = try body.optionalIntArray("userIds"), !userIDs.isEmpty else {
            throw APIError.badRequest("Field 'userIds' is required")
        }
        return (userIDs, try body.requiredInt("userProfileId"))
    }

    /// `Profile`.
    static func encodeProfile(_ profile: ProfileRecord) -> JSON {
        ["id": .int(profile.id), "name": .string(profile.name), "is_admin": .bool(profile.isAdmin), "is_readonly": .bool(profile.isReadonly)]
    }

    /// `UserProfile`: the caller's permissions in one project, one object per area.
    static func encodeProjectProfile(_ db: StoreDatabase, userID: Int64, projectID: Int64, isSiteAdmin: Bool) throws -> JSON {
        let profile = try Profiles.projectProfile(db, ofUser: userID, projectId: projectID)
        func allowed(_ key: String) -> Bool { isSiteAdmin || (profile?.allows(key) ?? false) }
        var members: [(String, JSON)] = [("user_id", .int(userID)), ("project_id", .int(projectID))]
        for area in Profiles.projectFlags.keys.sorted() where area != "reportPermission" {
            let flags = Profiles.projectFlags[area] ?? []
            members.append((area, .object(flags.map { ($0, .bool(allowed("\(area).\($0)"))) })))
        }
        // The contract's report permission has a single `view_report` flag.
        members.append(("reportPermission", ["view_report": .bool(allowed("reportPermission.view"))]))
        return .object(members)
    }
}
