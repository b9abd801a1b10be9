import Foundation
import HTTPServer
import QTestStore

/// IntegrationSettingsApi, the connections: `/api/v3/projects/{projectId}/settings/integration/connections`
/// lists (GET) and adds (POST) a project's Jira connections; `…/{connectionId}` activates or
/// deactivates one (`PUT ?active=`) and deletes it with its mappings (DELETE);
/// `…/{connectionId}/defect|requirement|release` switch its features; `…/oauthAuthorizeURL`
/// starts a Jira Server OAuth sign-in.
///
/// Writes need `project.admin` (``ProjectPermission``: these are project settings). A switch
/// whose query parameter is left out stays as it is; `true`/`false` in any case set it, anything
/// else is a 400. Switches answer 200 with a message (the contract's `Message`).
///
/// The list is an array of `IntegrationConnectionVM`: the client contract types the answer as
/// one `IntegrationConnectionVM`, which cannot hold "all Jira connections of a project"
/// (several connections per project are allowed), so the emulator answers what the operation
/// names.
enum IntegrationConnectionRoutes: RouteGroup {
    static let base = "/api/v3/projects/{projectId}/settings/integration/connections"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("GET", base) { context in
            try context.read(answering: 200) { db in
                .array(try IntegrationConnections.list(db, projectId: context.projectID).map(IntegrationWire.connection))
            }
        }
        table.project("POST", base) { context in
            let draft = try IntegrationRequestParsing.connection(try context.jsonBody())
            return try context.write(answering: 200) { db in
                IntegrationWire.created(try IntegrationConnections.create(db, projectId: context.projectID, draft, by: context.caller.userID,
                                                                          at: context.now))
            }
        }
        // The spec says this project id "must be 0 (zero)": the request token is not tied to a
        // project. So the route is not a project route (0 names none); another id is checked
        // like any project route's.
        table.site("GET", "/api/v3/projects/{projectIdOrZero}/settings/integration/connections/oauthAuthorizeURL") { context in
            let projectID = try context.pathID("projectIdOrZero")
            if projectID != 0 { try context.read { db in _ = try app.project(db, projectID, for: context.caller) } }
            let server = try IntegrationChecks.url(context.queryString("serverUrl"), "serverUrl")
            return .json(200, IntegrationWire.authorization(server: server, token: app.control.makeToken(), secret: app.control.makeToken()))
        }
        table.project("PUT", base + "/{connectionId}") { context in
            guard let active = try IntegrationRequestParsing.flag(context, "active") else {
                throw APIError.badRequest("Query parameter 'active' is required (true or false)")
            }
            return try switching(context, IntegrationSwitches(active: active), active ? "activated" : "deactivated")
        }
        table.project("DELETE", base + "/{connectionId}") { context in
            try context.deleting("connectionId", "Jira connection") { db, id in
                try IntegrationConnections.delete(db, projectId: context.projectID, id)
            }
        }
        table.project("PUT", base + "/{connectionId}/defect") { context in
            try switching(context, IntegrationSwitches(storeUnlinkedDefects: try IntegrationRequestParsing.flag(context, "storeUnlinkedDefects")),
                          "updated: populating unlinked Jira defects")
        }
        table.project("PUT", base + "/{connectionId}/requirement") { context in
            try switching(context, IntegrationSwitches(requirementIntegration: try IntegrationRequestParsing.flag(context, "active")),
                          "updated: requirement integration")
        }
        table.project("PUT", base + "/{connectionId}/release") { context in
            try switching(context, IntegrationSwitches(releaseIntegration: try IntegrationRequestParsing.flag(context, "active"),
                                                       autoFilterTestRun: try IntegrationRequestParsing.flag(context, "autoFilterTestRun"),
                                                       mergeDuplicatedFixVersions: try IntegrationRequestParsing.flag(context, "mergeDuplicatedFixVersions")),
                          "updated: release integration")
        }
    }

    /// Applies `change` to the connection of the path and answers `{"message": …}`.
    private static func switching(_ context: ProjectRequest, _ change: IntegrationSwitches, _ what: String) throws -> HTTPResponse {
        let id = try context.pathID("connectionId")
        _ = try context.write { db in try IntegrationConnections.change(db, projectId: context.projectID, id, change, at: context.now) }
        return .okMessage("Jira connection \(id) \(what)")
    }
}
