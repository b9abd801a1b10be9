import Foundation
import Glibc
import Testing
import TestSupport

/// The test client's own reading of framings the server never sends but a test may meet
/// (chunked bodies) and of the ones it does (interim 100, bodyless statuses), against a canned
/// peer on a loopback socket.
@Suite struct TestClientTests {
    /// Accepts one connection on a free port, writes `bytes` on it once anything arrived,
    /// then holds it open until the client is done. Returns the port and a group to join.
    static func cannedPeer(_ bytes: String) throws -> (port: Int, done: DispatchGroup) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, len) == 0 && getsockname(listener, $0, &len) == 0 }
        }
        guard bound, listen(listener, 1) == 0 else { Glibc.close(listener); throw TestClientError(description: "listen failed") }
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let done = onThread {
            var tv = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            let fd = accept(listener, nil, nil)
            Glibc.close(listener)
            guard fd >= 0 else { return }
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var chunk = [UInt8](repeating: 0, count: 4096)
            _ = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            rawSend(fd, Array(bytes.utf8))
            while chunk.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) > 0 {} // silent until the client closes
            Glibc.close(fd)
        }
        return (port, done)
    }

    @Test func readsChunkedBodiesWithExtensionsAndTrailers() throws {
        let (port, done) = try Self.cannedPeer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: yes\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n")
        let c = try HTTPTestClient.connect(port: port)
        c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        let r = try #require(c.readResponse())
        #expect(r.status == 200 && r.text == "Wikipedia")
        #expect(c.readResponse()?.status == 204)
        c.close()
        done.wait()
    }

    @Test func sendSkipsInterimResponsesAndReadResponseDoesNot() throws {
        let canned = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        let (port, done) = try Self.cannedPeer(canned)
        let exchange = HTTPTestClient(port: port)
        let r = try exchange.send("POST", "/", headers: [("Expect", "100-continue")], body: Data("x".utf8))
        #expect(r.status == 200 && r.text == "ok")
        exchange.close()
        done.wait()

        let (rawPort, rawDone) = try Self.cannedPeer(canned)
        let raw = try HTTPTestClient.connect(port: rawPort)
        raw.send("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx")
        #expect(raw.readResponse()?.status == 100)
        #expect(raw.readResponse()?.text == "ok")
        raw.close()
        rawDone.wait()
    }

    @Test func headAnswersHaveNoBodyAndSilencesTimeOut() throws {
        let (port, done) = try Self.cannedPeer("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        let c = try HTTPTestClient.connect(port: port, timeout: 0.5)
        let head = try c.send("HEAD", "/")
        #expect(head.status == 200 && head.body.isEmpty && head.header("content-length") == "1000")
        let started = Date()
        #expect(throws: TestClientError.self) { try c.send("GET", "/") } // the peer says nothing more
        #expect(Date().timeIntervalSince(started) < 3)
        c.close()
        done.wait()
    }
}
