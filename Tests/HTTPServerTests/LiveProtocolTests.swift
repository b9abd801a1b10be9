import Foundation
import Testing
@testable import HTTPServer
import TestSupport

@Test func ipv4AndPortZero() throws {
    try withServer { server, port in
        #expect(port > 0 && port == server.boundPort)
        let c = try HTTPTestClient.connect(port: port)
        let r = try #require(c.request("GET", "/echo?id=7"))
        #expect(r.status == 200)
        #expect(r.object["id"] as? String == "7")
        #expect(r.headers["Content-Type"] == "application/json")
        #expect(r.headers["Content-Length"] == String(r.body.count))
        #expect(r.headers["Date"]?.hasSuffix(" GMT") == true)
        #expect((r.object["remote"] as? String)?.hasPrefix("127.0.0.1:") == true)
    }
}

@Test func ipv6Listen() throws {
    try withServer(configure: { $0.host = "::1" }) { _, port in
        let c = try HTTPTestClient.connect(port: port, host: "::1")
        let r = try #require(c.request("GET", "/echo"))
        #expect(r.status == 200)
        #expect((r.object["remote"] as? String)?.hasPrefix("[::1]:") == true)
    }
}

@Test func bindFailureIsAClearError() throws {
    try withServer { _, port in
        var configuration = HTTPServerConfiguration()
        configuration.port = port
        let second = HTTPServer(configuration: configuration, responder: Router())
        #expect(throws: HTTPServerError.self) { try second.start() }
    }
}

@Test func keepAliveReusesConnection() throws {
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        for i in 0..<5 {
            let r = try #require(c.request("GET", "/echo?id=\(i)"))
            #expect(r.object["id"] as? String == "\(i)")
            #expect(r.headers["Connection"] == nil)
        }
        let last = try #require(c.request("GET", "/echo", headers: ["Connection: close"]))
        #expect(last.headers["Connection"] == "close")
        #expect(c.waitForClose())
    }
}

@Test func pipelinedRequestsAnsweredInOrder() throws {
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        c.send("GET /slow?ms=100 HTTP/1.1\r\nHost: a\r\n\r\nGET /echo?id=2 HTTP/1.1\r\nHost: a\r\n\r\nPOST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nthree")
        #expect(c.readResponse()?.text == "slow done 100")
        #expect(c.readResponse()?.object["id"] as? String == "2")
        #expect(c.readResponse()?.object["body"] as? String == "three")
    }
}

@Test func http10ClosesUnlessKeepAlive() throws {
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        c.send("GET /echo?id=a HTTP/1.0\r\n\r\n")
        let r = try #require(c.readResponse())
        #expect(r.headers["Connection"] == "close")
        #expect(c.waitForClose())

        let k = try HTTPTestClient.connect(port: port)
        k.send("GET /echo?id=b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(k.readResponse()?.headers["Connection"] == "keep-alive")
        k.send("GET /echo?id=c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(k.readResponse()?.object["id"] as? String == "c")
    }
}

@Test func headHasLengthButNoBody() throws {
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        let get = try #require(c.request("GET", "/items/12345"))
        let head = try #require(c.request("HEAD", "/items/12345"))
        #expect(head.status == 200)
        #expect(head.headers["Content-Length"] == String(get.body.count))
        #expect(head.body.isEmpty)
        // The connection is still in sync: no stray body bytes were sent.
        #expect(c.request("GET", "/items/9")?.text == "param:9")
    }
}

@Test func queryDecodingAndSlashCollapsing() throws {
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        let r = try #require(c.request("GET", "//echo?tag=a&tag=b%20c&sp=x+y"))
        #expect(r.object["path"] as? String == "/echo")
        #expect(r.object["query"] as? [String] == ["tag=a", "tag=b c", "sp=x y"])
    }
}

@Test func routerNotFoundAndMethodNotAllowed() throws {
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        let missing = try #require(c.request("GET", "/missing"))
        #expect(missing.status == 404)
        #expect(missing.object["message"] is String)
        let wrong = try #require(c.request("DELETE", "/items/3"))
        #expect(wrong.status == 405)
        #expect(wrong.headers["Allow"] == "GET, PUT, HEAD")
    }
}

@Test func chunkedRequestBody() throws {
    try withServer { _, port in
        let c = try HTTPTestClient.connect(port: port)
        c.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
        c.send("4;name=value\r\nWiki\r\n")
        c.send("5\r\npedia\r\n0\r\nX-Trailer: yes\r\n\r\n")
        let r = try #require(c.readResponse())
        #expect(r.object["body"] as? String == "Wikipedia")
        #expect(c.request("GET", "/echo?id=after")?.object["id"] as? String == "after")
    }
}

@Test func expectContinue() throws {
    try withServer(configure: { $0.maxBodyBytes = 100 }) { _, port in
        let c = try HTTPTestClient.connect(port: port)
        c.send("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = try #require(c.readResponse())
        #expect(interim.status == 100)
        c.send("data")
        #expect(c.readResponse()?.object["body"] as? String == "data")

        let big = try HTTPTestClient.connect(port: port)
        big.send("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n")
        let refused = try #require(big.readResponse())
        #expect(refused.status == 413)
        #expect(refused.headers["Connection"] == "close")
        #expect(big.waitForClose())
    }
}
