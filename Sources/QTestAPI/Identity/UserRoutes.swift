import Foundation
import HTTPServer
import QTestStore

/// UserApi: invite, read, update and search users; assign them to projects; the caller's own
/// record (`re-evaluation`); avatars.
enum UserRoutes: RouteGroup {
    /// qTest's user status codes.
    enum Status {
        static let active = 1
        static let inactive = 2
        static let pending = 3
    }

    /// The password an invited user gets when the request names none (qTest's documented default).
    static let defaultPassword = "admin123"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.site("POST", "/api/v3/users") { context in
            try app.requireSiteAdmin(context.caller)
            let body = try context.jsonBody().requireObject()
            let username = try body.optionalString("username") ?? body.requiredString("email")
            guard username.contains("@") else { throw APIError.badRequest("Field 'username' must be an e-mail address") }
            // There is no activation e-mail here: an invited user is active at once and can log in.
            let draft = UserDraft(
                username: username,
                email: try body.optionalString("email") ?? username,
                firstName: try body.optionalString("first_name") ?? "",
                lastName: try body.optionalString("last_name") ?? "",
                password: try body.optionalString("password") ?? defaultPassword,
                status: Status.active,
                ldapUsername: try body.optionalString("ldap_username"),
                externalAuthConfigId: try body.optionalInt("external_auth_config_id"),
                externalUserName: try body.optionalString("external_user_name"))
            let groupIDs = try body.optionalIntArray("user_group_ids") ?? []
            return try context.write(answering: 200) { db in
                let user: UserRecord
                do { user = try Users.create(db, draft, at: context.now) } catch let error as StoreError where error.kind == .conflict {
                    throw APIError.badRequest(error.message)
                }
                for groupID in groupIDs { try Groups.addUsers(db, groupId: groupID, userIds: [user.id]) }
                return encode(user, context, groupIDs: try Groups.groupIds(db, userId: user.id))
            }
        }

        table.site("POST", "/api/v3/users/projects") { context in
            let body = try context.jsonBody().requireObject()
            let projectID = try body.requiredInt("project_id")
            let userIDs = try body.optionalIntArray("user_ids") ?? []
            let profileID = try body.optionalObject("profile").flatMap { try $0.optionalInt("id") }
            return try context.write(answering: 200) { db in
                try assign(db, app: app, caller: context.caller, userIDs: userIDs, projectID: projectID, profileID: profileID)
                return body
            }
        }

        table.site("PUT", "/api/v3/users/projects") { context in
            guard let entries = try context.jsonBody().arrayValue else {
                throw APIError.badRequest("Request body must be an array of {project_id, user_ids}")
            }
            try context.write { db in
                for (index, entry) in entries.enumerated() {
                    let entry = try entry.requireObject("Item \(index)")
                    let projectID = try entry.requiredInt("project_id")
                    let userIDs = try entry.optionalIntArray("user_ids") ?? []
                    try app.project(db, projectID, for: context.caller)
                    try ProjectRoutes.requireProjectAdmin(db, context.caller, projectID)
                    for userID in userIDs { _ = try Users.get(db, userID) }
                    try Projects.unassign(userIDs, from: projectID, db)
                }
            }
            return .okMessage("Users were removed from the projects")
        }

        table.add("GET", "/api/v3/users/search") { context in
            _ = try context.user
            let page = try PageRequest(context)
            let usePaging = try context.queryBool("pagination") ?? true
            let includeInactive = try context.queryBool("includeInactiveUsers") ?? false
            let authConfigs = try context.queryIDs("authSystemConfigIds")
            let text = context.queryString("username")
            let json: JSON = try app.read { db in
                let all = try Users.search(db, text: text, paging: .all).items.filter {
                    (includeInactive || $0.status != Status.inactive)
                        && (authConfigs.isEmpty || authConfigs.contains($0.externalAuthConfigId ?? 0))
                }
                let (items, size) = slice(all, page, usePaging)
                return Wire.paged(items.map { encodeExtension($0, context) }, page: usePaging ? page.page : 1, pageSize: size, total: all.count)
            }
            return .json(200, json)
        }

