import Logging

/// Method + path-pattern dispatch. Patterns are looked up through a ``RouteTree``: profiled, the
/// scan of every pattern of a path's length was a tenth of a cached GET with 235 routes.
public struct Router: HTTPResponder {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse
    /// Per-route head-phase check (see `HTTPResponder.screen`): nil lets the request through,
    /// a response refuses it before its body is read. Gets `pathParameters` filled in.
    public typealias Screen = @Sendable (HTTPRequest) -> HTTPResponse?
    /// Per-route answer from memory (see `HTTPResponder.respondInline`): nil when it cannot
    /// answer without blocking. Gets `pathParameters` filled in.
    public typealias InlineHandler = @Sendable (HTTPRequest) -> HTTPResponse?

    struct Route: Sendable {
        let method: String
        let pattern: RoutePattern
        let screen: Screen?
        let bodyLimit: HTTPBodyLimit?
        let inline: InlineHandler?
        let handler: Handler
    }

    private var table: [Route] = []
    /// Indices into `table` by pattern shape.
    private var tree = RouteTree()

    public var notFound: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        .message(404, "No route for \(request.method) \(request.path)")
    }

    public var methodNotAllowed: @Sendable (HTTPRequest, [String]) -> HTTPResponse = { request, allowed in
        var response = HTTPResponse.message(405, "Method \(request.method) not allowed for \(request.path)")
        response.headers["Allow"] = allowed.joined(separator: ", ")
        return response
    }

    /// Tells at `debug` which route each request was dispatched to (its pattern), or why none
    /// was; silent unless set.
    public var logger = Logger(label: "HTTPServer.Router", factory: { _ in SwiftLogNoOpLogHandler() })

    public init() {}

    /// Adds a route. `screen`, when given, runs on the request head before the body is read
    /// (see `screen(_:)`); `bodyLimit`, when given, caps this route's bodies below the server's
    /// limit (see `bodyLimit(for:)`); `handler` answers the complete request.
    public mutating func add(_ method: String, _ pattern: String, screen: Screen? = nil,
                             bodyLimit: HTTPBodyLimit? = nil, inline: InlineHandler? = nil, _ handler: @escaping Handler) {
        let route = Route(method: method.uppercased(), pattern: RoutePattern(pattern), screen: screen,
                          bodyLimit: bodyLimit, inline: inline, handler: handler)
        table.append(route)
        tree.insert(route.pattern, route: table.count - 1)
    }

    public var routes: [(method: String, pattern: String)] {
        table.map { (method: $0.method, pattern: $0.pattern.text) }
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        switch lookup(request) {
        case .found(let route, let params):
            logger.debug("\(request.method) \(request.path): route \(route.method) \(route.pattern.text)")
            var routed = request
            routed.pathParameters = params
            return route.handler(routed)
        case .methodNotAllowed(let allowed):
            logger.debug("\(request.method) \(request.path): no \(request.method) route, allowed \(allowed.joined(separator: ", "))")
            return methodNotAllowed(request, allowed)
        case .notFound:
            logger.debug("\(request.method) \(request.path): no route")
            return notFound(request)
        }
    }

    /// Runs the screen of the route `head` would be dispatched to. Nil (let through) when that
    /// route has no screen, and for unknown paths or methods: their 404/405 comes from
    /// `respond(to:)` once the (bounded) body is read, exactly as without screens.
    public func screen(_ head: HTTPRequest) -> HTTPResponse? {
        guard case .found(let route, let params) = lookup(head), let screen = route.screen else { return nil }
        var routed = head
        routed.pathParameters = params
        guard let refusal = screen(routed) else { return nil }
        // A refused request never reaches `respond(to:)`: say here which route refused it.
        logger.debug("\(head.method) \(head.path): refused before its body by route \(route.method) \(route.pattern.text)")
        return refusal
    }

    /// `screen(request) ?? respond(to: request)` with one lookup of the route.
    public func screenAndRespond(to request: HTTPRequest) -> HTTPResponse {
        guard case .found(let route, let params) = lookup(request) else { return respond(to: request) }
        var routed = request
        routed.pathParameters = params
        if let screen = route.screen, let refusal = screen(routed) {
            logger.debug("\(request.method) \(request.path): refused before its body by route \(route.method) \(route.pattern.text)")
            return refusal
        }
        logger.debug("\(request.method) \(request.path): route \(route.method) \(route.pattern.text)")
        return route.handler(routed)
    }

    /// The route's answer from memory, if it has an inline handler and that can answer.
    public func respondInline(to request: HTTPRequest) -> HTTPResponse? {
        guard case .found(let route, let params) = lookup(request), let inline = route.inline, route.screen == nil || !request.declaresBody else {
            return nil
        }
        var routed = request
        routed.pathParameters = params
        guard let response = inline(routed) else { return nil }
        logger.debug("\(request.method) \(request.path): route \(route.method) \(route.pattern.text), answered from memory")
        return response
    }

    /// The body limit of the route `head` would be dispatched to, if it declared one.
    public func bodyLimit(for head: HTTPRequest) -> HTTPBodyLimit? {
        guard case .found(let route, _) = lookup(head) else { return nil }
        return route.bodyLimit
    }

    private enum Lookup {
        case found(Route, [String: String])
        case methodNotAllowed([String])
        case notFound
    }

    private func lookup(_ request: HTTPRequest) -> Lookup {
        let segments = RoutePattern.split(request.path)
        let method = request.method.uppercased()
        // Literal segments win over parameters whatever the method: only the most specific
        // matching pattern shape is considered, so `settings/test-runs/fields` can never fall
        // into `{objectType}/{objectId}/{linkType}` (a wrong method there is a 405, not a link).
        let candidates = tree.routes(matching: segments)
        guard !candidates.isEmpty else { return .notFound }
        func found(_ index: Int) -> Lookup {
            let route = table[index]
            return .found(route, route.pattern.match(segments) ?? [:])
        }
        // HEAD is answered by the GET handler; the server strips the body but keeps Content-Length.
        if let chosen = candidates.first(where: { table[$0].method == method })
            ?? (method == "HEAD" ? candidates.first(where: { table[$0].method == "GET" }) : nil) {
            return found(chosen)
        }
        var allowed: [String] = []
        for candidate in candidates where !allowed.contains(table[candidate].method) { allowed.append(table[candidate].method) }
        if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
        return .methodNotAllowed(allowed)
    }

    /// The pattern of the route `method path` is dispatched to, or nil when none is (404/405):
    /// lets tests check that every operation reaches its own handler.
    public func pattern(for method: String, path: String) -> String? {
        guard case .found(let route, _) = lookup(HTTPRequest(method: method, target: path)) else { return nil }
        return route.pattern.text
    }
}
