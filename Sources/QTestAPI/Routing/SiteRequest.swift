import Foundation
import HTTPServer
import QTestStore

/// What the handler of an authenticated route outside a project gets (users, groups, profiles,
/// site templates, the job queue): the request, the checked caller, the clock reading for this
/// request, and the store. Site-admin-only routes still say so in their body
/// (``EmulatorContext/requireSiteAdmin(_:)``), as qTest decides that per operation.
public struct SiteRequest: RequestReading {
    public let request: HTTPRequest
    /// The checked caller.
    public let caller: Caller
    /// The store clock, read once when the request was admitted.
    public let now: Date
    /// The untyped view, for wire helpers that take one.
    public let context: RequestContext
    let app: EmulatorContext

    init(_ context: RequestContext, app: EmulatorContext) throws {
        guard let caller = context.caller else { throw APIError.unauthorized() }
        self.request = context.request
        self.caller = caller
        self.now = app.now
        self.context = context
        self.app = app
    }

    /// Runs `body` with read access to a snapshot of the store.
    public func read<T>(_ body: (StoreDatabase) throws -> T) throws -> T { try app.read(body) }

    /// Runs `body` as one write transaction: if it throws, nothing it did is kept.
    public func write<T>(_ body: (StoreDatabase) throws -> T) throws -> T { try app.write(body) }

    /// Answers `status` with the JSON that `body` reads from the store.
    public func read(answering status: Int, _ body: (StoreDatabase) throws -> JSON) throws -> HTTPResponse {
        .json(status, try app.read(body))
    }

    /// Answers `status` with the JSON that `body` returns from one write transaction.
    public func write(answering status: Int, _ body: (StoreDatabase) throws -> JSON) throws -> HTTPResponse {
        .json(status, try app.write(body))
    }
}
