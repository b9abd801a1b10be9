import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// `/vault/{id}` refuses heads without `X-Key` (its screen sees path parameters);
/// `/open` has no screen. Handlers count their calls.
private func screenedRouter(_ handled: Counter) -> Router {
    var router = Router()
    router.add("POST", "/vault/{id}", screen: { head in
        head.headers["X-Key"] == nil ? .message(403, "Forbidden: no key for vault \(head.pathParameters["id"] ?? "?")") : nil
    }) { request in
        handled.add()
        return .text(200, "stored \(request.body.count) in \(request.pathParameters["id"] ?? "")")
    }
    router.add("GET", "/vault/{id}", screen: { $0.headers["X-Key"] == nil ? .message(403, "Forbidden: read") : nil }) { _ in
        handled.add()
        return .text(200, "read")
    }
    router.add("POST", "/open") { request in
        handled.add()
        return .text(200, "open \(request.body.count)")
    }
    return router
}

@Test func routerScreenFindsTheRouteOfTheHead() {
    let router = screenedRouter(Counter())
    let refused = router.screen(HTTPRequest(method: "POST", target: "/vault/7"))
    #expect(refused?.status == 403)
    let message = String(decoding: refused?.body ?? Data(), as: UTF8.self)
    #expect(message.contains("vault 7"))
    let keyed = HTTPRequest(method: "POST", target: "/vault/7", headers: HTTPHeaders([("X-Key", "k")]))
    #expect(router.screen(keyed) == nil)
    // HEAD goes to the GET route, and so does its screen.
    #expect(router.screen(HTTPRequest(method: "HEAD", target: "/vault/7"))?.status == 403)
    // No screen on the route, unknown path, wrong method: let through (404/405 come from respond).
    #expect(router.screen(HTTPRequest(method: "POST", target: "/open")) == nil)
    #expect(router.screen(HTTPRequest(method: "POST", target: "/nowhere")) == nil)
    #expect(router.screen(HTTPRequest(method: "DELETE", target: "/vault/7")) == nil)
    #expect(router.respond(to: HTTPRequest(method: "DELETE", target: "/vault/7")).status == 405)
}

@Test func routerScreenRefusesUploadBeforeItsBodyOverASocket() throws {
    let handled = Counter()
    try withServer(router: screenedRouter(handled)) { server, port in
        let size = 10 << 20
        let c = try HTTPTestClient.connect(port: port, timeout: 5)
        c.send("POST /vault/42 HTTP/1.1\r\nHost: a\r\nContent-Length: \(size)\r\n\r\n")
        let sender = c.sendInBackground { send in _ = send([UInt8](repeating: 0x7A, count: size)) }
        let r = try #require(c.readResponse())
        #expect(r.status == 403)
        #expect(r.object["message"] as? String == "Forbidden: no key for vault 42")
        #expect(r.headers["Connection"] == "close")
        #expect(c.waitForClose(timeout: 5))
        sender.wait()
        #expect(server.bufferHighWater.retainedInputBytes < 1 << 20)

        let ok = try HTTPTestClient.connect(port: port)
        #expect(ok.request("POST", "/vault/42", headers: ["X-Key: k"], body: "secret")?.text == "stored 6 in 42")
        #expect(ok.request("POST", "/open", body: "hello")?.text == "open 5")
        #expect(ok.request("GET", "/vault/1")?.status == 403)
        #expect(handled.count == 2)
    }
}
