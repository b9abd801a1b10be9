import Foundation
import GRDB

/// Store operations on the mappings of a Jira connection, one Jira project and issue type per
/// mapping and artifact kind.
///
/// Rules (qTest's settings page, where a mapping can only be configured in an integration that
/// is switched on): requirement and release mappings can be added and changed only while
/// requirement or release integration is on (400 otherwise); switching it off keeps them, and
/// they can still be read and removed. Defect mappings have no switch. A connection need not be
/// active to be configured: new connections are inactive, and are set up before they are
/// activated.
///
/// ```swift
/// let key = IntegrationMappingKey(externalProjectId: "10031", externalTypeId: "10100")
/// try IntegrationMappings.add(db, projectId: 108781, connectionId: 5001, .defect, key, at: now)
/// try IntegrationMappings.configure(db, projectId: 108781, connectionId: 5001, key,
///     DefectMappingSettings(sendAttachmentToJira: true), at: now)
/// ```
public enum IntegrationMappings {
    /// The mappings of one kind of connection `connectionId`, oldest first, narrowed to a Jira
    /// project and issue type when given; 404 for an unknown connection.
    public static func list(_ db: Database, projectId: Int64, connectionId: Int64, _ artifact: IntegrationArtifact,
                            externalProjectId: String? = nil, externalTypeId: String? = nil) throws -> [IntegrationMappingRecord] {
        _ = try IntegrationConnections.get(db, projectId: projectId, connectionId)
        return try IntegrationMappingRecord.fetchAll(db, sql: """
            SELECT * FROM integration_mappings WHERE connection_id = ? AND artifact = ?
            AND (?3 IS NULL OR external_project_id = ?3) AND (?4 IS NULL OR external_type_id = ?4) ORDER BY id
            """, arguments: [connectionId, artifact.rawValue, externalProjectId, externalTypeId])
    }

    /// Every mapping of `connectionId`, by kind then age (for exports).
    public static func all(_ db: Database, connectionId: Int64) throws -> [IntegrationMappingRecord] {
        try IntegrationMappingRecord.fetchAll(db, sql: "SELECT * FROM integration_mappings WHERE connection_id = ? ORDER BY id",
                                              arguments: [connectionId])
    }

    /// The mapping of `key`; 404 for an unknown connection or mapping.
    public static func get(_ db: Database, projectId: Int64, connectionId: Int64, _ artifact: IntegrationArtifact,
                           _ key: IntegrationMappingKey) throws -> IntegrationMappingRecord {
        guard let mapping = try list(db, projectId: projectId, connectionId: connectionId, artifact,
                                     externalProjectId: key.externalProjectId, externalTypeId: key.externalTypeId).first else {
            throw StoreError.notFound("Jira connection \(connectionId) has no \(artifact.rawValue) mapping for \(key)")
        }
        return mapping
    }

    /// Mapping `id` of kind `artifact` on `connectionId` (`refreshFieldSettings?mappingId=`); 404 otherwise.
    public static func get(_ db: Database, projectId: Int64, connectionId: Int64, _ artifact: IntegrationArtifact, id: Int64) throws
        -> IntegrationMappingRecord {
        _ = try IntegrationConnections.get(db, projectId: projectId, connectionId)
        guard let mapping = try IntegrationMappingRecord.find(db, projectId: projectId, id), mapping.connectionId == connectionId,
              mapping.artifact == artifact else {
            throw StoreError.notFound("Jira connection \(connectionId) has no \(artifact.rawValue) mapping \(id)")
        }
        return mapping
    }

    /// Adds a mapping with the kind's defaults: no attachments sent and no auto-fill for
    /// defects; the filter and grouping fields unset and `id,status,summary,description` shown
    /// for requirements; every option of the type and no automatic scope update for releases.
    /// A release mapping's type is `fixVersions` or `Sprint` (case-sensitive). The same Jira
    /// project and type twice is a 400.
    @discardableResult
    public static func add(_ db: Database, projectId: Int64, connectionId: Int64, _ artifact: IntegrationArtifact,
                           _ key: IntegrationMappingKey, id: Int64? = nil, at now: Date) throws -> IntegrationMappingRecord {
        let connection = try IntegrationConnections.get(db, projectId: projectId, connectionId)
        try checkEnabled(connection, artifact)
        let key = try checked(key, artifact)
        if try !list(db, projectId: projectId, connectionId: connectionId, artifact, externalProjectId: key.externalProjectId,
                     externalTypeId: key.externalTypeId).isEmpty {
            throw StoreError.badRequest("Jira connection \(connectionId) already has a \(artifact.rawValue) mapping for \(key)")
        }
        if let id, try IntegrationMappingRecord.exists(db, key: id) { throw StoreError.badRequest("Jira mapping \(id) already exists") }
        var record = IntegrationMappingRecord(
            id: try IDs.use(db, .integrationMapping, id), projectId: projectId, connectionId: connectionId, artifact: artifact,
            externalProjectId: key.externalProjectId, externalTypeId: key.externalTypeId, createdDate: now, lastModifiedDate: now)
        switch artifact {
        case .defect:
            record.sendAttachmentToJira = false
            record.autoFill = "[]"
        case .requirement:
            record.activeExternalFields = defaultActiveExternalFields
        case .release:
            record.autoUpdateReleaseScope = false
            record.dataRetrievalOptions = try releaseOptions(for: key.externalTypeId).joined(separator: ",")
        }
        try record.insert(db)
        return record
    }

