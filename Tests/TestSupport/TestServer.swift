import Foundation
import HTTPServer
import Logging

/// Starts an `HTTPServer` for `responder` on a free loopback port (port 0, so parallel tests
/// never collide) and returns it with the port it got.
public func startTestServer(configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                            responder: any HTTPResponder,
                            logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) throws -> (server: HTTPServer, port: Int) {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, responder: responder, logger: logger)
    let port = try server.start()
    return (server, port)
}

/// Starts a server (see `startTestServer`), runs `body`, always shuts down.
public func withServer(configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                       responder: any HTTPResponder,
                       logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                       _ body: (HTTPServer, Int) throws -> Void) throws {
    let (server, port) = try startTestServer(configure: configure, responder: responder, logger: logger)
    defer { server.shutdown(gracePeriod: 1) }
    try body(server, port)
}
