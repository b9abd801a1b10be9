import Foundation
import HTTPServer
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP receiver for webhook tests: an `HTTPServer` on a loopback port that records every
/// request and answers as told (a status for the next N requests, then 200; an optional delay).
/// Call ``shutdown()`` when done (the server and the receiver refer to each other).
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var path: String
        var headers: [String: String]
        var body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:] }
        var event: String { json["event_type"] as? String ?? "" }
    }

    struct Behaviour: Sendable {
        /// Answered to the next `failures` requests, then 200.
        var failureStatus = 503
        var failures = 0
        /// How long each request is held before it is answered.
        var delay: TimeInterval = 0
    }

    private struct Responder: HTTPResponder {
        let receiver: WebhookReceiver
        func respond(to request: HTTPRequest) -> HTTPResponse { receiver.handle(request) }
    }

    private let state = Mutex<(received: [Received], behaviour: Behaviour)>(([], Behaviour()))
    private let serverBox = Mutex<HTTPServer?>(nil)
    let port: Int

    private init(server: HTTPServer, port: Int) {
        self.port = port
        serverBox.withLock { $0 = server }
    }

    /// Starts a receiver on a free port (or `port`).
    static func make(port: Int = 0, behaviour: Behaviour = Behaviour()) throws -> WebhookReceiver {
        let box = Box()
        var configuration = HTTPServerConfiguration()
        configuration.port = port
        let server = HTTPServer(configuration: configuration, responder: Forward(target: box))
        let bound = try server.start()
        let receiver = WebhookReceiver(server: server, port: bound)
        receiver.state.withLock { $0.behaviour = behaviour }
        box.set(receiver)
        return receiver
    }

    func shutdown() {
        serverBox.withLock { server in server?.shutdown(gracePeriod: 0.5); server = nil }
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    var received: [Received] { state.withLock { $0.received } }

    func setBehaviour(_ behaviour: Behaviour) { state.withLock { $0.behaviour = behaviour } }

    /// Waits until at least `count` requests arrived (or `timeout`); returns them.
    @discardableResult
    func wait(for count: Int, timeout: TimeInterval = 10) -> [Received] {
        let deadline = Date().addingTimeInterval(timeout)
        while received.count < count && Date() < deadline { usleep(10_000) }
        return received
    }

    fileprivate func handle(_ request: HTTPRequest) -> HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.lowercased()] = value }
        let (status, delay) = state.withLock { state -> (Int, TimeInterval) in
            state.received.append(Received(path: request.path, headers: headers, body: request.body))
            if state.behaviour.failures > 0 {
                state.behaviour.failures -= 1
                return (state.behaviour.failureStatus, state.behaviour.delay)
            }
            return (200, state.behaviour.delay)
        }
        if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
        return HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain")]), body: Data("ok".utf8))
    }

    /// The responder points at the receiver, which exists only after the server does.
    private final class Box: Sendable {
        private let target = Mutex<WebhookReceiver?>(nil)
        func set(_ receiver: WebhookReceiver) { target.withLock { $0 = receiver } }
        func get() -> WebhookReceiver? { target.withLock { $0 } }
    }

    private struct Forward: HTTPResponder {
        let target: Box
        func respond(to request: HTTPRequest) -> HTTPResponse {
            target.get()?.handle(request) ?? HTTPResponse(status: 503)
        }
    }

    /// A loopback port nothing listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let (server, port) = try startTestServer(responder: Forward(target: Box()))
        server.shutdown(gracePeriod: 0)
        return port
    }
}