        table.site("GET", "/api/v3/search/user") { context in
            let page = try PageRequest(context)
            let usePaging = try context.queryBool("pagination") ?? true
            let includeInactive = try context.queryBool("inactive") ?? true
            let projectName = context.queryString("projectName")
            return try context.read(answering: 200) { db in
                // Site admins search every project; others only projects they belong to.
                let visibleTo: Int64? = context.caller.isSiteAdmin ? nil : context.caller.userID
                let projects = try Projects.list(db, visibleTo: visibleTo, paging: .all).items.filter {
                    projectName.map($0.name.localizedCaseInsensitiveContains) ?? true
                }
                var seen = Set<Int64>()
                var users: [UserRecord] = []
                for project in projects {
                    for user in try Projects.memberUsers(db, project.id) where !seen.contains(user.id) {
                        if !includeInactive && user.status == Status.inactive { continue }
                        seen.insert(user.id)
                        users.append(user)
                    }
                }
                users.sort { $0.id < $1.id }
                let (items, size) = slice(users, page, usePaging)
                let encoded = try items.map { user -> JSON in
                    let assigned = try Projects.projectIds(db, memberOf: user.id).filter { id in projects.contains { $0.id == id } }
                    return encode(user, context, groupIDs: try Groups.groupIds(db, userId: user.id))
                        .setting("assigned_projects", .array(assigned.map(JSON.int)))
                }
                return Wire.paged(encoded, page: usePaging ? page.page : 1, pageSize: size, total: users.count)
                    .setting("total_project", .number(projects.count))
            }
        }

        table.site("GET", "/api/v3/re-evaluation") { context in
            return try context.read(answering: 200) { db in
                let user = try Users.get(db, context.caller.userID)
                return [
                    "links": [Wire.link("self", Wire.href(context, "/api/v3/users/\(user.id)"))],
                    "id": .int(user.id),
                    "user_name": .string(user.username),
                    "first_name": .string(user.firstName),
                    "last_name": .string(user.lastName),
                    "avatar": .optional(user.avatar),
                    "timezone_offset": .string(user.timezoneOffset ?? "+00:00"),
                    "access_admin_page": .bool(user.isSiteAdmin),
                    "client_id": 1,
                    "client_name": "qtest-emulator",
                    "client_site": .string(context.baseURL),
                    "client_site_name": "emulator",
                    "package_type": "ENTERPRISE",
                    "applications": [[
                        "name": "qTest Manager", "app_type": "MANAGER", "display_order": 1,
                        "url": .string(context.baseURL), "redirect_url": .string(context.baseURL),
                    ]],
                    "support_links": .object([]),
                ]
            }
        }

        table.add("GET", "/api/v3/users/{userId}") { context in
            _ = try context.user
            let id = try context.pathID("userId")
            let json: JSON = try app.read { db in
                encode(try Users.get(db, id), context, groupIDs: try Groups.groupIds(db, userId: id))
            }
            return .json(200, json)
        }

        table.site("PUT", "/api/v3/users/{userId}") { context in
            let id = try context.pathID("userId")
            guard context.caller.isSiteAdmin || context.caller.userID == id else { throw APIError.forbidden("No permission") }
            let body = try context.jsonBody().requireObject()
            var patch = UserPatch()
            patch.email = try body.optionalString("email")
            patch.firstName = try body.optionalString("first_name")
            patch.lastName = try body.optionalString("last_name")
            patch.password = try body.optionalString("password")
            if let status = try body.optionalInt("status") {
                guard [Status.active, Status.inactive, Status.pending].contains(Int(status)) else {
                    throw APIError.badRequest("Field 'status' must be 1 (active), 2 (inactive) or 3 (pending)")
                }
                guard context.caller.isSiteAdmin else { throw APIError.forbidden("No permission") }
                patch.status = Int(status)
            }
            patch.externalAuthConfigId = try body.optionalInt("external_auth_config_id")
            patch.externalUserName = try body.optionalString("external_user_name")
            let groupIDs = try body.optionalIntArray("user_group_ids")
            return try context.write(answering: 200) { db in
                let user = try Users.update(db, id, patch, at: context.now)
                if let groupIDs {
                    guard context.caller.isSiteAdmin else { throw APIError.forbidden("No permission") }
                    try Groups.setGroups(db, userId: id, groupIds: groupIDs)
                }
                return encode(user, context, groupIDs: try Groups.groupIds(db, userId: id))
            }
        }

