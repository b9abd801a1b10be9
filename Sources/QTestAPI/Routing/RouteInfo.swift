import HTTPServer

/// What the route table knows about one route, worked out once when it is registered: who may
/// call it, the profile flag it needs, and where its handler is written.
public struct RouteInfo: Sendable {
    public let method: String
    public let pattern: String
    public let access: RouteAccess
    /// Whether the path names a project (`{projectId}`): access to it is checked before the handler.
    public let isProjectScoped: Bool
    /// The project-profile flag a write needs (see ``ProjectPermission``).
    let permission: ProjectPermission?
    /// `File.swift:LINE` of the registration, for `qtest-emulator routes`.
    public let source: String

    init(method: String, pattern: String, access: RouteAccess, file: String, line: UInt) {
        self.method = method
        self.pattern = pattern
        self.access = access
        self.isProjectScoped = pattern.contains("{projectId}")
        self.permission = ProjectPermission.required(method: method, pattern: pattern)
        self.source = "\(file.split(separator: "/").last.map(String.init) ?? file):\(line)"
    }
}

/// Who may call a route.
public enum RouteAccess: Sendable, Equatable {
    /// No token needed (`/oauth/token`, `/__emulator/*`).
    case open
    /// A valid token is required.
    case user
}
