import Foundation
import HTTPServer
import Logging
import QTestAPI
import QTestStore

/// Credentials from the demo seed.
enum Demo {
    static let projectID: Int64 = 108781
    static let adminUser = "api-test@qasymphony.com"
    static let adminPassword = "admin123"
    static let adminToken = "9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
}

/// A running emulator on a free loopback port, with an in-memory store seeded from the demo
/// fixture (or as asked), and a client for it. Each test makes its own, so tests can run in
/// parallel without sharing state.
final class EmulatorHarness {
    let app: EmulatorApp
    let server: HTTPServer
    let port: Int
    let client: HTTPTestClient
    /// The token `get`/`post`/… send unless told otherwise.
    var token: String? = Demo.adminToken

    /// `logger` is given to both the app and the server (silent by default).
    init(seed: SeedSource = .demo, databasePath: String? = nil, clock: any StoreClock = SystemClock(), jobDelay: TimeInterval = 0,
         busyTimeout: TimeInterval = 5, logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) throws {
        app = try EmulatorApp(options: EmulatorOptions(databasePath: databasePath, seed: seed, jobDelay: jobDelay, busyTimeout: busyTimeout, clock: clock,
                                                       logger: logger))
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        server = HTTPServer(configuration: configuration, responder: app.router, logger: logger)
        port = try server.start()
        app.start()
        client = HTTPTestClient(port: port)
    }

    deinit {
        client.close()
        server.shutdown(gracePeriod: 1)
        app.stop()
    }

    /// A new client with its own connection (for concurrency tests).
    func makeClient() -> HTTPTestClient { HTTPTestClient(port: port) }

    private func authHeaders(_ token: String?) -> [(String, String)] {
        guard let token else { return [] }
        return [("Authorization", "Bearer \(token)")]
    }

    func get(_ path: String, token: String?? = .none) throws -> WireResponse {
        try client.send("GET", path, headers: authHeaders(token ?? self.token))
    }

    func delete(_ path: String, json: Any? = nil, token: String?? = .none) throws -> WireResponse {
        try send("DELETE", path, json: json, token: token)
    }

    func post(_ path: String, json: Any? = nil, token: String?? = .none) throws -> WireResponse {
        try send("POST", path, json: json, token: token)
    }

    func put(_ path: String, json: Any? = nil, token: String?? = .none) throws -> WireResponse {
        try send("PUT", path, json: json, token: token)
    }

    func send(_ method: String, _ path: String, json: Any?, token: String?? = .none) throws -> WireResponse {
        var headers = authHeaders(token ?? self.token)
        var body: Data?
        if let json {
            body = try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed])
            headers.append(("Content-Type", "application/json"))
        }
        return try client.send(method, path, headers: headers, body: body)
    }

    /// Logs in with the password grant and returns the access token.
    func login(_ username: String, _ password: String) throws -> String {
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

extension Demo {
    /// A member of 108781 only, not a site admin.
    static let testerUser = "tester@example.com"
    static let testerPassword = "tester123"
    static let testerToken = "3f2c5e1a-7b8d-4c9e-a0f1-2b3c4d5e6f70"
    static let testerID: Int64 = 10002
    static let adminID: Int64 = 10001
    /// Only the site admin is assigned to this project.
    static let secondProjectID: Int64 = 108782
}
