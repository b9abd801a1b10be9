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
    /// The signed-in request this is, plus the project below.
    public let site: SiteRequest
    /// The checked project.
    public let projectID: Int64

    public var request: HTTPRequest { site.request }
    /// The checked caller.
    public var caller: Caller { site.caller }
    /// The store clock, read once when the request was admitted: every timestamp a request
    /// writes is the same.
    public var now: Date { site.now }
    /// The untyped view, for wire helpers that take one.
    public var context: RequestContext { site.context }
    public var app: EmulatorContext { site.app }

    init(_ context: RequestContext, app: EmulatorContext) throws {
        site = try SiteRequest(context, app: app)
        projectID = try context.pathID("projectId")
    }

    /// The project's record (one read; most handlers need only ``projectID``).
    public var project: ProjectRecord {
        get throws { try read { db in try Projects.get(db, projectID) } }
    }
}

extension ProjectRequest {
    /// Answers 200 with `encode`'s JSON for the `R` named by path parameter `idParameter`, read
    /// in this project (404 when the id is another project's or nobody's): a plain GET by id.
    func getting<R: ProjectScopedRecord>(_ type: R.Type, _ idParameter: String,
                                         _ encode: (R, StoreDatabase) throws -> JSON) throws -> HTTPResponse {
        let id = try pathID(idParameter)
        return try read(answering: 200) { db in try encode(try R.get(db, projectId: projectID, id), db) }
    }
}

extension ProjectRequest {
    /// A PUT on the object named by `idParameter`: the body (a JSON object) read by `draft`
    /// before the transaction, then `update` in one write transaction; 200.
    func updating<Draft>(_ idParameter: String, draft: (JSON) throws -> Draft,
                         _ update: (StoreDatabase, Int64, Draft) throws -> JSON) throws -> HTTPResponse {
        let id = try pathID(idParameter)
        let change = try draft(try jsonBody().requireObject())
        return try write(answering: 200) { db in try update(db, id, change) }
    }
}

extension ProjectRequest {
    /// A PUT on a cycle, suite or run named by `idParameter`: with `parentId`/`parentType` in the
    /// query it is a move and the body is ignored (the spec says so), else the body is a partial
    /// update read by `draft` (`unchanged` stands in on a move). One write transaction; 200.
    func updatingMovable<Draft>(_ idParameter: String, unchanged: Draft, draft: (JSON) throws -> Draft,
                                _ update: (StoreDatabase, Int64, Draft, ExecutionParent?) throws -> JSON) throws -> HTTPResponse {
        let id = try pathID(idParameter)
        let body = try optionalJSONBody()
        let moveTo = try ExecutionWire.parent(self)
        let change = moveTo == nil ? try draft(try body.requireObject()) : unchanged
        return try write(answering: 200) { db in try update(db, id, change, moveTo) }
    }
}

extension ProjectRequest {
    /// A POST that creates a cycle or suite: under the container that the query or the body
    /// names (the root when neither does), from the body as `draft` reads it with a required
    /// name. One write transaction; 200, which clients check for although the spec says 201
    /// (notes §9, §12; the Jenkins plugin requires it for suites).
    func creatingContainer(draft: (JSON) throws -> ContainerDraft,
                           _ create: (StoreDatabase, ExecutionParent, ContainerDraft) throws -> JSON) throws -> HTTPResponse {
        let body = try jsonBody().requireObject()
        let parent = try ExecutionWire.parent(self, body: body) ?? .root
        let change = try draft(body)
        return try write(answering: 200) { db in try create(db, parent, change) }
    }
}
