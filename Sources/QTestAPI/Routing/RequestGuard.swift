import HTTPServer

/// A check decided by a request's head alone (its token, its path), run before the handler.
///
/// Guards run twice for a request with a body: once as the server's head-phase screen, so a
/// refused upload is answered before its body is read, and again when the full request is
/// handled (they must be cheap and idempotent: the ones here answer from ``AccessCache``).
/// Throwing refuses the request with the error's status and body.
protocol RequestGuard: Sendable {
    func admit(_ context: inout RequestContext, route: RouteInfo) throws

    /// What `admit` does, from memory alone: true when the request is admitted (with `context`
    /// filled in as `admit` fills it), false when that cannot be told without the store, or the
    /// request would be refused (the usual path then gives the refusal).
    func admitFromMemory(_ context: inout RequestContext, route: RouteInfo) -> Bool
}
