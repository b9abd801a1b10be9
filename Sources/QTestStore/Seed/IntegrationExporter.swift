import Foundation
import GRDB

/// The `integration_connections` of an exported project: every connection with its
/// credentials, switches and mappings, in id order.
enum IntegrationExporter {
    static func connections(_ db: Database, projectId: Int64) throws -> [SeedIntegrationConnection] {
        try IntegrationConnections.list(db, projectId: projectId).map { c in
            var s = SeedIntegrationConnection(id: c.id, connection: IntegrationConnectionDraft(of: c),
                                              switches: IntegrationSwitches(of: c))
            let mappings = try IntegrationMappings.all(db, connectionId: c.id)
            s.defectMappings = seeded(mappings)
            s.requirementMappings = seeded(mappings)
            s.releaseMappings = seeded(mappings)
            return s
        }
    }

    /// The mappings of one kind among `mappings`, nil for none.
    private static func seeded<Settings>(_ mappings: [IntegrationMappingRecord]) -> [SeedIntegrationMapping<Settings>]? {
        SeedExporter.nonEmpty(mappings.filter { $0.artifact == Settings.artifact }.map(SeedIntegrationMapping.init))
    }
}
