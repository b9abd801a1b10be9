import Foundation
import QTestStore

/// The IntegrationSettingsApi models, keys in the contract's order. qTest writes the models'
/// yes/no settings as the strings `"true"`/`"false"` (`sendAttachmentToJira`,
/// `auto_update_release_scope`, the new connection's `status`) and its switches as booleans.
enum IntegrationWire {
    /// `IntegrationConnectionVM`: never the credentials.
    static func connection(_ c: IntegrationConnectionRecord) -> JSON {
        [
            "id": .int(c.id),
            "external_system": .string(c.externalSystem),
            "connection_name": .string(c.connectionName),
            "server_url": .string(c.serverUrl),
            "web_url": .string(c.effectiveWebUrl),
            "active": .bool(c.active),
        ]
    }

    /// `NewIntegrationConnectionInfo`: the new id, and `status` `"false"` (a new connection is inactive).
    static func created(_ c: IntegrationConnectionRecord) -> JSON {
        ["connection_id": .int(c.id), "status": .string(String(c.active))]
    }

    /// The model of a mapping of its kind.
    static func mapping(_ m: IntegrationMappingRecord) -> JSON {
        switch m.artifact {
        case .defect: defectMapping(m)
        case .requirement: requirementMapping(m)
        case .release: releaseMapping(m)
        }
    }

    /// `IntegrationAutoFillMappingVM`.
    static func defectMapping(_ m: IntegrationMappingRecord) -> JSON {
        [
            "externalProjectId": .string(m.externalProjectId),
            "externalTypeId": .string(m.externalTypeId),
            "sendAttachmentToJira": .string(String(m.sendAttachmentToJira ?? false)),
            "configures": .array(m.autoFillEntries.map { ["externalFieldId": .string($0.externalFieldId), "qTestFieldIds": .string($0.qTestFieldIds)] }),
        ]
    }

    /// `RequirementMapping`; `mapping_id` is what `refreshFieldSettings?mappingId=` takes.
    static func requirementMapping(_ m: IntegrationMappingRecord) -> JSON {
        [
            "externalProjectId": .string(m.externalProjectId),
            "externalTypeId": .string(m.externalTypeId),
            "mapping_id": .int(m.id),
            "external_filter": .optional(m.externalFilter),
            "external_field_1_id": .optional(m.externalField1Id),
            "external_field_2_id": .optional(m.externalField2Id),
            "active_external_fields": .optional(m.activeExternalFields),
        ]
    }

    /// `IntegrationReleaseMappingResponse`.
    static func releaseMapping(_ m: IntegrationMappingRecord) -> JSON {
        [
            "externalProjectId": .string(m.externalProjectId),
            "externalIssueTypeId": .string(m.externalTypeId),
            "auto_update_release_scope": .string(String(m.autoUpdateReleaseScope ?? false)),
            "data_retrieval_options": .array(m.releaseOptions.map(JSON.string)),
        ]
    }

    /// `IntegrationFieldMapVM`.
    static func field(_ f: IntegrationField) -> JSON {
        ["externalFieldId": .string(f.externalFieldId), "externalFieldName": .string(f.externalFieldName), "active": .bool(f.active)]
    }

    /// `TokenSecretVerifierHolder`: a Jira Server OAuth 1.0a request token and secret, and the
    /// page of that Jira where a user authorizes it (and is shown the verifier).
    static func authorization(server: String, token: String, secret: String) -> JSON {
        var base = server
        while base.hasSuffix("/") { base.removeLast() }
        let query = token.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? token
        return [
            "jiraToken": .string(token),
            "jiraSecret": .string(secret),
            "authorizeUrl": .string("\(base)/plugins/servlet/oauth/authorize?oauth_token=\(query)"),
        ]
    }
}
