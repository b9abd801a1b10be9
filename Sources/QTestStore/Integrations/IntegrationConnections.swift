import Foundation
import GRDB

/// Store operations on a project's Jira connections.
///
/// ```swift
/// let connection = try IntegrationConnections.create(db, projectId: 108781,
///     IntegrationConnectionDraft(connectionName: "Jira", serverUrl: "https://example.atlassian.net",
///                                username: "me@example.com", token: "api-token"), by: userId, at: now)
/// try IntegrationConnections.change(db, projectId: 108781, connection.id, IntegrationSwitches(active: true), at: now)
/// ```
public enum IntegrationConnections {
    /// The connections of `projectId`, oldest first.
    public static func list(_ db: Database, projectId: Int64) throws -> [IntegrationConnectionRecord] {
        try IntegrationConnectionRecord.fetchAll(db, sql: "SELECT * FROM integration_connections WHERE project_id = ? ORDER BY id",
                                                 arguments: [projectId])
    }

    /// Connection `id` of `projectId`; 404 otherwise (one of another project too).
    public static func get(_ db: Database, projectId: Int64, _ id: Int64) throws -> IntegrationConnectionRecord {
        try IntegrationConnectionRecord.get(db, projectId: projectId, id)
    }

    /// Adds a connection, inactive (`id` given by a fixture is kept). What the spec marks
    /// required must be there: `external_system` (`Jira`), `connection_name`, `server_url`,
    /// `authentication_type` (`Token` or `OAuth`); a `Token` connection needs its password or API
    /// token, an `OAuth` one the `jiraToken`, `jiraSecret` and `jiraVerifier` the authorize step
    /// gave. URLs must be absolute http(s).
    public static func create(_ db: Database, projectId: Int64, _ draft: IntegrationConnectionDraft, id: Int64? = nil,
                              by userId: Int64?, at now: Date) throws -> IntegrationConnectionRecord {
        let system = try IntegrationChecks.required(draft.externalSystem, "external_system")
        guard system.lowercased() == "jira" else { throw StoreError.badRequest("Field 'external_system' must be Jira (got '\(system)')") }
        let name = try IntegrationChecks.required(draft.connectionName, "connection_name")
        let server = try IntegrationChecks.url(draft.serverUrl, "server_url")
        let web = try draft.webUrl.map { try IntegrationChecks.url($0, "web_url") }
        let typeName = try IntegrationChecks.required(draft.authenticationType, "authentication_type")
        guard let type = IntegrationAuthentication(name: typeName) else {
            throw StoreError.badRequest("Field 'authentication_type' must be Token or OAuth (got '\(typeName)')")
        }
        let username = try IntegrationChecks.optional(draft.username, "username")
        var record = IntegrationConnectionRecord(
            id: 0, projectId: projectId, externalSystem: "Jira", connectionName: name, serverUrl: server, webUrl: web,
            authenticationType: type.rawValue, username: username, token: nil, jiraToken: nil, jiraSecret: nil, jiraVerifier: nil,
            active: false, storeUnlinkedDefects: false, requirementIntegration: false, releaseIntegration: false,
            autoFilterTestRun: false, mergeDuplicatedFixVersions: false, creatorId: userId, createdDate: now, lastModifiedDate: now)
        switch type {
        case .token:
            _ = try IntegrationChecks.required(username, "username")
            record.token = try IntegrationChecks.required(draft.token, "password", max: IntegrationChecks.maxURLLength)
        case .oauth:
            record.jiraToken = try IntegrationChecks.required(draft.jiraToken, "jiraToken")
            record.jiraSecret = try IntegrationChecks.required(draft.jiraSecret, "jiraSecret", max: IntegrationChecks.maxURLLength)
            record.jiraVerifier = try IntegrationChecks.required(draft.jiraVerifier, "jiraVerifier")
        }
        if let id, try IntegrationConnectionRecord.exists(db, key: id) { throw StoreError.badRequest("Jira connection \(id) already exists") }
        record.id = try IDs.use(db, .integrationConnection, id)
        try record.insert(db)
        return record
    }

    /// Sets the switches `change` names on connection `id`; 404 for an unknown connection.
    @discardableResult
    public static func change(_ db: Database, projectId: Int64, _ id: Int64, _ change: IntegrationSwitches, at now: Date) throws
        -> IntegrationConnectionRecord {
        var record = try get(db, projectId: projectId, id)
        if let v = change.active { record.active = v }
        if let v = change.storeUnlinkedDefects { record.storeUnlinkedDefects = v }
        if let v = change.requirementIntegration { record.requirementIntegration = v }
        if let v = change.releaseIntegration { record.releaseIntegration = v }
        if let v = change.autoFilterTestRun { record.autoFilterTestRun = v }
        if let v = change.mergeDuplicatedFixVersions { record.mergeDuplicatedFixVersions = v }
        try record.update(db, modifiedAt: now)
        return record
    }

    /// Deletes connection `id` and (by cascade) its mappings; 404 for an unknown connection.
    /// Jobs it started stay: `queue-processing` still answers for them.
    public static func delete(_ db: Database, projectId: Int64, _ id: Int64) throws {
        _ = try get(db, projectId: projectId, id)
        try db.execute(sql: "DELETE FROM integration_connections WHERE id = ?", arguments: [id])
    }

    /// Connection `id`, checked able to retrieve `artifact` from Jira: it must be active, and
    /// requirements and releases need their integration switched on (400 otherwise).
    public static func retrievable(_ db: Database, projectId: Int64, _ id: Int64, _ artifact: IntegrationArtifact) throws
        -> IntegrationConnectionRecord {
        let connection = try get(db, projectId: projectId, id)
        guard connection.active else {
            throw StoreError.badRequest("Jira connection \(id) is inactive: activate it (PUT …/connections/\(id)?active=true) before retrieving data")
        }
        guard connection.isEnabled(artifact) else {
            throw StoreError.badRequest("\(artifact.rawValue.capitalized) integration is disabled for Jira connection \(id)")
        }
        return connection
    }
}
