/// The object types that have field settings (`…/settings/{objectType}/fields`,
/// `/fields/{objectType}`): exactly the spec's enum. Test cycles and test logs have none.
///
/// ```swift
/// try FieldObjectType.parse("test-runs")   // .testRun
/// try FieldObjectType.parse("test-cycles") // 400 naming the valid types
/// ```
public enum FieldObjectType {
    /// In the spec's order of the path enum's description.
    public static let all: [ObjectKind] = [.release, .build, .requirement, .testCase, .testStep, .defect, .testSuite, .testRun]

    /// The kind for a path segment, or a 400 that names the valid ones.
    public static func parse(_ segment: String) throws -> ObjectKind {
        guard let kind = ObjectKind(rawValue: segment), all.contains(kind) else {
            throw StoreError.badRequest("Object type '\(segment)' has no fields. Valid values are "
                + all.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }
}

/// Whose fields: the site's (`/api/v3/fields/…`, visible in every project) or one project's.
public enum FieldScope: Sendable, Equatable {
    case site
    case project(Int64)

    /// The `project_id` column value.
    public var projectId: Int64? {
        switch self {
        case .site: nil
        case .project(let id): id
        }
    }
}
