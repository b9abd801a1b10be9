import Foundation
import HTTPServer
import QTestStore

/// What the handler of a project route gets: the request, the caller and the project id, already
/// checked (the project exists, the caller is assigned to it, a write's profile flag is held),
/// the clock reading for this request, and the store.
///
/// ```swift
/// table.project("GET", "/api/v3/projects/{projectId}/releases") { request in
///     let releases = try request.read { db in try Releases.list(db, projectId: request.projectID) }
///     return .json(200, .array(releases.map { … }))
/// }
/// ```
public struct ProjectRequest: RequestReading, StoreAccess {
    public let request: HTTPRequest
    /// The checked caller.
    public let caller: Caller
    /// The checked project.
    public let projectID: Int64
    /// The store clock, read once when the request was admitted: every timestamp a request
    /// writes is the same.
    public let now: Date
    /// The untyped view, for wire helpers that take one.
    public let context: RequestContext
    public let app: EmulatorContext

    init(_ context: RequestContext, app: EmulatorContext) throws {
        guard let caller = context.caller else { throw APIError.unauthorized() }
        self.request = context.request
        self.caller = caller
        self.projectID = try context.pathID("projectId")
        self.now = app.now
        self.context = context
        self.app = app
    }

    /// The project's record (one read; most handlers need only ``projectID``).
    public var project: ProjectRecord {
        get throws { try read { db in try Projects.get(db, projectID) } }
    }
}
