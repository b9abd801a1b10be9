import Foundation
import HTTPServer
import QTestStore

/// IntegrationSettingsApi, the mappings of a connection, one route group for the three kinds:
/// `…/connections/{connectionId}/defect|requirement|release/mappings` lists (GET, narrowed by
/// the optional `externalProjectId`/`externalIssueTypeId`), adds (POST, both required, no body)
/// and configures (PUT, both required, the kind's model as body) the kind's mappings, and
/// `DELETE …/{connectionId}/{artifact}/mappings` removes one (`Defect`, `Requirement` or
/// `Release`, any case, singular or plural; the lower-case singular has routes of its own).
///
/// A list answers an array of the kind's model; for defects too, where the client contract
/// names a single `IntegrationAutoFillMappingVM`: a connection has one defect mapping per Jira
/// project and issue type, and the filters are optional, so one object could not hold the
/// answer. The store's rules (``IntegrationMappings``) decide what may be mapped when.
enum IntegrationMappingRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        let base = IntegrationConnectionRoutes.base + "/{connectionId}"
        for artifact in IntegrationArtifact.allCases {
            let path = "\(base)/\(artifact.rawValue)/mappings"
            table.project("GET", path) { context in
                let connection = try context.pathID("connectionId")
                return try context.read(answering: 200) { db in
                    .array(try IntegrationMappings.list(db, projectId: context.projectID, connectionId: connection, artifact,
                                                        externalProjectId: context.queryString("externalProjectId"),
                                                        externalTypeId: context.queryString("externalIssueTypeId")).map(IntegrationWire.mapping))
                }
            }
            table.project("POST", path) { context in
                let connection = try context.pathID("connectionId")
                let key = try IntegrationRequestParsing.key(context)
                return try context.write(answering: 200) { db in
                    IntegrationWire.mapping(try IntegrationMappings.add(db, projectId: context.projectID, connectionId: connection, artifact, key,
                                                                        at: context.now))
                }
            }
            // `…/defect/mappings` is a literal path, and literal segments win over `{artifact}`
            // whatever the method: without its own DELETE, removing a `defect` mapping (the
            // spelling of the other mapping calls) would be a 405.
            table.project("DELETE", path) { context in try removing(context, artifact) }
            table.project("PUT", path) { context in
                let connection = try context.pathID("connectionId")
                let key = try IntegrationRequestParsing.key(context)
                let body = try context.jsonBody()
                return try context.write(answering: 200) { db in
                    func configure(_ settings: some IntegrationMappingSettings) throws -> IntegrationMappingRecord {
                        try IntegrationMappings.configure(db, projectId: context.projectID, connectionId: connection, key, settings,
                                                          at: context.now)
                    }
                    let mapping = switch artifact {
                    case .defect: try configure(try IntegrationRequestParsing.defectSettings(body, key: key))
                    case .requirement: try configure(try IntegrationRequestParsing.requirementSettings(body, key: key))
                    case .release: try configure(try IntegrationRequestParsing.releaseSettings(body))
                    }
                    return IntegrationWire.mapping(mapping)
                }
            }
        }
        table.project("DELETE", base + "/{artifact}/mappings") { context in
            try removing(context, try IntegrationRequestParsing.artifact(context.pathString("artifact"), "artifact"))
        }
    }

    /// Removes the mapping of the query and answers `{"message": …}`.
    private static func removing(_ context: ProjectRequest, _ artifact: IntegrationArtifact) throws -> HTTPResponse {
        let connection = try context.pathID("connectionId")
        let key = try IntegrationRequestParsing.key(context)
        try context.write { db in try IntegrationMappings.remove(db, projectId: context.projectID, connectionId: connection, artifact, key) }
        return .okMessage("The \(artifact.rawValue) mapping of \(key) was removed from Jira connection \(connection)")
    }
}
