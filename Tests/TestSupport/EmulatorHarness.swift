import Foundation
import HTTPServer
import Logging
import QTestAPI
import QTestStore

/// An emulator with an in-memory store seeded from the demo fixture (or as asked), and a client
/// for it. Each test makes its own, so tests can run in parallel without sharing state.
///
/// Two modes, like HummingbirdTesting's `.live` / `.router`:
/// - `.live` (the default): a real `HTTPServer` on a free loopback port; `client` is an
///   `HTTPTestClient` on one keep-alive connection, `port` and `makeClient()` give more.
/// - `.router`: no server and no socket; `client` is a `RouterTransport` that calls the app's
///   router in-process (screen first, then respond, framed as the server frames responses).
///   Faster, for suites about store rules and the JSON wire format; anything HTTP-visible
///   (connection handling, limits, timeouts, refusing before the body) needs `.live`.
///
/// `get` / `post` / `put` / `delete` / `send` / `login` and `client.send(…)` work the same in both,
/// so a test is written once and runs in either.
public final class EmulatorHarness {
    public enum Mode: Sendable, CaseIterable, CustomStringConvertible {
        case live, router
        public var description: String { self == .live ? "live" : "router" }
    }

    public let mode: Mode
    public let app: EmulatorApp
    /// The live server; nil in `.router` mode.
    public let server: HTTPServer?
    /// The live server's port; 0 in `.router` mode.
    public let port: Int
    /// Every response it receives is checked against the OpenAPI document (see
    /// ``ContractCheckingTransport``); `contractLog` tells what was checked.
    public let client: any WireTransport
    /// The token `get`/`post`/… send unless told otherwise.
    public var token: String? = Demo.adminToken

    public init(_ mode: Mode = .live, seed: SeedSource = .demo, databasePath: String? = nil, clock: any StoreClock = SystemClock(),
                jobDelay: TimeInterval = 0, busyTimeout: TimeInterval = 5,
                logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                configure: (inout EmulatorOptions) -> Void = { _ in }) throws {
        self.mode = mode
        // `logger` goes to both the app and the server (silent by default).
        var options = EmulatorOptions(databasePath: databasePath, seed: seed, jobDelay: jobDelay, busyTimeout: busyTimeout, clock: clock,
                                      logger: logger)
        configure(&options)
        app = try EmulatorApp(options: options)
        switch mode {
        case .live:
            let (server, port) = try startTestServer(responder: app.responder, logger: logger)
            self.server = server
            self.port = port
            client = ContractCheckingTransport(HTTPTestClient(port: port), router: app.router)
        case .router:
            server = nil
            port = 0
            client = ContractCheckingTransport(RouterTransport(app.responder), router: app.router)
        }
        app.start()
    }

    deinit {
        client.close()
        server?.shutdown(gracePeriod: 1)
        app.stop()
    }

    /// The responses `client` checked against the contract and found conforming, by
    /// `"METHOD pattern status"`.
    public var contractLog: [String: Int] { (client as? ContractCheckingTransport)?.checked ?? [:] }

    /// Whether `client` checks responses against the contract (on by default); turn it off
    /// around answers no contract describes (injected faults with their own bodies).
    public var checksContract: Bool {
        get { (client as? ContractCheckingTransport)?.isChecking ?? false }
        set { (client as? ContractCheckingTransport)?.isChecking = newValue }
    }

    /// A new client with its own connection (for concurrency and raw-socket tests); `.live` only:
    /// in `.router` mode its requests fail, there being nothing to connect to.
    public func makeClient() -> HTTPTestClient { HTTPTestClient(port: port) }

    /// A new transport of this harness's mode: a new connection when live, the router otherwise.
    public func makeTransport() -> any WireTransport {
        mode == .live ? makeClient() : RouterTransport(app.responder)
    }

    private func authHeaders(_ token: String?) -> [(String, String)] {
        guard let token else { return [] }
        return [("Authorization", "Bearer \(token)")]
    }

    public func get(_ path: String, token: String?? = .none) throws -> WireResponse {
        try client.send("GET", path, headers: authHeaders(token ?? self.token))
    }

    public func delete(_ path: String, json: Any? = nil, token: String?? = .none) throws -> WireResponse {
        try send("DELETE", path, json: json, token: token)
    }

    public func post(_ path: String, json: Any? = nil, token: String?? = .none) throws -> WireResponse {
        try send("POST", path, json: json, token: token)
    }

    public func put(_ path: String, json: Any? = nil, token: String?? = .none) throws -> WireResponse {
        try send("PUT", path, json: json, token: token)
    }

    public func send(_ method: String, _ path: String, json: Any?, token: String?? = .none) throws -> WireResponse {
        var headers = authHeaders(token ?? self.token)
        var body: Data?
        if let json {
            body = try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed])
            headers.append(("Content-Type", "application/json"))
        }
        return try client.send(method, path, headers: headers, body: body)
    }

    /// Logs in with the password grant and returns the access token.
    public func login(_ username: String, _ password: String) throws -> String {
        let form = "grant_type=password&username=\(username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? username)&password=\(password)"
        let response = try client.send("POST", "/oauth/token", headers: [
            ("Authorization", "Basic " + Data("test-client:".utf8).base64EncodedString()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ], body: Data(form.utf8))
        guard response.status == 200, let token = response.object["access_token"] as? String else {
            throw TestClientError(description: "login failed: \(response)")
        }
        return token
    }
}
