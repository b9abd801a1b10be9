import Foundation
import HTTPServer
import Logging
import QTestStore

/// Builds the `Router`: every emulated operation is one declaration in a route group.
///
/// Each route runs the same pipeline, assembled here once: the guards (authentication, project
/// access and profile permission, decided by the head alone), then the middlewares (the
/// response cache, and the control plane's seams), then the handler; errors become qTest
/// answers at the boundary (``ErrorResponses``). Requests with a body run the guards as the
/// server's head-phase screen too, so a refused upload is answered before its body is read.
///
/// ```swift
/// table.add("POST", "/oauth/token", access: .open) { context in … }            // public route
/// table.site("GET", "/api/v3/users/{userId}") { request in … }                  // signed-in route
/// table.project("GET", "/api/v3/projects/{projectId}/releases") { request in … }  // project route
/// ```
public struct RouteTable {
    public typealias Handler = @Sendable (RequestContext) throws -> HTTPResponse
    public typealias ProjectHandler = @Sendable (ProjectRequest) throws -> HTTPResponse
    public typealias SiteHandler = @Sendable (SiteRequest) throws -> HTTPResponse

    public private(set) var router = Router()
    /// Every registered route, in order, with where it was declared.
    public private(set) var routes: [RouteInfo] = []
    private let app: EmulatorContext
    private let guards: [any RequestGuard]
    private let middlewares: [any RouteMiddleware]
    private let errors: ErrorResponses

    /// - Parameters:
    ///   - app: what project handlers read and write through.
    ///   - guards: head-phase checks, in order.
    ///   - middlewares: wrapped around every handler, the first outermost.
    ///   - logger: receives unexpected errors (they are answered as a bare 500).
    init(app: EmulatorContext, guards: [any RequestGuard], middlewares: [any RouteMiddleware],
         logger: Logger) {
        self.app = app
        self.guards = guards
        self.middlewares = middlewares
        self.errors = ErrorResponses(logger: logger)
        router.notFound = { request in
            HTTPResponse.json(404, ["message": .string("No API found for \(request.method) \(request.path)")] as JSON)
        }
        router.methodNotAllowed = { request, allowed in
            var response = HTTPResponse.json(405, ["message": .string("Request method '\(request.method)' is not supported for \(request.path)")] as JSON)
            response.headers["Allow"] = allowed.joined(separator: ", ")
            return response
        }
    }

    /// Declares a route; `handler` gets the request with its caller set when `access` is `.user`.
    /// `bodyLimit` caps the route's request bodies below the server's limit (see ``RouteBodyLimit``).
    /// `inline`, for a GET, answers from memory alone when it can (see
    /// `HTTPResponder.respondInline`); the response cache's answers are given that way anyway.
    public mutating func add(_ method: String, _ pattern: String, access: RouteAccess = .user, bodyLimit: RouteBodyLimit? = nil,
                             file: String = #fileID, line: UInt = #line,
                             inline: (@Sendable (RequestContext) -> HTTPResponse?)? = nil, _ handler: @escaping Handler) {
        let route = RouteInfo(method: method, pattern: pattern, access: access, file: file, line: line)
        routes.append(route)
        let guards = self.guards, errors = self.errors
        // The handler inside the middlewares, the last one innermost.
        var pipeline: RouteMiddleware.Next = { try handler($0) }
        for middleware in middlewares.reversed() {
            let next = pipeline
            pipeline = { try middleware.handle($0, route: route, next: next) }
        }
        let run = pipeline
        var screen: Router.Screen?
        if access == .user || bodyLimit != nil {
            // Bodyless requests skip the screen: the handler path runs the same guards at once,
            // and the hot GET path should not pay for them twice. A refused caller hears that
            // before it hears that its body is too large.
            screen = { (head: HTTPRequest) -> HTTPResponse? in
                guard head.declaresBody else { return nil }
                var context = RequestContext(request: head)
                do {
                    if access == .user { for check in guards { try check.admit(&context, route: route) } }
                    try bodyLimit?.check(head: head)
                    return nil
                } catch {
                    return errors.response(for: error, request: head)
                }
            }
        }
        let routeName = "\(method) \(pattern)"
        let middlewares = self.middlewares
        // A GET whose guards pass from memory, answered by its own inline handler or from a
        // middleware's memory (the response cache): the same answer as below, on the server's
        // I/O queue. Anything that needs the store goes the usual way.
        var answerFromMemory: Router.InlineHandler?
        if method == "GET", inline != nil || !middlewares.isEmpty {
            answerFromMemory = { request in
                var context = RequestContext(request: request)
                for check in guards { guard check.admitFromMemory(&context, route: route) else { return nil } }
                guard var response = inline?(context) ?? middlewares.lazy.compactMap({ $0.answerFromMemory(context, route: route) }).first
                else { return nil }
                response.notes["route"] = routeName
                if let caller = context.caller { response.notes["caller"] = caller.username }
                return response
            }
        }
        router.add(method, pattern, screen: screen, bodyLimit: bodyLimit?.server, inline: answerFromMemory) { request in
            var context = RequestContext(request: request)
            var response: HTTPResponse
            do {
                for check in guards { try check.admit(&context, route: route) }
                try bodyLimit?.check(body: request.body)
                // The caller is the author of whatever history this request's writes record.
                response = try HistoryContext.$author.withValue(context.caller?.userID) { try run(context) }
            } catch {
                response = errors.response(for: error, request: request)
            }
            // For the request journal: which route answered, and for whom.
            response.notes["route"] = routeName
            if let caller = context.caller { response.notes["caller"] = caller.username }
            return response
        }
    }

    /// Declares a route under `/projects/{projectId}`: the handler gets a ``ProjectRequest``
    /// whose caller and project are already checked.
    public mutating func project(_ method: String, _ pattern: String, bodyLimit: RouteBodyLimit? = nil,
                                 file: String = #fileID, line: UInt = #line, _ handler: @escaping ProjectHandler) {
        let app = self.app
        add(method, pattern, access: .user, bodyLimit: bodyLimit, file: file, line: line) { context in
            try handler(ProjectRequest(context, app: app))
        }
    }

    /// Declares a route that needs a token but names no project: the handler gets a
    /// ``SiteRequest`` with the checked caller.
    public mutating func site(_ method: String, _ pattern: String, file: String = #fileID, line: UInt = #line,
                              _ handler: @escaping SiteHandler) {
        let app = self.app
        add(method, pattern, access: .user, file: file, line: line) { context in
            try handler(SiteRequest(context, app: app))
        }
    }
}
