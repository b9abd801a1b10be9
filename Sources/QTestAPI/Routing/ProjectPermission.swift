import HTTPServer

/// The project-profile flag a write route needs (`test_run.create`, `defect.submit`, …), worked
/// out once from the route's method and pattern when it is registered.
///
/// Deriving it from the path, instead of asking each handler to check, means a new write route
/// under `/projects/{projectId}/` is guarded the moment it is added; a test walks every write
/// route as a read-only member and expects 403 from each.
///
/// ```swift
/// ProjectPermission.required(method: "POST", pattern: "/api/v3/projects/{projectId}/releases")
/// // → .flag("release.create")
/// ```
enum ProjectPermission: Sendable, Equatable {
    /// A fixed `area.action` flag.
    case flag(String)
    /// `area.action` where the area comes from the `{objectType}` path segment (object links).
    case objectType(action: String)

    /// The flag to check for this request (nil when the object type is unknown: the handler
    /// answers that with its own 400).
    func flag(for request: HTTPRequest) -> String? {
        switch self {
        case let .flag(flag): return flag
        case let .objectType(action):
            guard let area = Self.area(ofSegment: request.pathParameters["objectType"] ?? "") else { return nil }
            return area + "." + action
        }
    }

    /// The permission for a route, nil for reads and for routes outside a project. A GET that
    /// starts work counts as a write: `…/settings/integration/connections/{id}/retrieve` queues a
    /// Jira retrieval, which only project admins may start.
    static func required(method: String, pattern: String) -> ProjectPermission? {
        let isTrigger = method == "GET" && pattern.hasSuffix("/settings/integration/connections/{connectionId}/retrieve")
        guard isTrigger || (method != "GET" && method != "HEAD") else { return nil }
        let segments = pattern.split(separator: "/").map(String.init)
        guard let project = segments.firstIndex(of: "{projectId}"), segments.indices.contains(project - 1),
              segments[project - 1] == "projects" else { return nil }
        let rest = Array(segments[(project + 1)...])
        guard let first = rest.first else { return .flag("project.admin") }  // PUT /projects/{projectId}
        // SearchApi's queries take their criteria as a POST body but change nothing.
        if rest.count == 1, Self.queries.contains(first) { return nil }
        let action = Self.action(for: method)

        // Automation uploads and Tosca imports record executions.
        // The CI settings too: the Jenkins plugin saves its job's setting before every upload.
        if rest.contains("auto-test-logs") || rest.contains("test-logs") || first == "tosca" || first == "ci" { return .flag("test_run.execute") }
        if first == "{objectType}" { return .objectType(action: "edit") }
        guard let area = Self.area(ofSegment: first) else { return .flag("project.admin") }
        // Comments, steps and approvals change the artifact they belong to.
        if rest.contains("comments") || rest.contains("test-steps") { return .flag(area + ".edit") }
        if rest.contains("approve") { return .flag(area + ".approve") }
        if rest.contains("assign-parameter-values") { return .flag(area + ".create") }
        if area == "defect", action == "create" { return .flag("defect.submit") }
        if rest.count > 1, rest[1] == "update" { return .flag(area + ".edit") }  // PUT test-cases/update/testcases
        return .flag(area + "." + action)
    }

    /// `POST …/{projectId}/search`, `…/comments`, `…/histories`: reads.
    static let queries: Set<String> = ["search", "comments", "histories"]

    private static func action(for method: String) -> String {
        switch method {
        case "POST": "create"
        case "DELETE": "delete"
        default: "edit"
        }
    }

    /// The profile area of a path segment (`test-runs` → `test_run`).
    static func area(ofSegment segment: String) -> String? {
        switch segment {
        case "releases": "release"
        case "builds": "build"
        case "test-cycles": "test_cycle"
        case "test-suites": "test_suite"
        case "test-runs", "test-logs", "test-step-logs": "test_run"
        case "test-cases", "test-steps": "test_case"
        case "modules": "module"
        case "requirements": "requirement"
        case "defects": "defect"
        default: nil
        }
    }
}
