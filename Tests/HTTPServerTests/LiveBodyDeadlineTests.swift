import Foundation
import Glibc
import Testing
@testable import HTTPServer
import TestSupport

/// Sends `bytes` one at a time, one every `intervalMs`, until sent, a send fails, `limit` passes
/// or `stop` is counted up.
private func trickle(_ client: HTTPTestClient, _ bytes: [UInt8], intervalMs: UInt32, limit: TimeInterval,
                     stop: Counter = Counter()) -> DispatchGroup {
    client.sendInBackground { send in
        let deadline = Date().addingTimeInterval(limit)
        for byte in bytes where Date() < deadline && stop.count == 0 {
            if send([byte]) != 1 { return }
            usleep(intervalMs * 1000)
        }
    }
}

/// Regression: connections trickling one body byte every 1.5 s kept their slots past the header
/// and idle timeouts. The whole body must now arrive within `bodyReadTimeout` of its head.
@Test(arguments: ["Content-Length: 100", "Transfer-Encoding: chunked"])
func slowBodyIsAnswered408(_ framing: String) throws {
    try withServer(configure: { $0.bodyReadTimeout = 0.5; $0.idleTimeout = 30 }) { _, port in
        let c = try HTTPTestClient.connect(port: port)
        c.send("POST /echo HTTP/1.1\r\nHost: a\r\n\(framing)\r\n\r\n")
        let started = Date()
        // 100 ms per byte keeps the connection busy, so the idle timeout never fires.
        let body = framing.hasPrefix("Content") ? Array(repeating: UInt8(ascii: "x"), count: 100) : Array("1\r\nx\r\n".utf8)
        let stop = Counter()
        let sender = trickle(c, body + body + body, intervalMs: 100, limit: 6, stop: stop)
        let r = try #require(c.readResponse())
        let elapsed = Date().timeIntervalSince(started)
        #expect(r.status == 408)
        #expect(r.headers["Connection"] == "close")
        #expect(r.headers["Content-Type"] == "application/json")
        #expect((r.object["message"] as? String)?.contains("body") == true)
        #expect(elapsed >= 0.45 && elapsed < 3, "answered after \(elapsed)s")
        #expect(c.waitForClose(timeout: 5))
        stop.add()
        sender.wait()
    }
}

@Test func bodyWithinDeadlineIsServed() throws {
    try withServer(configure: { $0.bodyReadTimeout = 2 }) { _, port in
        let c = try HTTPTestClient.connect(port: port)
        c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n")
        for piece in ["ab", "cd", "ef"] {
            usleep(100_000)
            c.send(piece)
        }
        #expect(c.readResponse()?.object["body"] as? String == "abcdef")
        // The deadline is per request: a keep-alive connection is not cut off by an earlier body.
        usleep(300_000)
        #expect(c.request("POST", "/echo", body: "again")?.object["body"] as? String == "again")
    }
}

/// The reported attack: every slot taken by body tricklers. Slots must come back after the deadline.
@Test func bodyTricklersDoNotKeepConnectionSlots() throws {
    try withServer(configure: { $0.bodyReadTimeout = 0.4; $0.maxConnections = 4 }) { _, port in
        var tricklers: [HTTPTestClient] = []
        var senders: [DispatchGroup] = []
        for _ in 0..<4 {
            let c = try HTTPTestClient.connect(port: port)
            c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n")
            senders.append(trickle(c, Array(repeating: 0x78, count: 1000), intervalMs: 100, limit: 8))
            tricklers.append(c)
        }
        usleep(100_000)
        // All slots are taken now: a new client is refused.
        let refused = try HTTPTestClient.connect(port: port)
        #expect(refused.readResponse()?.status == 503)
        for c in tricklers { #expect(c.readResponse()?.status == 408) }
        // After the deadline (plus the bounded lingering close) a new client is served.
        var served = false
        let deadline = Date().addingTimeInterval(6)
        while !served && Date() < deadline {
            usleep(100_000)
            guard let c = try? HTTPTestClient.connect(port: port, timeout: 2) else { continue }
            served = c.request("GET", "/echo")?.status == 200
        }
        #expect(served)
        senders.forEach { $0.wait() }
    }
}