        table.add("GET", "/api/v3/users/{userId}/avatar") { context in
            _ = try context.user
            let id = try context.pathID("userId")
            let user = try app.read { db in try Users.get(db, id) }
            return HTTPResponse.text(200, AvatarImage.svg(for: user), contentType: "image/svg+xml")
        }

        table.site("POST", "/api/v3/users/{userId}/projects") { context in
            let userID = try context.pathID("userId")
            let body = try context.jsonBody().requireObject()
            let projectID = try body.requiredInt("project_id")
            let profileID = try body.optionalObject("profile").flatMap { try $0.optionalInt("id") }
            return try context.write(answering: 200) { db in
                try assign(db, app: app, caller: context.caller, userIDs: [userID], projectID: projectID, profileID: profileID)
                return body
            }
        }
    }

    /// Adds users to a project (with a project profile, or the default one). Only site
    /// admins and the project's admins may do this.
    static func assign(_ db: StoreDatabase, app: EmulatorContext, caller: Caller, userIDs: [Int64], projectID: Int64, profileID: Int64?) throws {
        try app.project(db, projectID, for: caller)
        try ProjectRoutes.requireProjectAdmin(db, caller, projectID)
        for userID in userIDs { _ = try Users.get(db, userID) }
        if let profileID {
            guard let profile = try Profiles.find(db, profileID), profile.kind == .project else {
                throw APIError.badRequest("Profile \(profileID) is not a project profile")
            }
        }
        try Projects.assign(userIDs, to: projectID, profileId: profileID, db)
    }

    static func slice<T>(_ all: [T], _ page: PageRequest, _ usePaging: Bool) -> ([T], Int) {
        guard usePaging, let size = page.pageSize else { return (all, all.count) }
        return (page.paging.window(all), size)
    }

    /// `UserResource`.
    static func encode(_ user: UserRecord, _ context: some RequestReading, groupIDs: [Int64] = []) -> JSON {
        head(user, context, then: [
            "ldap_username": .optional(user.ldapUsername),
            "external_auth_config_id": .optional(user.externalAuthConfigId),
            "external_user_name": .optional(user.externalUserName),
            "user_group_ids": .array(groupIDs.map(JSON.int)),
        ])
    }

    /// `UserResourceExtension`.
    static func encodeExtension(_ user: UserRecord, _ context: some RequestReading) -> JSON {
        head(user, context, then: [
            "authentication_system": .optional(user.authenticationSystem),
            "external_username": .optional(user.externalUserName),
            "timezone_offset": .optional(user.timezoneOffset),
            "country_name": .optional(user.countryName),
        ])
    }

    /// What both user answers begin with (`links` … `avatar`), then `rest` in its order.
    static func head(_ user: UserRecord, _ context: some RequestReading, then rest: JSON) -> JSON {
        var object = JSONObject([
            ("links", .array([Wire.link("self", Wire.href(context, "/api/v3/users/\(user.id)"))])),
            ("id", .int(user.id)),
            ("username", .string(user.username)),
            ("email", .string(user.email)),
            ("first_name", .string(user.firstName)),
            ("last_name", .string(user.lastName)),
            ("status", .number(user.status)),
            ("avatar", .optional(user.avatar)),
        ])
        for (key, value) in rest.objectValue ?? [] { object.set(key, value) }
        return .object(object)
    }
}

/// A user's avatar: an SVG badge with their initials, so avatar downloads return a real image.
enum AvatarImage {
    static func svg(for user: UserRecord) -> String {
        let initials = [user.firstName, user.lastName].compactMap { $0.first.map(String.init) }.joined().uppercased()
        let text = initials.isEmpty ? String(user.username.prefix(1)).uppercased() : initials
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        // A stable hue per user id keeps avatars distinguishable in screenshots.
        let hue = Int(user.id % 360)
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">\
        <rect width="64" height="64" rx="32" fill="hsl(\(hue),55%,45%)"/>\
        <text x="32" y="40" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">\(escaped)</text></svg>
        """
    }
}
