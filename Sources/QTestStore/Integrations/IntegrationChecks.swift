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

    /// An absolute `http` or `https` URL with a host (and a numeric port, if any), without
    /// whitespace or control characters; returned as sent.
    ///
    /// Read by hand rather than with `URLComponents`, whose first use costs a debug build tens of
    /// milliseconds: the demo seed's connection is checked at every start.
    public static func url(_ value: String?, _ field: String) throws -> String {
        let text = try required(value, field, max: maxURLLength)
        guard !text.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) || $0.properties.generalCategory == .control }),
              let separator = text.range(of: "://"), ["http", "https"].contains(text[..<separator.lowerBound].lowercased()),
              hasHost(text[separator.upperBound...].prefix { !"/?#".contains($0) }) else {
            throw StoreError.badRequest("Field '\(field)' must be an absolute http or https URL (got '\(text)')")
        }
        return text
    }

    /// Whether a URL authority (`user@host:port`, `[::1]:8080`) names a host, with digits after
    /// its port's colon.
    private static func hasHost(_ authority: Substring) -> Bool {
        let hostPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        var host = hostPort, port: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { return false }
            host = hostPort[...close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty { guard after.hasPrefix(":") else { return false }; port = after.dropFirst() }
        } else if let colon = hostPort.firstIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        guard !host.isEmpty, host != "[]" else { return false }
        return port.map { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) } ?? true
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
