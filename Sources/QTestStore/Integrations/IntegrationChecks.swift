import Foundation

/// The value checks of connections and mappings: URLs, names, Jira keys. Each failure is a 400
/// that names the field.
///
/// ```swift
/// try IntegrationChecks.url("https://example.atlassian.net", "server_url")  // "https://example.atlassian.net"
/// try IntegrationChecks.url("example.atlassian.net", "server_url")          // 400
/// ```
public enum IntegrationChecks {
    /// The longest URL, name or Jira id kept.
    public static let maxURLLength = 2000
    public static let maxTextLength = 255

    /// An absolute `http` or `https` URL with a host, without whitespace or control characters;
    /// returned as sent.
    public static func url(_ value: String?, _ field: String) throws -> String {
        let text = try required(value, field, max: maxURLLength)
        guard !text.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) || $0.properties.generalCategory == .control }),
              let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = parts.host, !host.isEmpty else {
            throw StoreError.badRequest("Field '\(field)' must be an absolute http or https URL (got '\(text)')")
        }
        return text
    }

    /// A non-blank text of at most `max` characters without control characters.
    public static func required(_ value: String?, _ field: String, max: Int = maxTextLength) throws -> String {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.badRequest("Field '\(field)' is required")
        }
        return try optional(value, field, max: max) ?? value
    }

    /// nil, or a text of at most `max` characters without control characters.
    public static func optional(_ value: String?, _ field: String, max: Int = maxTextLength) throws -> String? {
        guard let value else { return nil }
        guard value.count <= max else { throw StoreError.badRequest("Field '\(field)' must be at most \(max) characters") }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw StoreError.badRequest("Field '\(field)' must not contain control characters")
        }
        return value
    }

    /// One Jira field key (`summary`, `customfield_10021`): non-blank, no spaces or commas.
    static func jiraKey(_ value: String?, _ field: String) throws -> String? {
        guard let value = try optional(value, field) else { return nil }
        guard !value.isEmpty, !value.contains(","), !value.unicodeScalars.contains(where: CharacterSet.whitespaces.contains) else {
            throw StoreError.badRequest("Field '\(field)' must be one Jira field key (got '\(value)')")
        }
        return value
    }

    /// Jira field keys "separated by comma without a following space" (`id,status,summary`), as
    /// the spec asks; empty entries and spaces are refused.
    static func jiraKeyList(_ value: String?, _ field: String) throws -> String? {
        guard let value = try optional(value, field, max: maxURLLength) else { return nil }
        guard !value.isEmpty else { return value }
        for key in value.split(separator: ",", omittingEmptySubsequences: false) {
            guard !key.isEmpty, !key.unicodeScalars.contains(where: CharacterSet.whitespaces.contains) else {
                throw StoreError.badRequest("Field '\(field)' must list Jira field keys separated by commas without spaces (got '\(value)')")
            }
        }
        return value
    }
}
