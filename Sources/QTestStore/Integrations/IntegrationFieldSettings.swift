/// One Jira field as `refreshFieldSettings` reports it (`IntegrationFieldMapVM`).
public struct IntegrationField: Sendable, Equatable {
    public var externalFieldId: String
    public var externalFieldName: String
    public var active: Bool

    /// Creates a field.
    public init(externalFieldId: String, externalFieldName: String, active: Bool) {
        self.externalFieldId = externalFieldId; self.externalFieldName = externalFieldName; self.active = active
    }
}

/// The Jira field settings `refreshFieldSettings` answers with. With no Jira to ask, the
/// emulator reports Jira's standard fields plus every field key the connection's mappings name,
/// marked active when the mapping uses it: a requirement mapping's shown fields
/// (`active_external_fields`) and grouping fields, a defect mapping's auto-filled fields.
///
/// ```swift
/// IntegrationFieldSettings.requirementFields(mapping)
/// // [{id, ID, true}, {key, Key, false}, {summary, Summary, true}, …]
/// ```
public enum IntegrationFieldSettings {
    /// Jira's own fields, by key, with the names Jira shows.
    static let standardFields: [(key: String, name: String)] = [
        ("id", "ID"), ("key", "Key"), ("summary", "Summary"), ("description", "Description"), ("status", "Status"),
        ("issuetype", "Issue Type"), ("project", "Project"), ("priority", "Priority"), ("assignee", "Assignee"),
        ("reporter", "Reporter"), ("labels", "Labels"), ("components", "Component/s"), ("fixVersions", "Fix Version/s"),
        ("environment", "Environment"), ("created", "Created"), ("updated", "Updated"),
    ]

    /// The Jira fields a defect mapping can fill: the spec allows only text fields.
    static let textFields: Set<String> = ["summary", "description", "environment"]

    /// The fields of a requirement mapping's issues.
    public static func requirementFields(_ mapping: IntegrationMappingRecord) -> [IntegrationField] {
        let shown = (mapping.activeExternalFields ?? "").split(separator: ",").map(String.init)
        let used = shown + [mapping.externalField1Id, mapping.externalField2Id].compactMap { $0 }
        return fields(standardFields.map(\.key), used: used, active: Set(shown))
    }

    /// The Jira text fields the defect mappings given can fill.
    public static func defectFields(_ mappings: [IntegrationMappingRecord]) -> [IntegrationField] {
        let filled = mappings.flatMap { $0.autoFillEntries.map(\.externalFieldId) }
        return fields(standardFields.map(\.key).filter(textFields.contains), used: filled, active: Set(filled))
    }

    /// `known`, then each `used` key not among them, once each.
    private static func fields(_ known: [String], used: [String], active: Set<String>) -> [IntegrationField] {
        var keys = known
        for key in used where !keys.contains(key) { keys.append(key) }
        return keys.map { key in
            IntegrationField(externalFieldId: key, externalFieldName: standardFields.first { $0.key == key }?.name ?? key,
                             active: active.contains(key))
        }
    }
}
