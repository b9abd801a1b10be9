/// Every object type that gets its own id sequence. The raw value is the qTest
/// path segment (`test-runs`, …), which is also what the `object_type` columns of
/// `field_values`, `attachments`, `comments`, `object_links` and `fields` hold.
public enum ObjectKind: String, Sendable, CaseIterable, Codable {
    case project = "projects"
    case user = "users"
    case profile = "profiles"
    case group = "groups"
    case ldapConfig = "ldap-configs"
    case ldapUser = "ldap-users"
    case siteTemplate = "site-templates"
    case release = "releases"
    case build = "builds"
    case testCycle = "test-cycles"
    case testSuite = "test-suites"
    case testRun = "test-runs"
    case testLog = "test-logs"
    case testStepLog = "test-step-logs"
    case module = "modules"
    case testCase = "test-cases"
    case testCaseVersion = "test-case-versions"
    case testStep = "test-steps"
    case requirement = "requirements"
    case defect = "defects"
    case comment = "comments"
    case link = "links"
    case field = "fields"
    case allowedValue = "allowed-values"
    case executionStatus = "execution-statuses"
    case attachment = "attachments"
    case webhook = "webhooks"
    case job = "jobs"
    case history = "histories"
    case automationAgent = "automation-agents"
    case automationSchedule = "automation-schedules"
    case ciSetting = "ci-settings"
    case integrationConnection = "integration-connections"
    case integrationMapping = "integration-mappings"

    /// The PID prefix (`RL-`, `TC-`, …) for types that have per-project PIDs, else nil.
    public var pidPrefix: String? {
        switch self {
        case .release: "RL-"
        case .build: "BL-"
        case .testCycle: "CL-"
        case .testSuite: "TS-"
        case .testRun: "TR-"
        case .testCase: "TC-"
        case .module: "MD-"
        case .requirement: "RQ-"
        case .defect: "DF-"
        default: nil
        }
    }

    /// The first id handed out for this type on an empty database. Realistic sizes:
    /// projects continue after the vendor's sample project 108781.
    public var firstID: Int64 {
        switch self {
        case .project: 108_782
        case .user: 10_001
        case .profile: 700_001
        case .group: 800_001
        case .ldapConfig: 1_001
        case .ldapUser: 5_001
        case .siteTemplate: 2_001
        case .release: 500_001
        case .build: 510_001
        case .testCycle: 1_200_001
        case .testSuite: 2_300_001
        case .testRun: 31_000_001
        case .testLog: 86_000_001
        case .testStepLog: 99_000_001
        case .module: 6_100_001
        case .testCase: 40_000_001
        case .testCaseVersion: 52_000_001
        case .testStep: 150_000_001
        case .requirement: 9_100_001
        case .defect: 700_100_001
        case .comment: 300_001
        case .link: 400_001
        case .field: 610_001
        case .allowedValue: 900_001
        case .executionStatus: 10_001
        case .attachment: 120_001
        case .webhook: 1_001
        case .job: 2_000_001
        case .history: 60_000_001
        case .automationAgent: 3_001
        case .automationSchedule: 70_001
        case .ciSetting: 4_001
        case .integrationConnection: 5_001
        case .integrationMapping: 8_001
        }
    }

    /// The kind whose path segment (or singular qTest name, e.g. `test-case`) is `name`.
    public init?(pathSegment name: String) {
        let lower = name.lowercased()
        if let k = ObjectKind(rawValue: lower) { self = k; return }
        if let k = ObjectKind(rawValue: lower + "s") { self = k; return }
        if lower == "test-cases" || lower == "testcase" || lower == "testcases" { self = .testCase; return }
        return nil
    }
}
