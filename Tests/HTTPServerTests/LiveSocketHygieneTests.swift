import Foundation
import Glibc
import Testing
@testable import HTTPServer
import TestSupport

@Test func largeResponseSurvivesPartialWrites() throws {
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        // 8 MiB exceeds the loopback socket buffers, and not reading for a while makes the server
        // hit EAGAIN and resume from its write source.
        c.send("GET /big?kb=8192 HTTP/1.1\r\nHost: a\r\n\r\n")
        usleep(300_000)
        let r = try #require(c.readResponse())
        #expect(r.body.count == 8192 * 1024)
        #expect(r.body == TestRoutes.pattern(8192 * 1024))
        #expect(c.request("GET", "/echo?id=after")?.object["id"] as? String == "after")
    }
}

@Test func peerVanishingMidResponseDoesNotKillProcess() throws {
    try withServer { server, port in
        for _ in 0..<5 {
            let c = try HTTPTestClient.connect(port: port)
            c.send("GET /big?kb=4096 HTTP/1.1\r\nHost: a\r\n\r\n")
            // Close with unread data → RST; server writes then get EPIPE/ECONNRESET (SIGPIPE ignored).
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        }
        usleep(200_000)
        let c = try HTTPTestClient.connect(port: port)
        #expect(c.request("GET", "/echo")?.status == 200)
        #expect(server.openSocketCount >= 1)
    }
}

@Test func everySocketClosedExactlyOnce() throws {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.headerReadTimeout = 0.2
    let server = HTTPServer(configuration: configuration, responder: TestRoutes.router())
    let port = try server.start()
    #expect(server.openSocketCount == 1) // the listener
    do {
        var clients: [HTTPTestClient] = []
        for i in 0..<30 {
            let c = try HTTPTestClient.connect(port: port)
            switch i % 5 {
            case 0: _ = c.request("GET", "/echo")                           // keep-alive, client closes
            case 1: _ = c.request("GET", "/echo", headers: ["Connection: close"]) // server closes
            case 2: c.send("BROKEN\r\n\r\n"); _ = c.readResponse()           // 400 + lingering close
            case 3: c.send("GET / HTTP/1.1\r\n")                            // header timeout
            default: break                                                  // silent
            }
            clients.append(c)
        }
        usleep(600_000)
        let open = server.openSocketCount
        #expect(open >= 1 && open <= 31)
    } // clients closed here
    usleep(300_000)
    server.shutdown(gracePeriod: 1)
    #expect(server.openSocketCount == 0)
}
