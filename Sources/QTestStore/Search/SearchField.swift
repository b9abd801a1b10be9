/// What a field named in a query stands for: its type (which operators and values it takes)
/// and where its value lives.
struct SearchField: Sendable {
    /// How the field is named in messages (`'Created Date'`).
    var label: String
    var type: SearchValueType
    var source: SearchFieldSource
}

/// The type of a field's values, which decides the operators it takes and how a literal is read.
enum SearchValueType: Sendable, Equatable {
    /// Whole numbers (`actual_exe_time`).
    case integer
    /// Ids of one kind, given as an id or a PID (`'Test Case Id' = 'TC-3'`, `id = 40000001`).
    case reference(ObjectKind)
    case text
    /// ISO dates and date-times (`'Created Date' > '2021-05-07T03:15:37.652Z'`).
    case date
    /// Execution statuses, by name or id (`Status = 'Passed'`, `Status in (601, 602)`).
    case status
    /// Users, by id, username or name.
    case user
    /// A lookup field's allowed values, by label or value (`Priority = 'High'`).
    case lookup(fieldId: Int64)
    /// Numbers in a free number field.
    case number

    /// How the type reads in a message.
    var name: String {
        switch self {
        case .integer: "a whole-number field"
        case let .reference(kind): "an id or PID of \(kind.rawValue)"
        case .text: "a text field"
        case .date: "a date field"
        case .status: "an execution status field"
        case .user: "a user field"
        case .lookup: "a list field"
        case .number: "a number field"
        }
    }

    /// Whether `op` (a positive operator) applies to values of this type.
    func allows(_ op: SearchOperator) -> Bool {
        switch op {
        case .equals, .in, .isNotEmpty: true
        case .contains: self == .text || self == .status || self == .user || isLookup
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            switch self {
            case .integer, .reference, .text, .date, .number: true
            case .status, .user, .lookup: false
            }
        case .notEquals, .notContains, .isEmpty: false
        }
    }

    private var isLookup: Bool { if case .lookup = self { return true } else { return false } }
}

/// Where a field's value is read from, relative to the row of the object being matched.
indirect enum SearchFieldSource: Sendable {
    /// A column of the object's row (`nullable` columns are compared null-safely).
    case column(String, nullable: Bool)
    /// A column of the latest version of a test case (name, description, precondition).
    case versionColumn(String)
    /// A stored field value (`field_values`) of the object; test cases keep theirs on the
    /// latest version (`valueKind` `.testCaseVersion`).
    case fieldValue(fieldId: Int64, valueKind: ObjectKind)
    /// A field of the test run a log belongs to.
    case run(SearchFieldSource)
    /// Anywhere under a release (directly, or in a cycle or suite under it, at any depth).
    case underRelease
    /// Anywhere under a test cycle (directly, in a suite, or in a nested cycle).
    case underCycle
    /// `target_release_id` or `target_build_id`: a negative number is a release id (as the
    /// vendor documents), a positive one a build id, `RL-`/`BL-` PIDs either.
    case targetReleaseOrBuild
    /// Any of these holds (a test case's Automation Content: the column uploads set, or the field).
    case anyOf([SearchFieldSource])
}
