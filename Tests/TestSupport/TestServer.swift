import Foundation
import HTTPServer

/// Starts an `HTTPServer` for `responder` on a free loopback port (port 0, so parallel tests
/// never collide) and returns it with the port it got.
public func startTestServer(configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                            responder: any HTTPResponder,
                            accessLog: (@Sendable (AccessLogEntry) -> Void)? = nil) throws -> (server: HTTPServer, port: Int) {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, responder: responder, accessLog: accessLog)
    let port = try server.start()
    return (server, port)
}

/// Starts a server (see `startTestServer`), runs `body`, always shuts down.
public func withServer(configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                       responder: any HTTPResponder,
                       accessLog: (@Sendable (AccessLogEntry) -> Void)? = nil,
                       _ body: (HTTPServer, Int) throws -> Void) throws {
    let (server, port) = try startTestServer(configure: configure, responder: responder, accessLog: accessLog)
    defer { server.shutdown(gracePeriod: 1) }
    try body(server, port)
}
