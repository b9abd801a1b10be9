import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Request bytes aimed at traps (integer overflow in sizes, odd escapes, extreme shapes) get a
/// clear answer over a real socket, and the server keeps serving afterwards.
@Test(arguments: [
    ("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775807\r\n\r\n", 413),
    ("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775808\r\n\r\n", 413),
    ("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: \(String(repeating: "9", count: 5000))\r\n\r\n", 413),
    ("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffffffff\r\n", 413),
    ("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\n", 413),
    // Chunks that add up past the limit (each alone would fit an Int many times over).
    ("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n", 413),
    ("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;\(String(repeating: "e", count: 5000))\r\n", 400),
    ("\(String(repeating: "\r\n", count: 40_000))GET / HTTP/1.1\r\nHost: a\r\n\r\n", 431),
    ("GET /\(String(repeating: "a", count: 70_000)) HTTP/1.1\r\nHost: a\r\n\r\n", 431),
    ("GET / HTTP/1.1\r\nHost: a\r\n\(String(repeating: "X: y\r\n", count: 5000))\r\n", 431),
    ("GET / HTTP/1.1\r\nHost: a\r\nX: \u{7F}\r\n\r\n", 400),
    ("\u{0}\u{0}\u{0}\u{0}\r\n\r\n", 400),
])
func hostileFramingGetsAClearError(_ raw: String, _ status: Int) throws {
    try withServer(configure: { $0.maxBodyBytes = 1 << 20 }) { _, port in
        let c = try HTTPTestClient.connect(port: port)
        c.send(raw)
        let r = try #require(c.readResponse())
        #expect(r.status == status)
        #expect(r.object["message"] is String)
        #expect(c.waitForClose())
        #expect(try HTTPTestClient.connect(port: port).request("GET", "/echo")?.status == 200)
    }
}

@Test func hostileTargetsAreAnsweredNormally() throws {
    let targets = [
        "/%", "/%%", "/%%%25", "/%e2%82", "/items/%ff%fe", "/items/%00", "/?", "/?&&==&%", "/echo?%=%&=&&a=%zz",
        "/echo?" + String(repeating: "a=1&", count: 5000), "/" + String(repeating: "/", count: 20_000),
        "/" + String(repeating: "%2F", count: 5000), "*", "http://host", "http://host?x=1", "http://", "#frag",
        "/items/" + String(repeating: "%41", count: 4000), "/items/\u{00E9}\u{1F600}",
    ]
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        for target in targets {
            let r = c.request("GET", target)
            #expect(r.map { [200, 404].contains($0.status) } == true, "\(target.prefix(40)): \(r?.status ?? -1)")
        }
        #expect(c.request("GET", "/items/%41%42")?.text == "param:AB")
    }
}
