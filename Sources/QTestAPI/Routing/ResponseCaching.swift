import HTTPServer

/// Answers repeated GETs under `/api/` from ``ResponseCache`` until the next write.
///
/// The generation is read before the handler runs and the answer is kept only if no write
/// happened meanwhile, so a cached answer is never older than the last write.
struct ResponseCaching: RouteMiddleware {
    let cache: ResponseCache
    /// The store's write counter.
    let generation: @Sendable () -> UInt64

    func handle(_ context: RequestContext, route: RouteInfo, next: Next) throws -> HTTPResponse {
        guard route.method == "GET", route.pattern.hasPrefix("/api/"), let caller = context.caller else { return try next(context) }
        let request = context.request
        let key = ResponseCache.Key(user: caller.userID, host: request.headers["Host"] ?? "", target: request.target)
        let before = generation()
        if let cached = cache.lookup(key, generation: before) { return cached }
        let response = try next(context)
        if response.status == 200, generation() == before { cache.store(response, for: key, generation: before) }
        return response
    }
}
