/// The object types `POST …/search` answers for (the vendor's `object_type` values), with the
/// table each one is read from.
public enum SearchObjectType: String, Sendable, CaseIterable {
    case releases
    case builds
    case requirements
    case testCases = "test-cases"
    case testRuns = "test-runs"
    case testSuites = "test-suites"
    case testCycles = "test-cycles"
    case testLogs = "test-logs"
    case defects

    /// Reads a wire `object_type` in any letter case (`Test-Cases`, ` test-runs `); nil for
    /// anything else.
    public init?(wire: String) {
        self.init(rawValue: wire.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The valid values, for a message that lists them.
    public static var valid: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The store's kind of the objects found.
    public var objectKind: ObjectKind {
        switch self {
        case .releases: .release
        case .builds: .build
        case .requirements: .requirement
        case .testCases: .testCase
        case .testRuns: .testRun
        case .testSuites: .testSuite
        case .testCycles: .testCycle
        case .testLogs: .testLog
        case .defects: .defect
        }
    }

    /// The table the objects live in.
    var table: String {
        switch self {
        case .releases: "releases"
        case .builds: "builds"
        case .requirements: "requirements"
        case .testCases: "test_cases"
        case .testRuns: "test_runs"
        case .testSuites: "test_suites"
        case .testCycles: "test_cycles"
        case .testLogs: "test_logs"
        case .defects: "defects"
        }
    }

    /// Whose custom fields a query may name: a log shows (and is searched by) its run's
    /// properties; everything else has fields of its own type.
    var fieldKind: ObjectKind { self == .testLogs ? .testRun : objectKind }
}
