import Foundation
import HTTPServer
import QTestStore

/// Reads the IntegrationSettingsApi requests: the mapping a query names, the switches of the
/// toggle routes, and the bodies (`IntegrationConnection`, `IntegrationAutoFillMappingVM`,
/// `RequirementMapping`, `IntegrationReleaseConfigurationVM`, a list of Jira defect keys).
enum IntegrationRequestParsing {
    /// `externalProjectId` and `externalIssueTypeId`, both required: they name the mapping of a
    /// POST, PUT or DELETE.
    static func key(_ context: some RequestReading) throws -> IntegrationMappingKey {
        func required(_ name: String) throws -> String {
            guard let value = context.queryString(name), !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError.badRequest("Query parameter '\(name)' is required")
            }
            return value
        }
        return IntegrationMappingKey(externalProjectId: try required("externalProjectId"), externalTypeId: try required("externalIssueTypeId"))
    }

    /// The artifact kind of a path segment or query value (`Defect`, `requirements`, …).
    static func artifact(_ text: String?, _ name: String, allowed: [IntegrationArtifact] = IntegrationArtifact.allCases) throws
        -> IntegrationArtifact {
        guard let text else { throw APIError.badRequest("Query parameter '\(name)' is required") }
        guard let kind = IntegrationArtifact(name: text), allowed.contains(kind) else {
            throw APIError.badRequest("'\(name)' must be one of \(allowed.map(\.pluralName).joined(separator: ", ")) (got '\(text)')")
        }
        return kind
    }

    /// A switch given as `true`/`false` (any case, as the spec's `True, False`); nil when absent.
    static func flag(_ context: some RequestReading, _ name: String) throws -> Bool? {
        try context.queryBool(name)
    }

    /// `IntegrationConnection` (plus what the spec's prose names: `password` for `token`, and the
    /// OAuth `jiraToken`, `jiraSecret`, `jiraVerifier`). Its `id` is not read.
    static func connection(_ body: JSON) throws -> IntegrationConnectionDraft {
        let body = try body.requireObject()
        return IntegrationConnectionDraft(
            externalSystem: try body.optionalString("external_system"), connectionName: try body.optionalString("connection_name"),
            serverUrl: try body.optionalString("server_url"), webUrl: try body.optionalString("web_url"),
            authenticationType: try body.optionalString("authentication_type"), username: try body.optionalString("username"),
            token: try body.optionalString("token") ?? body.optionalString("password"),
            jiraToken: try body.optionalString("jiraToken"), jiraSecret: try body.optionalString("jiraSecret"),
            jiraVerifier: try body.optionalString("jiraVerifier"))
    }

    /// `IntegrationAutoFillMappingVM` of a PUT.
    static func defectSettings(_ body: JSON, key: IntegrationMappingKey) throws -> DefectMappingSettings {
        let body = try identified(body, key, typeKey: "externalTypeId")
        let configures = try body.optionalArray("configures")?.enumerated().map { index, raw -> IntegrationAutoFill in
            let at = "configures[\(index)]"
            let entry = try raw.requireObject("Field '\(at)'")
            guard let field = try entry.optionalString("externalFieldId") else { throw APIError.badRequest("Field '\(at).externalFieldId' is required") }
            guard let qTest = try entry.optionalString("qTestFieldIds") else { throw APIError.badRequest("Field '\(at).qTestFieldIds' is required") }
            return IntegrationAutoFill(externalFieldId: field, qTestFieldIds: qTest)
        }
        return DefectMappingSettings(sendAttachmentToJira: try body.optionalBool("sendAttachmentToJira"), configures: configures)
    }

    /// `RequirementMapping` of a PUT (`mapping_id` is the server's and is not read).
    static func requirementSettings(_ body: JSON, key: IntegrationMappingKey) throws -> RequirementMappingSettings {
        let body = try identified(body, key, typeKey: "externalTypeId")
        return RequirementMappingSettings(
            externalFilter: try body.optionalString("external_filter"), externalField1Id: try body.optionalString("external_field_1_id"),
            externalField2Id: try body.optionalString("external_field_2_id"),
            activeExternalFields: try body.optionalString("active_external_fields"))
    }

    /// `IntegrationReleaseConfigurationVM` of a PUT: `data_retrieval_options`, or else the options
    /// `configurationValues` sets true; `auto_update_release_scope` (or `autoUpdate`, which the
    /// model marks read-only but some clients send).
    static func releaseSettings(_ body: JSON) throws -> ReleaseMappingSettings {
        let body = try body.requireObject()
        var options = try body.optionalArray("data_retrieval_options")?.enumerated().map { index, item -> String in
            guard let text = item.stringValue else { throw APIError.badRequest("Field 'data_retrieval_options[\(index)]' must be a string") }
            return text
        }
        if options == nil, let values = try body.optionalObject("configurationValues") {
            var chosen: [String] = []
            for name in ["unreleased", "released", "active", "future", "completed"] {
                if try values.optionalBool(name) == true { chosen.append(name) }
            }
            options = chosen
        }
        let scope = try body.optionalBool("auto_update_release_scope") ?? body.optionalBool("autoUpdate")
        return ReleaseMappingSettings(autoUpdateReleaseScope: scope, dataRetrievalOptions: options)
    }

    /// The Jira defect keys of `POST …/jira-integration/defect/retrieve`: a non-empty array of
    /// non-blank strings, at most ``maxDefectKeys``.
    static func defectKeys(_ body: JSON) throws -> [String] {
        guard let items = body.arrayValue, !items.isEmpty else {
            throw APIError.badRequest("Request body must be a non-empty array of Jira defect keys")
        }
        guard items.count <= maxDefectKeys else { throw APIError.badRequest("At most \(maxDefectKeys) Jira defect keys per request") }
        return try items.enumerated().map { index, item in
            guard let key = item.scalarText, !key.trimmingCharacters(in: .whitespaces).isEmpty, key.count <= 255,
                  !key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw APIError.badRequest("Item [\(index)] must be a Jira defect key (a non-blank string)")
            }
            return key
        }
    }

    static let maxDefectKeys = 1000

    /// The body, checked to be an object whose Jira project and type, when it names them, are
    /// the query's: the spec says they "are used to identify a mapping and cannot be modified".
    private static func identified(_ body: JSON, _ key: IntegrationMappingKey, typeKey: String) throws -> JSON {
        let body = try body.requireObject()
        for (member, expected) in [("externalProjectId", key.externalProjectId), (typeKey, key.externalTypeId)] {
            if let sent = try body.optionalString(member), sent != expected {
                throw APIError.badRequest("Field '\(member)' ('\(sent)') cannot be changed: the mapping is \(key)")
            }
        }
        return body
    }
}
