/// A Jira connection of a project with its mappings (`integration_connections` of a project),
/// in one object: what `POST …/connections` takes (credentials kept as given), the switches
/// (one left out is off, a new connection's state) and the mappings of each kind.
public struct SeedIntegrationConnection: Codable, Sendable, Equatable {
    public var id: Int64?
    /// `connection_name` and `server_url` are required; `external_system` defaults to `Jira`,
    /// `authentication_type` to `Token`.
    public var connection: IntegrationConnectionDraft
    public var switches: IntegrationSwitches
    /// `configures` are `{external_field_id, q_test_field_ids}`.
    public var defectMappings: [SeedIntegrationMapping<DefectMappingSettings>]?
    /// Their `id` is the `mapping_id` the API shows.
    public var requirementMappings: [SeedIntegrationMapping<RequirementMappingSettings>]?
    /// `external_type_id` `fixVersions` or `Sprint`.
    public var releaseMappings: [SeedIntegrationMapping<ReleaseMappingSettings>]?

    /// Creates a connection without mappings.
    public init(id: Int64? = nil, connection: IntegrationConnectionDraft, switches: IntegrationSwitches = IntegrationSwitches()) {
        self.id = id; self.connection = connection; self.switches = switches
    }

    private enum CodingKeys: String, CodingKey {
        case id, connectionName, serverUrl, defectMappings, requirementMappings, releaseMappings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(Int64.self, forKey: .id)
        // Optional in a request (whose check names the missing field), required in a fixture.
        _ = try container.decode(String.self, forKey: .connectionName)
        _ = try container.decode(String.self, forKey: .serverUrl)
        connection = try IntegrationConnectionDraft(from: decoder)
        switches = try IntegrationSwitches(from: decoder)
        defectMappings = try container.decodeIfPresent([SeedIntegrationMapping<DefectMappingSettings>].self, forKey: .defectMappings)
        requirementMappings = try container.decodeIfPresent([SeedIntegrationMapping<RequirementMappingSettings>].self,
                                                            forKey: .requirementMappings)
        releaseMappings = try container.decodeIfPresent([SeedIntegrationMapping<ReleaseMappingSettings>].self, forKey: .releaseMappings)
    }

    public func encode(to encoder: any Encoder) throws {
        try connection.encode(to: encoder)
        try switches.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(defectMappings, forKey: .defectMappings)
        try container.encodeIfPresent(requirementMappings, forKey: .requirementMappings)
        try container.encodeIfPresent(releaseMappings, forKey: .releaseMappings)
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
