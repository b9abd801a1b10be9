import Foundation
import Testing
import HTTPServer
import Logging
import Synchronization
@testable import QTestAPI

/// The route pipeline's pieces, one at a time and in-process: each guard and middleware is a
/// small type with one job.
@Suite struct RoutePipelineTests {
    static let caller = Caller(userID: 7, username: "u", isSiteAdmin: false, token: "t")

    static func route(_ method: String, _ pattern: String, access: RouteAccess = .user) -> RouteInfo {
        RouteInfo(method: method, pattern: pattern, access: access, file: "X.swift", line: 1)
    }

    static func context(_ method: String, _ path: String, token: String? = nil, projectId: String? = nil) -> RequestContext {
        var headers = HTTPHeaders()
        if let token { headers.add("Authorization", token) }
        var request = HTTPRequest(method: method, target: path, version: .http11, headers: headers, body: Data())
        if let projectId { request.pathParameters["projectId"] = projectId }
        return RequestContext(request: request)
    }

    @Test func authenticationSetsTheCallerOrRefuses401() throws {
        let guardian = AuthenticationGuard(authenticate: { $0 == "good" ? Self.caller : nil })
        let route = Self.route("GET", "/api/v3/users")
        for header in ["Bearer good", "bearer good", "good"] {
            var context = Self.context("GET", "/api/v3/users", token: header)
            try guardian.admit(&context, route: route)
            #expect(context.caller == Self.caller, "\(header)")
        }
        for header in [nil, "Bearer bad", "Basic Z29vZDo=", ""] as [String?] {
            var context = Self.context("GET", "/api/v3/users", token: header)
            #expect(throws: APIError.self) { try guardian.admit(&context, route: route) }
        }
        var open = Self.context("GET", "/__emulator/health")
        try guardian.admit(&open, route: Self.route("GET", "/__emulator/health", access: .open))
        #expect(open.caller == nil)
    }

    @Test func projectAccessChecksTheProjectAndTheWritesFlag() throws {
        let checked = Recorder()
        let guardian = ProjectAccessGuard(authorizeProject: { _, project in checked.add("project \(project)") },
                                          authorizePermission: { _, _, flag in
                                              checked.add(flag)
                                              if flag == "release.delete" { throw APIError.forbidden("no \(flag)") }
                                          })
        var read = Self.context("GET", "/api/v3/projects/5/releases", projectId: "5")
        read.caller = Self.caller
        try guardian.admit(&read, route: Self.route("GET", "/api/v3/projects/{projectId}/releases"))
        var create = read
        try guardian.admit(&create, route: Self.route("POST", "/api/v3/projects/{projectId}/releases"))
        var delete = read
        #expect(throws: APIError.self) {
            try guardian.admit(&delete, route: Self.route("DELETE", "/api/v3/projects/{projectId}/releases/{releaseId}"))
        }
        #expect(checked.items == ["project 5", "project 5", "release.create", "project 5", "release.delete"])
        var site = Self.context("GET", "/api/v3/users")
        site.caller = Self.caller
        try guardian.admit(&site, route: Self.route("GET", "/api/v3/users"))
        #expect(checked.items.count == 5, "routes outside a project are not checked")
    }

    @Test func responseCachingAnswersRepeatsUntilTheGenerationMoves() throws {
        let generation = Recorder()
        let caching = ResponseCaching(cache: ResponseCache(), generation: { UInt64(generation.items.count) })
        let route = Self.route("GET", "/api/v3/projects/{projectId}")
        var context = Self.context("GET", "/api/v3/projects/5")
        context.caller = Self.caller
        let calls = Recorder()
        let next: RouteMiddleware.Next = { _ in calls.add("handler"); return .json(200, ["n": .number(calls.items.count)] as JSON) }
        let first = try caching.handle(context, route: route, next: next)
        let second = try caching.handle(context, route: route, next: next)
        #expect(calls.items.count == 1 && first.body == second.body, "the repeat is answered from the cache")
        generation.add("write")
        _ = try caching.handle(context, route: route, next: next)
        #expect(calls.items.count == 2, "a write empties the cache")
        _ = try caching.handle(context, route: Self.route("POST", "/api/v3/projects/{projectId}/releases"), next: next)
        _ = try caching.handle(context, route: Self.route("POST", "/api/v3/projects/{projectId}/releases"), next: next)
        #expect(calls.items.count == 4, "only GETs are cached")
    }

    @Test func errorResponsesKeepQTestErrorsAndHideTheRest() {
        let errors = ErrorResponses(logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let request = Self.context("GET", "/x").request
        #expect(errors.response(for: APIError.notFound("gone"), request: request).status == 404)
        struct Boom: Error {}
        let hidden = errors.response(for: Boom(), request: request)
        #expect(hidden.status == 500)
        #expect(!String(decoding: hidden.body, as: UTF8.self).contains("Boom"))
    }
}

/// Collects strings from `@Sendable` closures.
final class Recorder: Sendable {
    private let storage = Mutex<[String]>([])
    func add(_ item: String) { storage.withLock { $0.append(item) } }
    var items: [String] { storage.withLock { $0 } }
}
