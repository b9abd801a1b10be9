import Foundation
import HTTPServer
import QTestStore

/// What the handler of an authenticated route outside a project gets (users, groups, profiles,
/// site templates, the job queue): the request, the checked caller, the clock reading for this
/// request, and the store. Site-admin-only routes still say so in their body
/// (``EmulatorContext/requireSiteAdmin(_:)``), as qTest decides that per operation.
public struct SiteRequest: RequestReading, StoreAccess {
    public let request: HTTPRequest
    /// The checked caller.
    public let caller: Caller
    /// The store clock, read once when the request was admitted.
    public let now: Date
    /// The untyped view, for wire helpers that take one.
    public let context: RequestContext
    public let app: EmulatorContext

    init(_ context: RequestContext, app: EmulatorContext) throws {
        guard let caller = context.caller else { throw APIError.unauthorized() }
        self.request = context.request
        self.caller = caller
        self.now = app.now
        self.context = context
        self.app = app
    }
}
