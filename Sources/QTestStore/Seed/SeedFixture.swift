import Foundation

/// The JSON seed format (documented in `seed-data/README.md`). Keys are snake_case.
///
/// Identity, site/project fields with allowed values and execution statuses are loaded
/// by ``Seeder``. The artifact sections of a project (`releases`, `test_cycles`, …) are
/// defined here so fixtures can carry them; see ``Seeder`` for which are loaded.
///
/// ```swift
/// let fixture = try SeedFixture.decode(Data(DemoSeed.json.utf8))
/// ```
public struct SeedFixture: Codable, Sendable, Equatable {
    public var version: Int?
    public var executionStatuses: [SeedExecutionStatus]?
    public var profiles: [SeedProfile]?
    public var users: [SeedUser]?
    public var groups: [SeedGroup]?
    public var ldapConfigs: [SeedLdapConfig]?
    public var siteTemplates: [SeedSiteTemplate]?
    public var siteFields: [SeedField]?
    public var projects: [SeedProject]?
    /// Registered webhooks (loaded last, so nothing the fixture loads is sent to them).
    public var webhooks: [SeedWebhook]?

    /// An empty fixture.
    public init() {}

    /// Decodes a fixture; errors are `StoreError.badRequest("$.path: problem")`.
    public static func decode(_ data: Data) throws -> SeedFixture {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(SeedFixture.self, from: data)
        } catch let error as DecodingError {
            throw StoreError.badRequest(SeedPath.describe(error))
        } catch {
            throw StoreError.badRequest("$: invalid JSON: \(error.localizedDescription)")
        }
    }
}

/// An execution status (`{"id":601,"name":"Passed","color":"#6cbf54","is_default":false,"active":true}`).
public struct SeedExecutionStatus: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var color: String?
    public var isDefault: Bool?
    public var active: Bool?
}

/// A profile: `kind` is `admin` or `project`; `all_permissions: true` sets every flag.
public struct SeedProfile: Codable, Sendable, Equatable {
    public var id: Int64?
    public var kind: String
    public var name: String
    public var isAdmin: Bool?
    public var isReadonly: Bool?
    public var isDefault: Bool?
    public var allPermissions: Bool?
    public var permissions: [String: Bool]?
}

/// A user; `password` is plain text in the fixture and hashed when loaded.
public struct SeedUser: Codable, Sendable, Equatable {
    public var id: Int64?
    public var username: String
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    public var password: String?
    public var status: Int?
    public var siteAdmin: Bool?
    public var adminProfileId: Int64?
    /// Long-lived API tokens (never expire; also accepted as refresh tokens).
    public var apiTokens: [String]?
    public var timezoneOffset: String?
    // Export extensions: a user's stored password (salt and hash, used when `password` is
    // absent) so logins keep working without the plain text, and the external-login columns.
    public var passwordSalt: String?
    public var passwordHash: String?
    public var ldapUsername: String?
    public var externalAuthConfigId: Int64?
    public var externalUserName: String?
    /// `INTERNAL` or `LDAP`; derived from `external_auth_config_id` when absent.
    public var authenticationSystem: String?
    public var avatar: String?
}

/// A user group.
public struct SeedGroup: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var description: String?
    public var isDefault: Bool?
    public var isSystem: Bool?
    public var authorities: [String]?
    public var userIds: [Int64]?
}

/// An LDAP configuration with its directory users.
public struct SeedLdapConfig: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var url: String?
    public var base: String?
    public var baseSearch: String?
    public var searchFilter: String?
    public var username: String?
    public var isActivated: Bool?
    public var isActiveDirectory: Bool?
    // Export extensions: the remaining columns of a configuration.
    public var authType: String?
    public var isLdapSsl: Bool?
    public var mappedUsername: String?
    public var mappedEmail: String?
    public var mappedFirstname: String?
    public var mappedLastname: String?
    public var users: [SeedLdapUser]?
}

/// A directory user; `mapped_user_id` links it to a manager user.
public struct SeedLdapUser: Codable, Sendable, Equatable {
    public var id: Int64?
    public var ldapUsername: String
    public var email: String
    public var firstName: String?
    public var lastName: String?
    public var userDn: String?
    public var disabled: Bool?
    public var mappedUserId: Int64?
}

/// A registered webhook: the fields of `WebhookRequest` in snake_case, with its id and owner.
/// `project_ids` empty or holding 0: every project.
public struct SeedWebhook: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var url: String
    public var events: [String]
    public var secretKey: String?
    public var responseType: String?
    public var projectIds: [Int64]?
    public var ownerId: Int64?
}

/// A site template, applied to `project_ids`.
public struct SeedSiteTemplate: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var description: String?
    public var projectIds: [Int64]?
}

