import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// A router whose `/blob/{seq}` answers 1 MiB tagged with its sequence number, counting calls.
private func blobRouter(_ handled: Counter) -> Router {
    var router = Router()
    router.add("GET", "/blob/{seq}") { request in
        handled.add()
        var response = HTTPResponse(status: 200, body: TestRoutes.pattern(1 << 20))
        response.headers["X-Seq"] = request.pathParameters["seq"]
        return response
    }
    return router
}

/// Regression: 1,000 pipelined GETs of 1 MB by a client that never read grew RSS by 1 GB, because
/// every response was handled and queued. Now handling stops while the queue is over its bound.
@Test func pipelinedResponsesToANonReadingClientStayBounded() throws {
    let handled = Counter()
    let bound = 2 << 20
    let count = 100
    try withServer(configure: { $0.maxOutputBytes = bound }, router: blobRouter(handled)) { server, port in
        let c = try HTTPTestClient.connect(port: port, timeout: 10)
        c.send((0..<count).map { "GET /blob/\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined())
        // Wait until the server stops making progress on its own (it cannot finish: nobody reads).
        var stalled = -1
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            usleep(200_000)
            let now = handled.count
            if now == stalled && now > 0 { break }
            stalled = now
        }
        // Loopback socket buffers absorb roughly a dozen responses; the queue holds the bound plus one.
        #expect(stalled < count / 2, "handled \(stalled) of \(count) requests while the client read nothing")
        let highWater = server.bufferHighWater
        #expect(highWater.unsentOutputBytes <= bound + (1 << 20) + 4096, "queued \(highWater.unsentOutputBytes) bytes")

        // Reading resumes the connection: every response arrives, complete and in order.
        for i in 0..<count {
            let r = try #require(c.readResponse(), "response \(i)")
            #expect(r.status == 200)
            #expect(r.headers["X-Seq"] == "\(i)")
            #expect(r.body.count == 1 << 20)
            if i == 0 { #expect(r.body == TestRoutes.pattern(1 << 20)) }
        }
        #expect(handled.count == count)
        #expect(server.bufferHighWater.unsentOutputBytes <= bound + (1 << 20) + 4096)
    }
}

@Test func outputBufferDropsSentBytesAndCompacts() {
    var buffer = OutputBuffer()
    buffer.append(Array(repeating: 1, count: 100_000))
    buffer.consume(99_000)
    #expect(buffer.unsentCount == 1_000)
    buffer.append(Data(repeating: 2, count: 10))
    #expect(buffer.unsentCount == 1_010)
    buffer.withUnsentBytes { bytes in
        #expect(bytes.count == 1_010)
        #expect(bytes.first == 1 && bytes.last == 2)
    }
    buffer.consume(5_000) // more than queued: clamped
    #expect(buffer.isEmpty && buffer.unsentCount == 0)
    buffer.consume(-3)
    #expect(buffer.unsentCount == 0)
}

/// A large body is queued as the responder's own storage (no second copy of a download), and
/// small pieces around it still go out in order.
@Test func outputBufferQueuesLargeBodiesWithoutCopying() {
    var buffer = OutputBuffer()
    let body = Data(repeating: 7, count: 1 << 20)
    buffer.append(Array("head".utf8))
    buffer.append(body)
    buffer.append(Array("next".utf8))
    #expect(buffer.unsentCount == 8 + body.count)
    #expect(buffer.withUnsentBytes { $0.count } == 4)
    buffer.consume(4)
    let bodyAddress = body.withUnsafeBytes { $0.baseAddress }
    #expect(buffer.withUnsentBytes { $0.baseAddress } == bodyAddress, "the body was copied")
    buffer.consume(body.count - 10)
    #expect(buffer.withUnsentBytes { Array($0) } == [UInt8](repeating: 7, count: 10))
    buffer.consume(12)
    #expect(buffer.withUnsentBytes { Array($0) } == Array("xt".utf8))
    buffer.consume(2)
    #expect(buffer.isEmpty)
}
