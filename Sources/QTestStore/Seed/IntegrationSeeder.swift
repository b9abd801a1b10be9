import Foundation
import GRDB

/// Loads a project's `integration_connections` through the same store calls as the API, so a
/// fixture is checked as requests are (URLs, credentials, mapping types and auto-fill fields).
///
/// A connection may hold requirement or release mappings with that integration switched off
/// (it was switched off after they were made): the mappings are added with every integration
/// on, and the connection's own switches are set last.
enum IntegrationSeeder {
    static func load(_ p: SeedProject, projectId: Int64, path: String, into db: Database, at now: Date) throws {
        for (i, c) in (p.integrationConnections ?? []).enumerated() {
            let at = "\(path).integration_connections[\(i)]"
            try DesignSeeder.at(at) {
                var draft = c.connection
                draft.externalSystem = draft.externalSystem ?? "Jira"
                draft.authenticationType = draft.authenticationType ?? IntegrationAuthentication.token.rawValue
                let connection = try IntegrationConnections.create(db, projectId: projectId, draft, id: c.id, by: nil, at: now)
                try IntegrationConnections.change(db, projectId: projectId, connection.id,
                                                  IntegrationSwitches(requirementIntegration: true, releaseIntegration: true), at: now)
                try load(c.defectMappings, of: connection, path: at, into: db, at: now)
                try load(c.requirementMappings, of: connection, path: at, into: db, at: now)
                try load(c.releaseMappings, of: connection, path: at, into: db, at: now)
                // A new connection has every switch off; the two switched on for the mappings are
                // put back unless the fixture sets them.
                var switches = c.switches
                switches.requirementIntegration = switches.requirementIntegration ?? false
                switches.releaseIntegration = switches.releaseIntegration ?? false
                try IntegrationConnections.change(db, projectId: projectId, connection.id, switches, at: now)
            }
        }
    }

    /// Adds the mappings of one kind (`defect_mappings`, …) with their settings.
    private static func load<Settings>(_ mappings: [SeedIntegrationMapping<Settings>]?, of connection: IntegrationConnectionRecord,
                                       path: String, into db: Database, at now: Date) throws {
        for (j, m) in (mappings ?? []).enumerated() {
            try DesignSeeder.at("\(path).\(Settings.artifact.rawValue)_mappings[\(j)]") {
                try IntegrationMappings.add(db, projectId: connection.projectId, connectionId: connection.id, Settings.artifact, m.key,
                                            id: m.id, at: now)
                try IntegrationMappings.configure(db, projectId: connection.projectId, connectionId: connection.id, m.key, m.settings, at: now)
            }
        }
    }
}
