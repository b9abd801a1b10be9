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
    public var defectMappings: [SeedDefectMapping]?
    public var requirementMappings: [SeedRequirementMapping]?
    public var releaseMappings: [SeedReleaseMapping]?

    /// Creates a connection with what is required.
    public init(connectionName: String, serverUrl: String) {
        self.connectionName = connectionName; self.serverUrl = serverUrl
    }
}

/// A defect mapping: `configures` are `{external_field_id, q_test_field_ids}`.
public struct SeedDefectMapping: Codable, Sendable, Equatable {
    public var id: Int64?
    public var externalProjectId: String
    public var externalTypeId: String
    public var sendAttachmentToJira: Bool?
    public var configures: [IntegrationAutoFill]?
}

/// A requirement mapping (its `id` is the `mapping_id` the API shows).
public struct SeedRequirementMapping: Codable, Sendable, Equatable {
    public var id: Int64?
    public var externalProjectId: String
    public var externalTypeId: String
    public var externalFilter: String?
    public var externalField1Id: String?
    public var externalField2Id: String?
    public var activeExternalFields: String?
}

/// A release mapping: `external_type_id` `fixVersions` or `Sprint`.
public struct SeedReleaseMapping: Codable, Sendable, Equatable {
    public var id: Int64?
    public var externalProjectId: String
    public var externalTypeId: String
    public var autoUpdateReleaseScope: Bool?
    public var dataRetrievalOptions: [String]?
}
