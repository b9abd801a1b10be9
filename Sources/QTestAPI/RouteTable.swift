import Foundation
import HTTPServer
import Logging

/// Who may call a route.
public enum RouteAccess: Sendable, Equatable {
    /// No token needed (`/oauth/token`, `/__emulator/*`).
    case open
    /// A valid token is required.
    case user
}

/// Builds the `Router`: every emulated operation is one `add` line in a route group, wrapped
/// so that authentication, error mapping and the "never a 500 with internals" rule live here
/// once instead of in every handler.
public struct RouteTable {
    public typealias Handler = @Sendable (RequestContext) throws -> HTTPResponse

    public private(set) var router = Router()
    private let authenticate: @Sendable (String) throws -> Caller?
    private let authorizeProject: @Sendable (Caller, Int64) throws -> Void
    private let authorizePermission: @Sendable (Caller, Int64, String) throws -> Void
    private let generation: (@Sendable () -> UInt64)?
    private let responses = ResponseCache()
    private let logger: Logger

    /// - Parameters:
    ///   - authenticate: resolves a bare token to its caller, `nil` when unknown or expired.
    ///   - authorizeProject: throws (404/403) when the caller may not touch a project. It runs
    ///     before the handler on every route whose path has a `{projectId}`, so no route family
    ///     can forget the check and no request body is looked at for a foreign project.
    ///   - authorizePermission: throws 403 when the caller's project profile lacks a flag
    ///     (`release.create`). It runs after the project check on every write route under a
    ///     project, with the flag ``ProjectPermission`` derives from the route.
    ///   - generation: the store's write counter; when given, successful GETs under `/api/` are
    ///     answered from a cache until the next write (see `ResponseCache`).
    ///   - logger: receives unexpected errors (they are answered as a bare 500).
    public init(authenticate: @escaping @Sendable (String) throws -> Caller?,
                authorizeProject: @escaping @Sendable (Caller, Int64) throws -> Void = { _, _ in },
                authorizePermission: @escaping @Sendable (Caller, Int64, String) throws -> Void = { _, _, _ in },
                generation: (@Sendable () -> UInt64)? = nil,
                logger: Logger = Logger(label: "QTestAPI.RouteTable")) {
        self.authenticate = authenticate
        self.authorizeProject = authorizeProject
        self.authorizePermission = authorizePermission
        self.generation = generation
        self.logger = logger
        router.notFound = { request in
            HTTPResponse.json(404, ["message": .string("No API found for \(request.method) \(request.path)")] as JSON)
        }
        router.methodNotAllowed = { request, allowed in
            var response = HTTPResponse.json(405, ["message": .string("Request method '\(request.method)' is not supported for \(request.path)")] as JSON)
            response.headers["Allow"] = allowed.joined(separator: ", ")
            return response
        }
    }

    public mutating func add(_ method: String, _ pattern: String, access: RouteAccess = .user, _ handler: @escaping Handler) {
        let authenticate = self.authenticate
        let authorizeProject = self.authorizeProject
        let authorizePermission = self.authorizePermission
        let guardsProject = pattern.contains("{projectId}")
        let permission = ProjectPermission.required(method: method, pattern: pattern)
        let logger = self.logger
        let generation = method == "GET" && pattern.hasPrefix("/api/") ? self.generation : nil
        let responses = self.responses
        /// Token, project access and profile permission: everything the head alone decides.
        let admit: @Sendable (HTTPRequest) throws -> Caller = { request in
            guard let token = RouteTable.token(from: request.headers["Authorization"]),
                  let caller = try authenticate(token) else {
                throw APIError.unauthorized()
            }
            if guardsProject {
                let projectID = try RequestContext(request: request).pathID("projectId")
                try authorizeProject(caller, projectID)
                if let flag = permission?.flag(for: request) { try authorizePermission(caller, projectID, flag) }
            }
            return caller
        }
        // Refusals are decided before the body is read, so an unauthenticated or unauthorised
        // upload costs no memory. Bodyless requests skip it: the handler runs the same checks
        // right away (cached), and the hot GET path should not pay for them twice.
        var screen: Router.Screen?
        if access == .user {
            screen = { (head: HTTPRequest) -> HTTPResponse? in
                guard head.declaresBody else { return nil }
                do {
                    _ = try admit(head)
                    return nil
                } catch {
                    return RouteTable.response(for: error, request: head, logger: logger)
                }
            }
        }
        router.add(method, pattern, screen: screen) { request in
            do {
                var context = RequestContext(request: request)
                if case .user = access {
                    let caller = try admit(request)
                    context.caller = caller
                    if let generation {
                        let key = ResponseCache.Key(user: caller.userID, host: request.headers["Host"] ?? "", target: request.target)
                        let before = generation()
                        if let cached = responses.lookup(key, generation: before) { return cached }
                        let response = try handler(context)
                        if response.status == 200, generation() == before { responses.store(response, for: key, generation: before) }
                        return response
                    }
                }
                return try handler(context)
            } catch {
                return RouteTable.response(for: error, request: request, logger: logger)
            }
        }
    }

    /// The token from `Authorization: Bearer X`, `bearer X` or a bare `X` (all three are sent
    /// by real clients). Basic credentials are not tokens.
    static func token(from header: String?) -> String? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        if parts.count == 2 {
            guard parts[0].lowercased() == "bearer" else { return nil }
            let token = parts[1].trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
        return header
    }

    static func response(for error: Error, request: HTTPRequest, logger: Logger) -> HTTPResponse {
        if let apiError = error as? APIError { return apiError.response }
        if let convertible = error as? APIErrorConvertible { return convertible.apiError.response }
        logger.warning("internal error on \(request.method) \(request.path): \(error)")
        return HTTPResponse.json(500, ["message": "Internal server error"] as JSON)
    }
}

/// Errors from lower layers (the store) that know their qTest status and message.
public protocol APIErrorConvertible: Error {
    var apiError: APIError { get }
}
