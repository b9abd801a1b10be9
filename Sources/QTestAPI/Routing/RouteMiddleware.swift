import HTTPServer

/// One step wrapped around every route's handler, after the guards admitted the request:
/// `handle` does its work and calls `next` (or answers by itself). Hummingbird's
/// `MiddlewareProtocol` is the model; the response cache is one, and the control plane's
/// request journal, fault injection and clock plug in here.
protocol RouteMiddleware: Sendable {
    typealias Next = @Sendable (RequestContext) throws -> HTTPResponse
    func handle(_ context: RequestContext, route: RouteInfo, next: Next) throws -> HTTPResponse

    /// The answer `handle` would give without calling `next`, from memory; nil when it would
    /// call `next` (or cannot tell).
    func answerFromMemory(_ context: RequestContext, route: RouteInfo) -> HTTPResponse?
}

extension RouteMiddleware {
    func answerFromMemory(_ context: RequestContext, route: RouteInfo) -> HTTPResponse? { nil }
}
