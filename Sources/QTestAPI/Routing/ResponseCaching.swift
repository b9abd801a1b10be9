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
        guard let key = key(context, route) else { return try next(context) }
        let before = generation()
        if let cached = cache.lookup(key, generation: before) { return cached }
        let response = try next(context)
        if response.status == 200, generation() == before { cache.store(response, for: key, generation: before) }
        return response
    }

    func answerFromMemory(_ context: RequestContext, route: RouteInfo) -> HTTPResponse? {
        guard let key = key(context, route) else { return nil }
        return cache.lookup(key, generation: generation())
    }

    /// The cache key of a request this middleware caches, nil for the others.
    private func key(_ context: RequestContext, _ route: RouteInfo) -> ResponseCache.Key? {
        guard route.method == "GET", route.pattern.hasPrefix("/api/"), let caller = context.caller else { return nil }
        let request = context.request
        return ResponseCache.Key(user: caller.userID, host: request.headers["Host"] ?? "", target: request.target)
    }
}
