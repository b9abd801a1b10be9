import Foundation
import GRDB

/// A Jira connection of a project (`IntegrationConnection` in, `IntegrationConnectionVM` out):
/// where the Jira is, how qTest signs in to it, and which integration features are on.
///
/// The credentials (`token`, or the OAuth `jira_token`/`jira_secret`/`jira_verifier`) are kept
/// so that an export loads back to the same state; no answer of the API shows them.
public struct IntegrationConnectionRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    /// `Jira`, the only system qTest connects this way.
    public var externalSystem: String
    public var connectionName: String
    /// The Jira's base URL (absolute http or https).
    public var serverUrl: String
    /// The URL people open Jira at, when it differs from ``serverUrl`` (Jira Server only).
    public var webUrl: String?
    /// `Token` (username and password or API token) or `OAuth`.
    public var authenticationType: String
    public var username: String?
    /// The password or API token of `Token` connections.
    public var token: String?
    /// The OAuth request token and secret from `oauthAuthorizeURL`, and the verifier Jira showed.
    public var jiraToken: String?
    public var jiraSecret: String?
    public var jiraVerifier: String?
    /// New connections are inactive (the spec: "After created, the connection is Inactive").
    public var active: Bool
    /// "Populate unlinked Jira defects" (`PUT …/defect?storeUnlinkedDefects=`).
    public var storeUnlinkedDefects: Bool
    /// Requirement integration (`PUT …/requirement?active=`): requirement mappings need it on.
    public var requirementIntegration: Bool
    /// Release integration (`PUT …/release?active=`) and its two options.
    public var releaseIntegration: Bool
    public var autoFilterTestRun: Bool
    public var mergeDuplicatedFixVersions: Bool
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date

    /// The web URL the API shows: the one given, else the server's (a Jira Cloud site has one URL).
    public var effectiveWebUrl: String { webUrl ?? serverUrl }

    /// Whether the feature an artifact kind's mappings belong to is on. Defect mappings have no
    /// switch of their own: a connection always submits defects.
    public func isEnabled(_ artifact: IntegrationArtifact) -> Bool {
        switch artifact {
        case .defect: true
        case .requirement: requirementIntegration
        case .release: releaseIntegration
        }
    }
}

/// How a connection signs in to Jira (`authentication_type`).
public enum IntegrationAuthentication: String, Sendable, CaseIterable {
    /// A username with a password or API token.
    case token = "Token"
    /// Jira Server OAuth 1.0a: the request token and secret of `oauthAuthorizeURL`, and the verifier.
    case oauth = "OAuth"

    /// The type named `text`, in any letter case.
    public init?(name text: String) {
        guard let found = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = found
    }
}

/// Input for ``IntegrationConnections/create(_:projectId:_:by:at:)``: the connection as a client
/// sends it (or a seed fixture holds it). The store checks it (required members, URLs, the
/// credentials the type needs).
public struct IntegrationConnectionDraft: Codable, Sendable, Equatable {
    public var externalSystem: String?
    public var connectionName: String?
    public var serverUrl: String?
    public var webUrl: String?
    public var authenticationType: String?
    public var username: String?
    /// `token`, or `password` as the spec's prose calls it.
    public var token: String?
    public var jiraToken: String?
    public var jiraSecret: String?
    public var jiraVerifier: String?

    /// Creates a draft.
    public init(externalSystem: String? = "Jira", connectionName: String?, serverUrl: String?, webUrl: String? = nil,
                authenticationType: String? = "Token", username: String? = nil, token: String? = nil, jiraToken: String? = nil,
                jiraSecret: String? = nil, jiraVerifier: String? = nil) {
        self.externalSystem = externalSystem; self.connectionName = connectionName; self.serverUrl = serverUrl; self.webUrl = webUrl
        self.authenticationType = authenticationType; self.username = username; self.token = token; self.jiraToken = jiraToken
        self.jiraSecret = jiraSecret; self.jiraVerifier = jiraVerifier
    }

    /// What `connection` was created with (what an export writes).
    public init(of connection: IntegrationConnectionRecord) {
        self.init(externalSystem: connection.externalSystem, connectionName: connection.connectionName, serverUrl: connection.serverUrl,
                  webUrl: connection.webUrl, authenticationType: connection.authenticationType, username: connection.username,
                  token: connection.token, jiraToken: connection.jiraToken, jiraSecret: connection.jiraSecret,
                  jiraVerifier: connection.jiraVerifier)
    }
}

/// The switches of a connection; nil leaves one as it is (every query parameter that sets one
/// is optional in the contract but `active` of the connection itself).
public struct IntegrationSwitches: Codable, Sendable, Equatable {
    public var active: Bool?
    public var storeUnlinkedDefects: Bool?
    public var requirementIntegration: Bool?
    public var releaseIntegration: Bool?
    public var autoFilterTestRun: Bool?
    public var mergeDuplicatedFixVersions: Bool?

    /// Creates a change.
    public init(active: Bool? = nil, storeUnlinkedDefects: Bool? = nil, requirementIntegration: Bool? = nil,
                releaseIntegration: Bool? = nil, autoFilterTestRun: Bool? = nil, mergeDuplicatedFixVersions: Bool? = nil) {
        self.active = active; self.storeUnlinkedDefects = storeUnlinkedDefects; self.requirementIntegration = requirementIntegration
        self.releaseIntegration = releaseIntegration; self.autoFilterTestRun = autoFilterTestRun
        self.mergeDuplicatedFixVersions = mergeDuplicatedFixVersions
    }

    /// Every switch as `connection` has it.
    public init(of connection: IntegrationConnectionRecord) {
        self.init(active: connection.active, storeUnlinkedDefects: connection.storeUnlinkedDefects,
                  requirementIntegration: connection.requirementIntegration, releaseIntegration: connection.releaseIntegration,
                  autoFilterTestRun: connection.autoFilterTestRun, mergeDuplicatedFixVersions: connection.mergeDuplicatedFixVersions)
    }
}
