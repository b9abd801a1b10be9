import Foundation
import GRDB

/// The settings of one kind of mapping, as `PUT …/{artifact}/mappings` and seed fixtures give
/// them; nil members keep what the mapping has.
///
/// Each kind checks its own values and writes its own columns; what is the same for every kind
/// (the mapping is found by its key, its integration must be on, the change is stamped) is
/// ``IntegrationMappings/configure(_:projectId:connectionId:_:_:at:)``.
///
/// ```swift
/// try IntegrationMappings.configure(db, projectId: 108781, connectionId: 5001, key,
///     RequirementMappingSettings(externalFilter: "10200"), at: now)
/// ```
public protocol IntegrationMappingSettings: Codable, Sendable, Equatable {
    /// The kind of mapping these settings are for.
    static var artifact: IntegrationArtifact { get }
    /// The settings `mapping` has now (what an export writes).
    init(of mapping: IntegrationMappingRecord)
    /// Checks the settings and writes them into `mapping`; 400 for a value its kind does not take.
    func apply(to mapping: inout IntegrationMappingRecord, _ db: Database) throws
}

/// A defect mapping's settings (`IntegrationAutoFillMappingVM` of `PUT …/defect/mappings`).
public struct DefectMappingSettings: IntegrationMappingSettings {
    public static let artifact = IntegrationArtifact.defect
    public var sendAttachmentToJira: Bool?
    public var configures: [IntegrationAutoFill]?

    /// Creates settings.
    public init(sendAttachmentToJira: Bool? = nil, configures: [IntegrationAutoFill]? = nil) {
        self.sendAttachmentToJira = sendAttachmentToJira; self.configures = configures
    }

    public init(of mapping: IntegrationMappingRecord) {
        self.init(sendAttachmentToJira: mapping.sendAttachmentToJira, configures: mapping.autoFillEntries)
    }

    /// Each auto-fill entry names a Jira field once, and qTest fields by the names the spec
    /// lists (``IntegrationMappings/autoFillFieldNames``) or by the id of a test-run or
    /// test-case field of the project; anything else is a 400.
    public func apply(to mapping: inout IntegrationMappingRecord, _ db: Database) throws {
        if let v = sendAttachmentToJira { mapping.sendAttachmentToJira = v }
        if let entries = configures {
            var seen = Set<String>()
            for (index, entry) in entries.enumerated() {
                let at = "configures[\(index)]"
                let field = entry.externalFieldId
                _ = try IntegrationChecks.jiraKey(field, "\(at).externalFieldId")
                guard seen.insert(field).inserted else { throw StoreError.badRequest("Field '\(at).externalFieldId': Jira field '\(field)' is configured twice") }
                try IntegrationMappings.checkAutoFill(db, projectId: mapping.projectId, entry.qTestFieldIds, "\(at).qTestFieldIds")
            }
            mapping.autoFill = try StoredJSON.text(entries)
        }
    }
}

/// A requirement mapping's settings (`RequirementMapping` of `PUT …/requirement/mappings`).
public struct RequirementMappingSettings: IntegrationMappingSettings {
    public static let artifact = IntegrationArtifact.requirement
    public var externalFilter: String?
    public var externalField1Id: String?
    public var externalField2Id: String?
    public var activeExternalFields: String?

    /// Creates settings.
    public init(externalFilter: String? = nil, externalField1Id: String? = nil, externalField2Id: String? = nil,
                activeExternalFields: String? = nil) {
        self.externalFilter = externalFilter; self.externalField1Id = externalField1Id; self.externalField2Id = externalField2Id
        self.activeExternalFields = activeExternalFields
    }

    public init(of mapping: IntegrationMappingRecord) {
        self.init(externalFilter: mapping.externalFilter, externalField1Id: mapping.externalField1Id,
                  externalField2Id: mapping.externalField2Id, activeExternalFields: mapping.activeExternalFields)
    }

    /// The filter is any text; the fields are Jira keys, `active_external_fields` a list of them.
    public func apply(to mapping: inout IntegrationMappingRecord, _ db: Database) throws {
        if let v = try IntegrationChecks.optional(externalFilter, "external_filter") { mapping.externalFilter = v }
        if let v = try IntegrationChecks.jiraKey(externalField1Id, "external_field_1_id") { mapping.externalField1Id = v }
        if let v = try IntegrationChecks.jiraKey(externalField2Id, "external_field_2_id") { mapping.externalField2Id = v }
        if let v = try IntegrationChecks.jiraKeyList(activeExternalFields, "active_external_fields") { mapping.activeExternalFields = v }
    }
}

/// A release mapping's settings (`IntegrationReleaseConfigurationVM` of `PUT …/release/mappings`).
public struct ReleaseMappingSettings: IntegrationMappingSettings {
    public static let artifact = IntegrationArtifact.release
    public var autoUpdateReleaseScope: Bool?
    /// Options by name; checked against the mapping's type.
    public var dataRetrievalOptions: [String]?

    /// Creates settings.
    public init(autoUpdateReleaseScope: Bool? = nil, dataRetrievalOptions: [String]? = nil) {
        self.autoUpdateReleaseScope = autoUpdateReleaseScope; self.dataRetrievalOptions = dataRetrievalOptions
    }

    public init(of mapping: IntegrationMappingRecord) {
        self.init(autoUpdateReleaseScope: mapping.autoUpdateReleaseScope, dataRetrievalOptions: mapping.releaseOptions)
    }

    /// An option its type has not (``IntegrationMappings/releaseOptions(for:)``) is a 400;
    /// options are kept in that order, once each.
    public func apply(to mapping: inout IntegrationMappingRecord, _ db: Database) throws {
        if let v = autoUpdateReleaseScope { mapping.autoUpdateReleaseScope = v }
        if let options = dataRetrievalOptions {
            let valid = try IntegrationMappings.releaseOptions(for: mapping.externalTypeId)
            for option in options where !valid.contains(option) {
                throw StoreError.badRequest("Field 'data_retrieval_options': '\(option)' is not an option of \(mapping.externalTypeId) "
                    + "mappings (\(valid.joined(separator: ", ")))")
            }
            mapping.dataRetrievalOptions = valid.filter(options.contains).joined(separator: ",")
        }
    }
}
