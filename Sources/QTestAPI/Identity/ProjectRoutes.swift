import Foundation
import HTTPServer
import QTestStore

/// ProjectApi: list, create, search, get, update a project; the caller's project profile; the
/// project's users.
enum ProjectRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.site("GET", "/api/v3/projects") { context in
            let page = try PageRequest(context, defaultSize: 100)
            // Site administrators see every project unless they ask for `assigned=true`.
            let assignedOnly = try context.queryBool("assigned") ?? false
            let expandProfile = context.queryString("expand")?.lowercased().contains("userprofile") ?? false
            let body: JSON = try context.read { db in
                let visibleTo: Int64? = (context.caller.isSiteAdmin && !assignedOnly) ? nil : context.caller.userID
                let result = try Projects.list(db, visibleTo: visibleTo, paging: page.paging)
                return .array(try result.items.map { try encode($0, db, context, expandProfileFor: expandProfile ? context.caller : nil) })
            }
            return .json(200, body)
        }

        table.site("POST", "/api/v3/projects") { context in
            try app.requireSiteAdmin(context.caller)
            let body = try context.jsonBody().requireObject()
            let draft = ProjectDraft(
                name: try body.requiredName(),
                description: try body.optionalString("description"),
                startDate: try parseDate(body, "start_date"),
                endDate: try parseDate(body, "end_date"),
                automation: try body.optionalBool("automation") ?? true,
                // From the control plane, so a deterministic run gives the same uuid each time.
                uuid: app.control.makeToken(),
                templateId: try body.optionalInt("template_id"),
                adminIds: try body.optionalIntArray("admin_ids") ?? [])
            return try context.write(answering: 201) { db in
                let project = try Projects.create(db, draft, by: context.caller.userID, at: context.now)
                return try encode(project, db, context)
            }
        }

        table.site("POST", "/api/v3/projects/search") { context in
            let body = try context.jsonBody().requireObject()
            guard let uuids = try body.optionalArray("uuid")?.compactMap(\.stringValue) else {
                throw APIError.badRequest("Field 'uuid' is required")
            }
            return try context.read(answering: 200) { db in
                let visibleTo: Int64? = context.caller.isSiteAdmin ? nil : context.caller.userID
                let projects = try Projects.list(db, visibleTo: visibleTo, paging: .all).items
                    .filter { uuids.contains($0.uuid) }
                return .array(try projects.map { try encode($0, db, context) })
            }
        }

        table.project("GET", "/api/v3/projects/{projectId}") { context in
            let expandProfile = context.queryString("expand")?.lowercased().contains("userprofile") ?? false
            return try context.read(answering: 200) { db in
                let project = try Projects.get(db, context.projectID)
                return try encode(project, db, context, expandProfileFor: expandProfile ? context.caller : nil)
            }
        }

        table.project("PUT", "/api/v3/projects/{projectId}") { context in
            let body = try context.jsonBody().requireObject()
            var patch = ProjectPatch()
            if body["name"] != nil { patch.name = try body.requiredName() }
            patch.description = try body.optionalString("description")
            patch.startDate = try parseDate(body, "start_date")
            patch.endDate = try parseDate(body, "end_date")
            patch.templateId = try body.optionalInt("template_id")
            patch.adminIds = try body.optionalIntArray("admin_ids")
            return try context.write(answering: 200) { db in
                try requireProjectAdmin(db, context.caller, context.projectID)
                let project = try Projects.update(db, context.projectID, patch, at: context.now)
                return try encode(project, db, context)
            }
        }

        table.project("GET", "/api/v3/projects/{projectId}/user-profiles/current") { context in
            return try context.read(answering: 200) { db in
                return try UserProfileRoutes.encodeProjectProfile(db, userID: context.caller.userID, projectID: context.projectID, isSiteAdmin: context.caller.isSiteAdmin)
            }
        }

        table.project("GET", "/api/v3/projects/{projectId}/users") { context in
            let includeInactive = try context.queryBool("inactive") ?? false
            return try context.read(answering: 200) { db in
                let users = try Projects.memberUsers(db, context.projectID).filter { includeInactive || $0.status != 2 }
                return .array(users.map { UserRoutes.encode($0, context) })
            }
        }
    }

    /// Project admins (and site admins) may edit a project.
    static func requireProjectAdmin(_ db: StoreDatabase, _ caller: Caller, _ projectID: Int64) throws {
        if caller.isSiteAdmin { return }
        guard try Projects.adminIds(db, projectID).contains(caller.userID) else {
            throw APIError.forbidden("User does not have permission to edit this project")
        }
    }

    static func parseDate(_ body: JSON, _ key: String) throws -> Date? {
        guard let text = try body.optionalString(key) else { return nil }
        guard let date = QTestDate.parse(text) else {
            throw APIError.badRequest("Field '\(key)' is not a valid date: '\(text)'")
        }
        return date
    }

    /// `ProjectResource`.
    static func encode(_ project: ProjectRecord, _ db: StoreDatabase, _ context: some RequestReading,
                       expandProfileFor caller: Caller? = nil) throws -> JSON {
        let adminIDs = try Projects.adminIds(db, project.id)
        let admins = try adminIDs.compactMap { try Users.find(db, $0)?.username }
        var json: JSON = [
            "links": [Wire.link("self", Wire.href(context, "/api/v3/projects/\(project.id)"))],
            "id": .int(project.id),
            "name": .string(project.name),
            "description": .optional(project.description),
            "status_id": .number(project.statusId),
            "start_date": Wire.date(project.startDate),
            "end_date": Wire.date(project.endDate),
            "sample": .bool(project.sample),
            "automation": .bool(project.automation),
            "uuid": .string(project.uuid),
            "template_id": .optional(project.templateId),
            "x_explorer_access_level": .number(project.xExplorerAccessLevel),
            "date_format": .string(project.dateFormat),
            "admins": .array(admins.map(JSON.string)),
            "admin_ids": .array(adminIDs.map(JSON.int)),
            "defect_tracking_systems": [],
        ]
        if let caller {
            json = json.setting("user_profile", try UserProfileRoutes.encodeProjectProfile(
                db, userID: caller.userID, projectID: project.id, isSiteAdmin: caller.isSiteAdmin))
        }
        return json
    }
}
