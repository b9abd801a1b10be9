import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Sends `raw` on a fresh connection; expects a JSON error with `status`, `Connection: close`, then EOF.
private func expectError(_ raw: String, _ status: Int, configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
    try withServer(configure: configure) { _, port in
        let c = try HTTPTestClient.connect(port: port)
        c.send(raw)
        let r = try #require(c.readResponse(), sourceLocation: sourceLocation)
        #expect(r.status == status, sourceLocation: sourceLocation)
        #expect(r.headers["Connection"] == "close", sourceLocation: sourceLocation)
        #expect(r.headers["Content-Type"] == "application/json", sourceLocation: sourceLocation)
        #expect(r.object["message"] is String, sourceLocation: sourceLocation)
        #expect(c.waitForClose(), sourceLocation: sourceLocation)
    }
}

@Test func malformedRequestIs400() throws {
    try expectError("GARBAGE\r\n\r\n", 400)
    try expectError("GET / HTTP/1.1\r\n\r\n", 400) // missing Host
}

@Test func tooLargeHeadersAre431() throws {
    try expectError("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "x", count: 2000))\r\n\r\n", 431,
                    configure: { $0.maxHeaderBytes = 1024 })
    try expectError("GET / HTTP/1.1\r\nHost: a\r\n" + (0..<20).map { "H\($0): v\r\n" }.joined() + "\r\n", 431,
                    configure: { $0.maxHeaderCount = 10 })
}

@Test func tooLargeBodyIs413() throws {
    try expectError("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "b", count: 5000), 413,
                    configure: { $0.maxBodyBytes = 1000 })
    try expectError("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + String(repeating: "b", count: 2048) + "\r\n0\r\n\r\n", 413,
                    configure: { $0.maxBodyBytes = 1000 })
}

@Test func unknownTransferCodingIs501() throws {
    try expectError("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501)
}

@Test func unsupportedVersionIs505() throws {
    try expectError("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505)
}

@Test func smugglingAttemptsAreRejected() throws {
    // CL.TE and TE.CL: both framings present.
    try expectError("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG", 400)
    try expectError("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n", 400)
    // Conflicting and malformed lengths.
    try expectError("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400)
    try expectError("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc", 400)
    // Obfuscated TE header name (whitespace before colon) and obs-fold.
    try expectError("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400)
    try expectError("POST /echo HTTP/1.1\r\nHost: a\r\nX: y\r\n Transfer-Encoding: chunked\r\n\r\n", 400)
}

@Test func sameContentLengthRepeatedIsAccepted() throws {
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        c.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
        #expect(c.readResponse()?.object["body"] as? String == "abc")
    }
}

@Test func headerReadDeadlineClosesSlowClient() throws {
    try withServer(configure: { $0.headerReadTimeout = 0.3 }) { _, port in
        let c = try HTTPTestClient.connect(port: port)
        let started = Date()
        c.send("GET /echo HTTP/1.1\r\nHost: a\r\n") // never finishes the head
        let r = c.readResponse()
        #expect(r?.status == 408)
        #expect(c.waitForClose())
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.25 && elapsed < 2, "closed after \(elapsed)s")
    }
}

@Test func idleKeepAliveConnectionIsClosed() throws {
    try withServer(configure: { $0.idleTimeout = 0.3 }) { _, port in
        let c = try HTTPTestClient.connect(port: port)
        #expect(c.request("GET", "/echo")?.status == 200)
        let started = Date()
        #expect(c.waitForClose(timeout: 3))
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.25 && elapsed < 2, "closed after \(elapsed)s")
    }
}

@Test func connectionsBeyondLimitAreRefused() throws {
    try withServer(configure: { $0.maxConnections = 2 }) { _, port in
        let a = try HTTPTestClient.connect(port: port)
        let b = try HTTPTestClient.connect(port: port)
        #expect(a.request("GET", "/echo")?.status == 200)
        #expect(b.request("GET", "/echo")?.status == 200)
        let c = try HTTPTestClient.connect(port: port)
        #expect(c.waitForClose())
        // Existing connections keep working; a slot frees up once one closes.
        #expect(a.request("GET", "/echo", headers: ["Connection: close"])?.status == 200)
        #expect(a.waitForClose())
        usleep(50_000)
        let d = try HTTPTestClient.connect(port: port)
        #expect(d.request("GET", "/echo")?.status == 200)
    }
}