/// A field (site or project) with its allowed values.
public struct SeedField: Codable, Sendable, Equatable {
    public var id: Int64?
    /// `releases`, `builds`, `requirements`, `test-cases`, `test-steps`, `defects`, `test-suites`, `test-runs`, …
    public var objectType: String
    public var label: String
    public var attributeType: String?
    public var dataType: Int?
    public var required: Bool?
    public var constrained: Bool?
    public var order: Int?
    public var multiple: Bool?
    public var searchable: Bool?
    public var freeTextSearch: Bool?
    public var searchKey: String?
    public var systemField: Bool?
    public var originalName: String?
    public var isActive: Bool?
    public var defaultValue: String?
    public var instanceType: String?
    public var allowedValues: [SeedAllowedValue]?
}

/// An allowed value of a field.
public struct SeedAllowedValue: Codable, Sendable, Equatable {
    public var value: Int64
    public var label: String
    public var order: Int?
    public var isDefault: Bool?
    public var isActive: Bool?
    public var color: String?
}

/// A project member with an optional project profile.
public struct SeedMember: Codable, Sendable, Equatable {
    public var userId: Int64
    public var profileId: Int64?
}

/// A property value (`{"field_id": 1, "field_value": "605"}`).
public struct SeedProperty: Codable, Sendable, Equatable {
    public var fieldId: Int64
    public var fieldValue: String
}

/// A project and everything in it.
public struct SeedProject: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var description: String?
    public var startDate: String?
    public var endDate: String?
    public var statusId: Int?
    public var sample: Bool?
    public var automation: Bool?
    public var uuid: String?
    public var templateId: Int64?
    public var members: [SeedMember]?
    public var fields: [SeedField]?
    public var executionStatuses: [SeedExecutionStatus]?
    // Artifact sections (format defined; loading is added by the aggregates' owners).
    public var releases: [SeedRelease]?
    public var testCycles: [SeedTestCycle]?
    public var testSuites: [SeedTestSuite]?
    public var testRuns: [SeedTestRun]?
    public var modules: [SeedModule]?
    public var testCases: [SeedTestCase]?
    public var requirements: [SeedRequirement]?
    public var defects: [SeedDefect]?
    /// Automation agents registered in the project.
    public var automationAgents: [SeedAutomationAgent]?
    /// Jira connections with their mappings (IntegrationSettingsApi).
    public var integrationConnections: [SeedIntegrationConnection]?
    // Export extensions, loaded after every artifact they can refer to.
    /// Links other than requirement → test case and test run → defect (those have their own keys).
    public var links: [SeedLink]?
    public var comments: [SeedComment]?
    public var attachments: [SeedAttachment]?
    /// Queued jobs and their outcomes (what `queue-processing` answers).
    public var jobs: [SeedJob]?
}

/// An automation agent: `{id, name, host_id, host_name, framework, active, configuration}`.
public struct SeedAutomationAgent: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var hostId: Int64?
    public var hostName: String?
    public var framework: String
    public var active: Bool?
    /// Framework settings, kept as JSON text.
    public var configuration: [String: String]?
}

/// A release with its builds.
public struct SeedRelease: Codable, Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var description: String?
    public var note: String?
    public var startDate: String?
    public var endDate: String?
    public var properties: [SeedProperty]?
    public var builds: [SeedBuild]?
}

/// A build of a release.
public struct SeedBuild: Codable, Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var properties: [SeedProperty]?
}

/// A test cycle; `parent_type` `root` | `release` | `test-cycle`.
public struct SeedTestCycle: Codable, Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var description: String?
    public var parentType: String?
    public var parentId: Int64?
    public var targetReleaseId: Int64?
    public var targetBuildId: Int64?
}

/// A test suite; `parent_type` `root` | `release` | `test-cycle`.
public struct SeedTestSuite: Codable, Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var parentType: String?
    public var parentId: Int64?
    public var properties: [SeedProperty]?
    /// Export extension: the target release and build (the Target Release/Build field's value).
    public var targetReleaseId: Int64?
    public var targetBuildId: Int64?
}

/// A test run with its logs; `parent_type` `root` | `release` | `test-cycle` | `test-suite`.
public struct SeedTestRun: Codable, Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String?
    public var parentType: String?
    public var parentId: Int64?
    public var testCaseId: Int64
    /// Version string (`"1.0"`); default = latest.
    public var testCaseVersion: String?
    public var properties: [SeedProperty]?
    public var testLogs: [SeedTestLog]?
    // Export extensions.
    /// The run's status when it is not the one its last log set (changed through the API).
    public var statusId: Int64?
    public var automation: String?
    /// `assign_parameter_values` as JSON text.
    public var parameterValues: String?
}

