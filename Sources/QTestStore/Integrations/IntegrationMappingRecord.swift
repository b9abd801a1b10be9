import Foundation
import GRDB

/// The artifact kind a mapping belongs to (`/defect/mappings`, `/requirement/mappings`,
/// `/release/mappings`).
public enum IntegrationArtifact: String, Codable, Sendable, CaseIterable {
    case defect, requirement, release

    /// The kind named `text` in any letter case, singular or plural: the spec names them
    /// `Defect, Requirement, Release` in the `{artifact}` of a delete and `Defects, Requirements,
    /// Releases` in the `artifact` query of `retrieve` and `refreshFieldSettings`.
    public init?(name text: String) {
        var lower = text.lowercased()
        if lower.hasSuffix("s") { lower.removeLast() }
        guard let kind = IntegrationArtifact(rawValue: lower) else { return nil }
        self = kind
    }

    /// `Defects`, `Requirements`, `Releases`: how the retrieve triggers name the kind.
    public var pluralName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() + "s" }
}

/// Which mapping of a connection a request means: the Jira project and issue type of the
/// query (`externalProjectId`, `externalIssueTypeId`), which cannot change once mapped.
public struct IntegrationMappingKey: Sendable, Equatable, CustomStringConvertible {
    public var externalProjectId: String
    public var externalTypeId: String

    /// Creates a key.
    public init(externalProjectId: String, externalTypeId: String) {
        self.externalProjectId = externalProjectId; self.externalTypeId = externalTypeId
    }

    public var description: String { "Jira project \(externalProjectId) and issue type \(externalTypeId)" }
}

/// One Jira field a defect mapping fills from qTest (`AutoFillConfigurationVM`): the Jira
/// field's id and the qTest fields, comma-separated without spaces (`"Name,Test Run URL"`).
public struct IntegrationAutoFill: Codable, Sendable, Equatable {
    public var externalFieldId: String
    public var qTestFieldIds: String

    /// Creates an entry.
    public init(externalFieldId: String, qTestFieldIds: String) {
        self.externalFieldId = externalFieldId; self.qTestFieldIds = qTestFieldIds
    }
}

/// A mapping of a connection: one Jira project and issue type for one artifact kind, with the
/// settings of that kind (the columns of the others stay nil).
public struct IntegrationMappingRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var connectionId: Int64
    public var artifact: IntegrationArtifact
    public var externalProjectId: String
    /// The Jira issue type; for release mappings `fixVersions` or `Sprint`.
    public var externalTypeId: String
    // Defect mappings.
    public var sendAttachmentToJira: Bool?
    /// `configures` as JSON text (see ``autoFill``).
    public var autoFill: String?
    // Requirement mappings.
    /// The Jira filter whose issues are imported as requirements.
    public var externalFilter: String?
    /// Jira keys of the two fields imported requirements are organized by.
    public var externalField1Id: String?
    public var externalField2Id: String?
    /// Jira keys shown on qTest's requirement page, comma-separated without spaces.
    public var activeExternalFields: String?
    // Release mappings.
    public var autoUpdateReleaseScope: Bool?
    /// Comma-separated, in ``IntegrationMappings/releaseOptions(for:)`` order.
    public var dataRetrievalOptions: String?
    public var createdDate: Date
    public var lastModifiedDate: Date

    public var key: IntegrationMappingKey { IntegrationMappingKey(externalProjectId: externalProjectId, externalTypeId: externalTypeId) }

    /// The defect mapping's auto-fill entries, in the order they were sent.
    public var autoFillEntries: [IntegrationAutoFill] {
        guard let autoFill else { return [] }
        return (try? JSONDecoder().decode([IntegrationAutoFill].self, from: Data(autoFill.utf8))) ?? []
    }

    /// The release mapping's data retrieval options.
    public var releaseOptions: [String] {
        (dataRetrievalOptions ?? "").split(separator: ",").map(String.init)
    }
}
