/// A Jira connection of a project with its mappings (`integration_connections` of a project).
/// Credentials are kept as given; switches default to off (a new connection's state).
public struct SeedIntegrationConnection: Codable, Sendable, Equatable {
    public var id: Int64?
    /// `Jira` (the default).
    public var externalSystem: String?
    public var connectionName: String
    public var serverUrl: String
    public var webUrl: String?
    /// `Token` (the default) or `OAuth`.
    public var authenticationType: String?
    public var username: String?
    /// A `Token` connection's password or API token.
    public var token: String?
    public var jiraToken: String?
    public var jiraSecret: String?
    public var jiraVerifier: String?
    public var active: Bool?
    public var storeUnlinkedDefects: Bool?
    public var requirementIntegration: Bool?
    public var releaseIntegration: Bool?
    public var autoFilterTestRun: Bool?
    public var mergeDuplicatedFixVersions: Bool?
    /// `configures` are `{external_field_id, q_test_field_ids}`.
    public var defectMappings: [SeedIntegrationMapping<DefectMappingSettings>]?
    /// Their `id` is the `mapping_id` the API shows.
    public var requirementMappings: [SeedIntegrationMapping<RequirementMappingSettings>]?
    /// `external_type_id` `fixVersions` or `Sprint`.
    public var releaseMappings: [SeedIntegrationMapping<ReleaseMappingSettings>]?

    /// Creates a connection with what is required.
    public init(connectionName: String, serverUrl: String) {
        self.connectionName = connectionName; self.serverUrl = serverUrl
    }
}

/// A mapping of a connection: its Jira project and issue type, and the settings of its kind,
/// side by side in one object (`{"id": 1, "external_project_id": "10031", "external_type_id":
/// "10100", "send_attachment_to_jira": true}`).
public struct SeedIntegrationMapping<Settings: IntegrationMappingSettings>: Codable, Sendable, Equatable {
    public var id: Int64?
    public var externalProjectId: String
    public var externalTypeId: String
    public var settings: Settings

    /// Creates a mapping.
    public init(id: Int64? = nil, externalProjectId: String, externalTypeId: String, settings: Settings) {
        self.id = id; self.externalProjectId = externalProjectId; self.externalTypeId = externalTypeId; self.settings = settings
    }

    /// `mapping` as a fixture holds it.
    init(_ mapping: IntegrationMappingRecord) {
        self.init(id: mapping.id, externalProjectId: mapping.externalProjectId, externalTypeId: mapping.externalTypeId,
                  settings: Settings(of: mapping))
    }

    public var key: IntegrationMappingKey { IntegrationMappingKey(externalProjectId: externalProjectId, externalTypeId: externalTypeId) }

    private enum CodingKeys: String, CodingKey { case id, externalProjectId, externalTypeId }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(Int64.self, forKey: .id)
        externalProjectId = try container.decode(String.self, forKey: .externalProjectId)
        externalTypeId = try container.decode(String.self, forKey: .externalTypeId)
        settings = try Settings(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(externalProjectId, forKey: .externalProjectId)
        try container.encode(externalTypeId, forKey: .externalTypeId)
        try settings.encode(to: encoder)
    }
}
