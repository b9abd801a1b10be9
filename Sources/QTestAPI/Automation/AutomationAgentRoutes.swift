import Foundation
import HTTPServer
import QTestStore

/// AutomationJobApi: search the automation agents of the caller's projects, and create a
/// schedule that asks an agent to run test runs.
enum AutomationAgentRoutes: RouteGroup {
    static let allFields = ["id", "name", "project_id", "host_id", "host_name", "framework", "active", "configuration"]

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.site("POST", "/api/v3/automation/automation-agents") { context in
            let page = try PageRequest(context)
            let body = try context.optionalJSONBody()
            let query = try AgentQuery(body.isNull ? "" : try body.requireObject().optionalString("query") ?? "")
            let requested = body.isNull ? [] : (try body.optionalArray("fields") ?? []).compactMap(\.stringValue)
            let fields = requested.isEmpty || requested.contains("*") ? allFields : requested
            return try context.read(answering: 200) { db in
                let projectIDs = context.caller.isSiteAdmin
                    ? try Projects.list(db, visibleTo: nil, paging: .all).items.map(\.id)
                    : try Projects.projectIds(db, memberOf: context.caller.userID)
                let matching = try AutomationAgents.list(db, projectIds: projectIDs).filter { query.matches(searchValues($0)) }
                let items = page.paging.window(matching).map { encode($0, fields: fields, context) }
                return Wire.paged(items, page: page.page, pageSize: page.reportedSize, total: matching.count)
            }
        }

        table.site("POST", "/api/v3/automation/jobs/schedule/create") { context in
            let body = try context.jsonBody().requireObject()
            let projectID = try body.requiredInt("projectId")
            let agentID = try body.requiredInt("agentId")
            let runIDs = try body.optionalIntArray("testRunIds") ?? []
            var dynamic: [String: String] = [:]
            for (key, value) in try body.optionalObject("dynamic")?.objectValue ?? [] {
                guard let text = value.stringValue else { throw APIError.badRequest("Field 'dynamic' must map names to strings") }
                dynamic[key] = text
            }
            let start = try ProjectRoutes.parseDate(body, "startDate")
            let schedule = try context.write { db in
                try app.project(db, projectID, for: context.caller)
                return try AutomationAgents.schedule(db, projectId: projectID, agentId: agentID, name: try body.optionalString("name"),
                                                     testRunIds: runIDs, dynamic: dynamic, startDate: start, by: context.caller.userID, at: context.now)
            }
            // The contract answers the new schedule's id as a bare number.
            return .json(201, JSON.int(schedule.id))
        }
    }

    static func searchValues(_ agent: AutomationAgentRecord) -> [String: String] {
        ["name": agent.name, "framework": agent.framework, "host_name": agent.hostName, "id": String(agent.id),
         "project_id": String(agent.projectId), "host_id": String(agent.hostId), "active": agent.active ? "active" : "inactive"]
    }

    static func encode(_ agent: AutomationAgentRecord, fields: [String], _ context: some RequestReading) -> JSON {
        let configuration = (try? JSON.parse(Data(agent.configuration.utf8))) ?? .object([])
        let all: [(String, JSON)] = [
            ("id", .int(agent.id)), ("name", .string(agent.name)), ("project_id", .int(agent.projectId)),
            ("host_id", .int(agent.hostId)), ("host_name", .string(agent.hostName)), ("framework", .string(agent.framework)),
            ("active", .bool(agent.active)), ("configuration", configuration),
        ]
        // `links` and `id` stay even when `fields` narrows the rest.
        return .object([("links", [Wire.link("self", Wire.href(context, "/api/v3/automation/automation-agents/\(agent.id)"))])]
                        + all.filter { $0.0 == "id" || fields.contains($0.0) })
    }
}
