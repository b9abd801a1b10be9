import Foundation
import GRDB

/// The `integration_connections` of an exported project: every connection with its
/// credentials, switches and mappings, in id order.
enum IntegrationExporter {
    static func connections(_ db: Database, projectId: Int64) throws -> [SeedIntegrationConnection] {
        try IntegrationConnections.list(db, projectId: projectId).map { c in
            var s = SeedIntegrationConnection(connectionName: c.connectionName, serverUrl: c.serverUrl)
            s.id = c.id; s.externalSystem = c.externalSystem; s.webUrl = c.webUrl; s.authenticationType = c.authenticationType
            s.username = c.username; s.token = c.token; s.jiraToken = c.jiraToken; s.jiraSecret = c.jiraSecret; s.jiraVerifier = c.jiraVerifier
            s.active = c.active; s.storeUnlinkedDefects = c.storeUnlinkedDefects; s.requirementIntegration = c.requirementIntegration
            s.releaseIntegration = c.releaseIntegration; s.autoFilterTestRun = c.autoFilterTestRun
            s.mergeDuplicatedFixVersions = c.mergeDuplicatedFixVersions
            let mappings = try IntegrationMappings.all(db, connectionId: c.id)
            s.defectMappings = SeedExporter.nonEmpty(mappings.filter { $0.artifact == .defect }.map { m in
                SeedDefectMapping(id: m.id, externalProjectId: m.externalProjectId, externalTypeId: m.externalTypeId,
                                  sendAttachmentToJira: m.sendAttachmentToJira, configures: m.autoFillEntries)
            })
            s.requirementMappings = SeedExporter.nonEmpty(mappings.filter { $0.artifact == .requirement }.map { m in
                SeedRequirementMapping(id: m.id, externalProjectId: m.externalProjectId, externalTypeId: m.externalTypeId,
                                       externalFilter: m.externalFilter, externalField1Id: m.externalField1Id,
                                       externalField2Id: m.externalField2Id, activeExternalFields: m.activeExternalFields)
            })
            s.releaseMappings = SeedExporter.nonEmpty(mappings.filter { $0.artifact == .release }.map { m in
                SeedReleaseMapping(id: m.id, externalProjectId: m.externalProjectId, externalTypeId: m.externalTypeId,
                                   autoUpdateReleaseScope: m.autoUpdateReleaseScope, dataRetrievalOptions: m.releaseOptions)
            })
            return s
        }
    }
}
