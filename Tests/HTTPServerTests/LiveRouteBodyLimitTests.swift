import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// A router whose `/upload` takes at most 1 MiB (answering its own 413) and whose `/free` takes
/// anything up to the server's limit; both answer the length they received and count calls.
private func limitedRouter(_ handled: Counter) -> Router {
    var router = Router()
    let limit = HTTPBodyLimit(maxBytes: 1 << 20, response: .message(413, "The attachment is too large"))
    router.add("POST", "/upload", bodyLimit: limit) { request in
        handled.add()
        return .json(200, object: ["length": request.body.count])
    }
    router.add("POST", "/free") { request in
        handled.add()
        return .json(200, object: ["length": request.body.count])
    }
    return router
}

/// A route's own body limit stops an upload where it is passed: a declared Content-Length is
/// answered before any body byte is read, a chunked body at the chunk that would pass it, and
/// the answer is the route's, not the server's generic 413.
@Suite struct LiveRouteBodyLimitTests {
    @Test func aDeclaredLengthAboveTheRouteLimitIsRefusedBeforeTheBody() throws {
        let handled = Counter()
        try withServer(router: limitedRouter(handled)) { server, port in
            let c = try HTTPTestClient.connect(port: port, timeout: 5)
            c.send("POST /upload HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: \((1 << 20) + 1)\r\n\r\n")
            // No "100 Continue": the refusal is the first answer.
            let r = try #require(c.readResponse())
            #expect(r.status == 413)
            #expect(r.object["message"] as? String == "The attachment is too large")
            #expect(r.headers["Connection"] == "close")
            #expect(c.waitForClose(timeout: 5))
            #expect(handled.count == 0)
            #expect(server.bufferHighWater.retainedInputBytes < 4096)
        }
    }

    @Test func aChunkedBodyStopsAtTheRouteLimit() throws {
        let handled = Counter()
        try withServer(router: limitedRouter(handled)) { server, port in
            let c = try HTTPTestClient.connect(port: port, timeout: 5)
            c.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
            // 64 KiB chunks, far more than the limit, from another thread as a streaming client would.
            let sender = c.sendInBackground { send in
                let piece = Array("10000\r\n".utf8) + [UInt8](repeating: 0x61, count: 1 << 16) + Array("\r\n".utf8)
                for _ in 0..<256 where send(piece) == piece.count {}
            }
            let r = try #require(c.readResponse())
            #expect(r.status == 413)
            #expect(r.object["message"] as? String == "The attachment is too large")
            #expect(r.headers["Connection"] == "close")
            #expect(c.waitForClose(timeout: 5))
            sender.wait()
            #expect(handled.count == 0)
            // At most the limit and one read of input was held, not the 16 MiB that was sent.
            let held = server.bufferHighWater.retainedInputBytes
            #expect(held <= (1 << 20) + (1 << 17), "held \(held) bytes")
        }
    }

    @Test func bodiesWithinTheLimitAndOtherRoutesAreUntouched() throws {
        let handled = Counter()
        try withServer(router: limitedRouter(handled)) { _, port in
            let c = try HTTPTestClient.connect(port: port, timeout: 5)
            let exact = try c.send("POST", "/upload", body: Data(repeating: 0x61, count: 1 << 20))
            #expect(exact.status == 200)
            #expect(exact.object["length"] as? Int == 1 << 20)
            // The limit was for that request only: the next one on the connection may be larger.
            let free = try c.send("POST", "/free", body: Data(repeating: 0x61, count: 3 << 20))
            #expect(free.object["length"] as? Int == 3 << 20)
            c.send("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
            #expect(c.readResponse()?.object["length"] as? Int == 3)
            c.send("POST /free HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n")
            c.send([UInt8](repeating: 0x62, count: 2 << 20) + Array("\r\n0\r\n\r\n".utf8))
            #expect(c.readResponse()?.object["length"] as? Int == 2 << 20)
            #expect(handled.count == 4)
        }
    }

    /// The server-wide limit stays in force where it is the smaller one.
    @Test func theServerLimitStillAppliesBelowARouteLimit() throws {
        let handled = Counter()
        try withServer(configure: { $0.maxBodyBytes = 1000 }, router: limitedRouter(handled)) { _, port in
            let c = try HTTPTestClient.connect(port: port, timeout: 5)
            let r = try c.send("POST", "/upload", body: Data(repeating: 0x61, count: 1001))
            #expect(r.status == 413)
            #expect((r.object["message"] as? String)?.contains("1000 bytes") == true)
            #expect(handled.count == 0)
        }
    }

    @Test func theParserAppliesALimitOnlyToTheRequestItWasSetFor() {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789".utf8))
        guard case .head = parser.next() else { Issue.record("no head"); return }
        parser.limitBody(to: 9)
        guard case .error(let error) = parser.next() else { Issue.record("not refused"); return }
        #expect(error.status == 413)

        var chunked = HTTPRequestParser()
        chunked.append(Array("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n".utf8))
        guard case .head = chunked.next() else { Issue.record("no head"); return }
        chunked.limitBody(to: 4)
        guard case .request(let first) = chunked.next() else { Issue.record("4 bytes refused"); return }
        #expect(first.body.count == 4)
        chunked.append(Array("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n".utf8))
        guard case .head = chunked.next() else { Issue.record("no head"); return }
        guard case .request(let second) = chunked.next() else { Issue.record("limit outlived its request"); return }
        #expect(second.body.count == 5)
    }
}
