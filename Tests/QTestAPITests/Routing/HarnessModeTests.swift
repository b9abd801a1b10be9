import Foundation
import Testing
import QTestStore
import TestSupport

/// The harness's `.router` mode answers as the live server does: the same script of requests,
/// run once over a socket and once in-process on identically seeded stores with a frozen clock,
/// gives the same statuses, the same JSON and the same headers (but `Date`).
@Suite struct HarnessModeTests {
    struct Step {
        let method: String
        let path: String
        var token: String? = Demo.adminToken
        var body: String?
        var contentType = "application/json"
    }

    static let base = "/api/v3/projects/108781"
    static let script: [Step] = [
        Step(method: "GET", path: base),
        Step(method: "HEAD", path: base),
        Step(method: "GET", path: base, token: nil),
        Step(method: "GET", path: base, token: "not-a-token"),
        Step(method: "GET", path: "/api/v3/projects/108782", token: Demo.testerToken),
        Step(method: "POST", path: base + "/releases", body: #"{"name":"R1","description":"first"}"#),
        Step(method: "POST", path: base + "/releases", body: #"{"name":"R2"}"#),
        Step(method: "GET", path: base + "/releases"),
        Step(method: "POST", path: base + "/releases", body: "{oops"),
        Step(method: "POST", path: base + "/releases", body: #"{"name":3}"#),
        // Refused from the head (the screen): no token, or not a member, on a request with a body.
        Step(method: "POST", path: base + "/releases", token: nil, body: #"{"name":"R3"}"#),
        Step(method: "POST", path: "/api/v3/projects/108782/releases", token: Demo.testerToken, body: #"{"name":"R4"}"#),
        Step(method: "POST", path: base + "/test-cycles?parentId=0&parentType=root", body: #"{"name":"C1"}"#),
        Step(method: "GET", path: base + "/test-cycles?expand=descendants"),
        Step(method: "POST", path: base + "/test-cases", body: #"{"name":"TC","test_steps":[{"description":"d","expected":"e"}]}"#),
        Step(method: "GET", path: base + "/test-cases?expandSteps=true"),
        Step(method: "GET", path: base + "/no-such-thing"),
        Step(method: "PATCH", path: base),
        Step(method: "GET", path: "/api/v3/users/10001"),
        Step(method: "GET", path: "/api/v3/users/10001/avatar"),
        Step(method: "GET", path: "/__emulator/health", token: nil),
        Step(method: "POST", path: "/oauth/token", token: nil, body: "grant_type=password&username=nobody&password=x",
             contentType: "application/x-www-form-urlencoded"),
    ]

    struct Outcome: Equatable, CustomStringConvertible {
        let status: Int
        let headers: [String]
        let json: String

        var description: String { "\(status) \(headers) \(json.prefix(300))" }
    }

    static func run(_ mode: EmulatorHarness.Mode) throws -> [Outcome] {
        let h = try EmulatorHarness(mode, clock: FixedClock())
        // The same Host both ways: links in the JSON are built from it.
        let client: any WireTransport
        switch mode {
        case .live:
            let socket = h.makeClient()
            socket.hostHeader = "emulator.test"
            client = socket
        case .router:
            client = RouterTransport(h.app.responder, host: "emulator.test")
        }
        return try script.map { step in
            var headers: [(String, String)] = []
            if let token = step.token { headers.append(("Authorization", "Bearer \(token)")) }
            if step.body != nil { headers.append(("Content-Type", step.contentType)) }
            let r = try client.send(step.method, step.path, headers: headers, body: step.body.map { Data($0.utf8) })
            var text = r.text
            if let value = r.json, JSONSerialization.isValidJSONObject(value),
               let canonical = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
                text = String(decoding: canonical, as: UTF8.self)
            }
            let fields = r.headers.filter { $0.name.lowercased() != "date" }.map { "\($0.name.lowercased()): \($0.value)" }
            return Outcome(status: r.status, headers: fields, json: text)
        }
    }

    @Test func routerModeAnswersLikeTheLiveServer() throws {
        let live = try Self.run(.live)
        let router = try Self.run(.router)
        #expect(live.count == Self.script.count && router.count == Self.script.count)
        for (i, step) in Self.script.enumerated() {
            #expect(live[i] == router[i], "\(step.method) \(step.path)\n live:   \(live[i])\n router: \(router[i])")
        }
        // The script meets the cases that differ in framing: HEAD, a head refused before its body.
        #expect(live[1].json.isEmpty && live[1].headers.contains { $0.hasPrefix("content-length: ") })
        #expect(live[10].status == 401 && live[10].headers.contains("connection: close"))
        #expect(live[17].status == 405)
    }

    /// A test written once runs in either mode.
    @Test(arguments: EmulatorHarness.Mode.allCases)
    func sameTestInEitherMode(_ mode: EmulatorHarness.Mode) throws {
        let h = try EmulatorHarness(mode)
        let created = try h.post(Self.base + "/releases", json: ["name": "Either \(mode)"])
        #expect(created.status == 201, "\(created)")
        let id = try #require(created.object["id"] as? Int)
        #expect(try h.get(Self.base + "/releases/\(id)").object["name"] as? String == "Either \(mode)")
        #expect(try h.get(Self.base + "/releases/\(id)", token: .some(nil)).status == 401)
        let token = try h.login(Demo.testerUser, Demo.testerPassword)
        #expect(try h.get("/api/v3/projects/108782", token: token).status == 403)
    }
}
