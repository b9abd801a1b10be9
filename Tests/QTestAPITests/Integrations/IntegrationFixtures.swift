import Foundation
import Testing
import TestSupport

/// Paths and helpers of the IntegrationSettingsApi tests.
enum Integration {
    static func base(_ project: Int64 = Demo.projectID) -> String { "/api/v3/projects/\(project)/settings/integration/connections" }

    /// A Token connection body.
    static func body(_ name: String = "Jira", server: String = "https://jira.example.com", extra: [String: Any] = [:]) -> [String: Any] {
        ["external_system": "Jira", "connection_name": name, "server_url": server, "authentication_type": "Token",
         "username": "bot@example.com", "token": "s3cret-api-token"].merging(extra) { $1 }
    }

    /// Adds a connection and returns its id.
    static func connection(_ h: EmulatorHarness, _ name: String = "Jira", project: Int64 = Demo.projectID,
                           extra: [String: Any] = [:]) throws -> Int {
        let r = try h.post(base(project), json: body(name, extra: extra))
        #expect(r.status == 200, "\(r)")
        return try #require(r.object["connection_id"] as? Int, "\(r)")
    }

    /// `…/connections/{id}`.
    static func path(_ id: Int, _ rest: String = "", project: Int64 = Demo.projectID) -> String { "\(base(project))/\(id)\(rest)" }

    /// The query naming a mapping.
    static func key(_ project: String = "10000", type: String) -> String { "externalProjectId=\(project)&externalIssueTypeId=\(type)" }

    /// Switches a connection's feature on (`requirement`, `release`) or the connection itself (`""`).
    static func enable(_ h: EmulatorHarness, _ id: Int, _ feature: String) throws {
        let r = try h.put(path(id, feature.isEmpty ? "?active=true" : "/\(feature)?active=true"))
        #expect(r.status == 200, "\(feature): \(r)")
    }

    /// The connection `id` as the list shows it.
    static func listed(_ h: EmulatorHarness, _ id: Int, project: Int64 = Demo.projectID) throws -> [String: Any]? {
        guard let list = try h.get(base(project)).json as? [[String: Any]] else { return nil }
        return list.first { $0["id"] as? Int == id }
    }

    /// Polls `queue-processing` until job `id` is finished; returns its last answer.
    static func finished(_ h: EmulatorHarness, job id: Int) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(20)
        var last: [String: Any] = [:]
        repeat {
            last = try h.get("/api/v3/projects/queue-processing/\(id)").object
            if let state = last["state"] as? String, state == "SUCCESS" || state == "FAILED" { return last }
            usleep(20_000)
        } while Date() < deadline
        return last
    }
}