    /// Changes a mapping's settings; 404 for an unknown one, 400 while its integration is off
    /// (requirement and release mappings; defect mappings have no switch) and for a value its
    /// kind does not take (``IntegrationMappingSettings/apply(to:_:)``).
    @discardableResult
    public static func configure<Settings: IntegrationMappingSettings>(_ db: Database, projectId: Int64, connectionId: Int64,
                                                                       _ key: IntegrationMappingKey, _ settings: Settings,
                                                                       at now: Date) throws -> IntegrationMappingRecord {
        try checkEnabled(try IntegrationConnections.get(db, projectId: projectId, connectionId), Settings.artifact)
        var mapping = try get(db, projectId: projectId, connectionId: connectionId, Settings.artifact, key)
        try settings.apply(to: &mapping, db)
        return try save(db, &mapping, at: now)
    }

    /// Removes the mapping of `key`; 404 for an unknown connection or mapping.
    public static func remove(_ db: Database, projectId: Int64, connectionId: Int64, _ artifact: IntegrationArtifact,
                              _ key: IntegrationMappingKey) throws {
        let mapping = try get(db, projectId: projectId, connectionId: connectionId, artifact, key)
        try db.execute(sql: "DELETE FROM integration_mappings WHERE id = ?", arguments: [mapping.id])
    }

    // MARK: Rules

    /// What new requirement mappings show of their Jira issues (the spec's example).
    public static let defaultActiveExternalFields = "id,status,summary,description"

    /// The qTest fields a defect mapping may fill Jira fields from, by these names exactly (the
    /// spec: "use these field names exactly as mentioned below instead of their IDs").
    public static let autoFillFieldNames: [String] = [
        "Assigned To", "Description", "Environment", "Execution Type", "Planned End", "Planned Start", "Submitter",
        "Target Release/Build", "Test Case Version", "Test Data Source", "Name", "Precondition", "Test Case Description",
        "Session URL", "Session Description", "Session Environment", "Test Run URL",
    ]

    /// The data retrieval options of a release mapping's type: `released`, `unreleased` for
    /// `fixVersions`; `active`, `future`, `completed` for `Sprint` (case-sensitive, as the spec
    /// says). Any other type is a 400.
    public static func releaseOptions(for type: String) throws -> [String] {
        switch type {
        case "fixVersions": return ["released", "unreleased"]
        case "Sprint": return ["active", "future", "completed"]
        default: throw StoreError.badRequest("Query parameter 'externalIssueTypeId' of a release mapping must be fixVersions or Sprint (got '\(type)')")
        }
    }

    private static func checkEnabled(_ connection: IntegrationConnectionRecord, _ artifact: IntegrationArtifact) throws {
        guard connection.isEnabled(artifact) else {
            throw StoreError.badRequest("\(artifact.rawValue.capitalized) integration is disabled for Jira connection \(connection.id): "
                + "enable it (PUT …/connections/\(connection.id)/\(artifact.rawValue)?active=true) before configuring its mappings")
        }
    }

    private static func checked(_ key: IntegrationMappingKey, _ artifact: IntegrationArtifact) throws -> IntegrationMappingKey {
        let project = try IntegrationChecks.required(key.externalProjectId, "externalProjectId")
        let type = try IntegrationChecks.required(key.externalTypeId, "externalIssueTypeId")
        if artifact == .release { _ = try releaseOptions(for: type) }
        return IntegrationMappingKey(externalProjectId: project, externalTypeId: type)
    }

    /// `qTestFieldIds`: entries separated by commas without a following space, each an
    /// ``autoFillFieldNames`` name or the id of a test-run or test-case field of the project.
    static func checkAutoFill(_ db: Database, projectId: Int64, _ text: String, _ field: String) throws {
        for entry in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            if autoFillFieldNames.contains(entry) { continue }
            if let id = Int64(entry), let qField = try Fields.find(db, id), qField.projectId == projectId || qField.projectId == nil,
               ["test-runs", "test-cases"].contains(qField.objectType) { continue }
            throw StoreError.badRequest("Field '\(field)': '\(entry)' is not a qTest field that fills Jira fields; use the id of a "
                + "test-run or test-case field of the project or one of: \(autoFillFieldNames.joined(separator: ", ")) "
                + "(separated by commas without spaces)")
        }
    }

    private static func save(_ db: Database, _ mapping: inout IntegrationMappingRecord, at now: Date) throws -> IntegrationMappingRecord {
        try mapping.update(db, modifiedAt: now)
        return mapping
    }
}
