import Foundation
@testable import HTTPServer
import TestSupport
import Logging

/// What servers log in tests that don't look at their log.
let silentLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Starts a server on a free port with the shared test routes, runs `body`, always shuts down
/// (`withServer(responder:)` from TestSupport for any other responder).
func withServer(configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                router: Router = TestRoutes.router(),
                logger: Logger = silentLogger,
                _ body: (HTTPServer, Int) throws -> Void) throws {
    try withServer(configure: configure, responder: router, logger: logger, body)
}

enum TestRoutes {
    static func router() -> Router {
        var router = Router()
        router.add("GET", "/echo") { request in
            .json(200, object: [
                "method": request.method,
                "path": request.path,
                "query": request.query.pairs.map { "\($0.name)=\($0.value)" },
                "id": request.query["id"] ?? "",
                "remote": request.remoteAddress,
            ])
        }
        router.add("POST", "/echo") { request in
            .json(200, object: ["body": String(decoding: request.body, as: UTF8.self), "length": request.body.count])
        }
        router.add("GET", "/items/{id}") { .text(200, "param:\($0.pathParameters["id"] ?? "")") }
        router.add("GET", "/items/special") { _ in .text(200, "literal") }
        router.add("PUT", "/items/{id}") { .text(200, "put:\($0.pathParameters["id"] ?? "")") }
        router.add("GET", "/big") { request in
            let kb = Int(request.query["kb"] ?? "1024") ?? 1024
            return HTTPResponse(status: 200, body: TestRoutes.pattern(kb * 1024))
        }
        router.add("GET", "/slow") { request in
            let ms = Int(request.query["ms"] ?? "200") ?? 200
            usleep(useconds_t(ms * 1000))
            return .text(200, "slow done \(ms)")
        }
        return router
    }

    /// Deterministic, position-dependent bytes so truncated or reordered writes are detected.
    /// Computed once: regenerating megabytes per request in a debug build would make handlers CPU-bound.
    static func pattern(_ count: Int) -> Data {
        count <= patternSource.count ? patternSource.prefix(count) : makePattern(count)
    }

    private static let patternSource = makePattern(8 * 1024 * 1024)

    private static func makePattern(_ count: Int) -> Data {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBufferPointer { buf in
            for i in 0..<count { buf[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i >> 8) }
        }
        return Data(bytes)
    }
}
