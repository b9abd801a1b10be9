/// Method + path-pattern dispatch. Linear scan: the route table is small (a few hundred at most)
/// and matching is a handful of string compares, so a trie would not pay for itself.
public struct Router: HTTPResponder {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    struct Route: Sendable {
        let method: String
        let pattern: RoutePattern
        let handler: Handler
    }

    private var table: [Route] = []
    /// Routes by segment count: a path can only match patterns of its own length.
    private var bySegmentCount: [Int: [Route]] = [:]

    public var notFound: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        .message(404, "No route for \(request.method) \(request.path)")
    }

    public var methodNotAllowed: @Sendable (HTTPRequest, [String]) -> HTTPResponse = { request, allowed in
        var response = HTTPResponse.message(405, "Method \(request.method) not allowed for \(request.path)")
        response.headers["Allow"] = allowed.joined(separator: ", ")
        return response
    }

    public init() {}

    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        let route = Route(method: method.uppercased(), pattern: RoutePattern(pattern), handler: handler)
        table.append(route)
        bySegmentCount[route.pattern.segmentCount, default: []].append(route)
    }

    public var routes: [(method: String, pattern: String)] {
        table.map { (method: $0.method, pattern: $0.pattern.text) }
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let segments = RoutePattern.split(request.path)
        let method = request.method.uppercased()
        var best: (route: Route, params: [String: String])?
        var bestGet: (route: Route, params: [String: String])?
        var allowed: [String] = []
        for route in bySegmentCount[segments.count] ?? [] {
            guard let params = route.pattern.match(segments) else { continue }
            if !allowed.contains(route.method) { allowed.append(route.method) }
            if route.method == method {
                if best == nil || route.pattern.isMoreSpecific(than: best!.route.pattern) { best = (route, params) }
            } else if method == "HEAD" && route.method == "GET" {
                if bestGet == nil || route.pattern.isMoreSpecific(than: bestGet!.route.pattern) { bestGet = (route, params) }
            }
        }
        // HEAD is answered by the GET handler; the server strips the body but keeps Content-Length.
        guard let chosen = best ?? bestGet else {
            if allowed.isEmpty { return notFound(request) }
            if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
            return methodNotAllowed(request, allowed)
        }
        var routed = request
        routed.pathParameters = chosen.params
        return chosen.route.handler(routed)
    }
}