/// A test log of a run.
public struct SeedTestLog: Codable, Sendable, Equatable {
    public var id: Int64?
    public var statusId: Int64
    public var exeStartDate: String
    public var exeEndDate: String
    public var note: String?
    public var testerId: Int64?
    public var stepStatusIds: [Int64]?
    // Export extensions: the rest of a log, as automation uploads write it.
    public var name: String?
    /// The case version the log ran, when not the run's (`"1.0"`).
    public var testCaseVersion: String?
    public var buildNumber: String?
    public var buildUrl: String?
    public var plannedExeTime: Int64?
    public var actualExeTime: Int64?
    /// Non-nil marks an automation log.
    public var automationContent: String?
    /// Full step logs; used instead of `step_status_ids` when given.
    public var testStepLogs: [SeedTestStepLog]?
}

/// Export extension: one step log (`test_step_id` names a step of the log's case version;
/// automation step logs may have none and are matched by position).
public struct SeedTestStepLog: Codable, Sendable, Equatable {
    public var testStepId: Int64?
    public var statusId: Int64
    public var description: String?
    public var expectedResult: String?
    public var actualResult: String?
    /// Position of a step log without a step.
    public var order: Int?
    /// Defaults to the log's `exe_end_date`.
    public var exeDate: String?
}

/// A module; `parent_id` another module or absent for root.
public struct SeedModule: Codable, Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var description: String?
    public var parentId: Int64?
    /// Export extension.
    public var shared: Bool?
}

/// A test case with its versions' common content and steps.
public struct SeedTestCase: Codable, Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var description: String?
    public var precondition: String?
    public var parentId: Int64?
    /// `"0.1"` (default), `"1.0"` (approved) …
    public var version: String?
    public var properties: [SeedProperty]?
    public var testSteps: [SeedTestStep]?
    // Export extensions. With `version_id` the case is loaded exactly: the top level is the
    // latest version (`version`, `version_id`), `versions` the earlier ones, oldest first, each
    // with its own content, and step ids are kept.
    public var versionId: Int64?
    public var versions: [SeedTestCaseVersion]?
    /// The fingerprint automation uploads find the case by (the Automation Content field).
    public var automationContent: String?
}

/// Export extension: an earlier version of a test case (`version` `"M.m"`; `M.0` is approved).
public struct SeedTestCaseVersion: Codable, Sendable, Equatable {
    public var id: Int64?
    public var version: String
    public var name: String
    public var description: String?
    public var precondition: String?
    public var properties: [SeedProperty]?
    public var testSteps: [SeedTestStep]?
}

/// A test step (order = position in the list, 1-based).
public struct SeedTestStep: Codable, Sendable, Equatable {
    public var id: Int64?
    public var description: String
    public var expected: String?
    /// A step that calls another (earlier) test case of the project.
    public var calledTestCaseId: Int64?
    // Export extensions.
    public var plainValueText: String?
    public var group: Int?
    /// Test-step field values (`test-steps` fields).
    public var properties: [SeedProperty]?
}

/// A requirement under a module.
public struct SeedRequirement: Codable, Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var parentId: Int64?
    public var properties: [SeedProperty]?
    public var linkedTestCaseIds: [Int64]?
}

/// A defect; summary/description etc. are properties.
public struct SeedDefect: Codable, Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var submitterId: Int64?
    public var properties: [SeedProperty]?
    /// Test runs (loaded earlier in the fixture) the defect is linked to.
    public var linkedTestRunIds: [Int64]?
}

/// Turns decoding errors into `$.json.path: problem` text.
enum SeedPath {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, ctx):
            return "\(render(ctx.codingPath + [key])): missing required key"
        case let .typeMismatch(type, ctx):
            return "\(render(ctx.codingPath)): expected \(typeName(type))"
        case let .valueNotFound(type, ctx):
            return "\(render(ctx.codingPath)): expected \(typeName(type)), found null"
        case let .dataCorrupted(ctx):
            return "\(render(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            return "$: \(error)"
        }
    }

    static func render(_ path: [any CodingKey]) -> String {
        var s = "$"
        for key in path {
            if let i = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == String(i) { s += "[\(i)]" } else { s += "." + snake(key.stringValue) }
        }
        return s
    }

    static func snake(_ key: String) -> String {
        var out = ""
        for c in key {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    static func typeName(_ type: Any.Type) -> String {
        if type is String.Type { return "a string" }
        if type is Int.Type || type is Int64.Type { return "an integer" }
        if type is Bool.Type { return "a boolean" }
        let n = String(describing: type)
        return n.hasPrefix("Array") ? "an array" : n.hasPrefix("Dictionary") || n.hasPrefix("Seed") ? "an object" : n
    }
}
