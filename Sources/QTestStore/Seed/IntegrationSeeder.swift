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
                let connection = try IntegrationConnections.create(db, projectId: projectId, IntegrationConnectionDraft(
                    externalSystem: c.externalSystem ?? "Jira", connectionName: c.connectionName, serverUrl: c.serverUrl, webUrl: c.webUrl,
                    authenticationType: c.authenticationType ?? IntegrationAuthentication.token.rawValue, username: c.username, token: c.token,
                    jiraToken: c.jiraToken, jiraSecret: c.jiraSecret, jiraVerifier: c.jiraVerifier), id: c.id, by: nil, at: now)
                try IntegrationConnections.change(db, projectId: projectId, connection.id,
                                                  IntegrationSwitches(requirementIntegration: true, releaseIntegration: true), at: now)
                for (j, m) in (c.defectMappings ?? []).enumerated() {
                    try DesignSeeder.at("\(at).defect_mappings[\(j)]") {
                        let key = IntegrationMappingKey(externalProjectId: m.externalProjectId, externalTypeId: m.externalTypeId)
                        try IntegrationMappings.add(db, projectId: projectId, connectionId: connection.id, .defect, key, id: m.id, at: now)
                        try IntegrationMappings.configure(db, projectId: projectId, connectionId: connection.id, key, defect: DefectMappingSettings(
                            sendAttachmentToJira: m.sendAttachmentToJira, configures: m.configures), at: now)
                    }
                }
                for (j, m) in (c.requirementMappings ?? []).enumerated() {
                    try DesignSeeder.at("\(at).requirement_mappings[\(j)]") {
                        let key = IntegrationMappingKey(externalProjectId: m.externalProjectId, externalTypeId: m.externalTypeId)
                        try IntegrationMappings.add(db, projectId: projectId, connectionId: connection.id, .requirement, key, id: m.id, at: now)
                        try IntegrationMappings.configure(db, projectId: projectId, connectionId: connection.id, key, requirement: RequirementMappingSettings(
                            externalFilter: m.externalFilter, externalField1Id: m.externalField1Id, externalField2Id: m.externalField2Id,
                            activeExternalFields: m.activeExternalFields), at: now)
                    }
                }
                for (j, m) in (c.releaseMappings ?? []).enumerated() {
                    try DesignSeeder.at("\(at).release_mappings[\(j)]") {
                        let key = IntegrationMappingKey(externalProjectId: m.externalProjectId, externalTypeId: m.externalTypeId)
                        try IntegrationMappings.add(db, projectId: projectId, connectionId: connection.id, .release, key, id: m.id, at: now)
                        try IntegrationMappings.configure(db, projectId: projectId, connectionId: connection.id, key, release: ReleaseMappingSettings(
                            autoUpdateReleaseScope: m.autoUpdateReleaseScope, dataRetrievalOptions: m.dataRetrievalOptions), at: now)
                    }
                }
                try IntegrationConnections.change(db, projectId: projectId, connection.id, IntegrationSwitches(
                    active: c.active ?? false, storeUnlinkedDefects: c.storeUnlinkedDefects ?? false,
                    requirementIntegration: c.requirementIntegration ?? false, releaseIntegration: c.releaseIntegration ?? false,
                    autoFilterTestRun: c.autoFilterTestRun ?? false, mergeDuplicatedFixVersions: c.mergeDuplicatedFixVersions ?? false), at: now)
            }
        }
    }
}
