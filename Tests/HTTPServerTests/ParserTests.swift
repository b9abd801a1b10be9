import Foundation
import Testing
@testable import HTTPServer

/// Feeds `chunks` into a fresh parser and returns a canonical description of every event,
/// ignoring `continueExpected` (whether it appears legitimately depends on where bytes split)
/// and `head` (always followed by the request or an error, which carry the same information).
func parseAll(_ chunks: [[UInt8]], limits: HTTPParserLimits = .init()) -> [String] {
    var parser = HTTPRequestParser(limits: limits)
    var events: [String] = []
    for chunk in chunks {
        parser.append(chunk)
        loop: while true {
            switch parser.next() {
            case .needMoreData: break loop
            case .continueExpected, .head: continue
            case .request(let r):
                let headers = r.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
                events.append("\(r.method) \(r.target) \(r.path) \(r.version) [\(headers)] \(String(decoding: r.body, as: UTF8.self))")
            case .error(let e):
                events.append("error \(e.status)")
                return events
            }
        }
    }
    return events
}

let parserCorpus: [String] = [
    "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
    "GET //api/v3//x?a=1&b=%20c HTTP/1.1\r\nHost: a\r\nX-Y:  spaced  \r\n\r\n",
    "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
    "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n",
    "GET /a HTTP/1.1\nHost: a\n\n",                     // bare LF accepted
    "\r\nGET /lead HTTP/1.0\r\n\r\n",                      // leading empty line skipped
    "PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
    "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
    "GET / HTTP/2.0\r\nHost: a\r\n\r\n",                    // 505
    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", // 400
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n",   // 501
    "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",          // 400
]

@Test func parserCorpusParsesAsExpected() {
    let results = parserCorpus.map { parseAll([Array($0.utf8)]) }
    #expect(results[0] == ["GET / / http11 [Host=a] "])
    #expect(results[1] == ["GET //api/v3//x?a=1&b=%20c /api/v3/x http11 [Host=a,X-Y=spaced] "])
    #expect(results[2] == ["POST /p /p http11 [Host=a,Content-Length=5] hello"])
    #expect(results[3] == ["POST /c /c http11 [Host=a,Transfer-Encoding=chunked] hello world"])
    #expect(results[4] == ["GET /a /a http11 [Host=a] "])
    #expect(results[5] == ["GET /lead /lead http10 [] "])
    #expect(results[6].count == 1 && results[6][0].hasSuffix("abc"))
    #expect(results[7].count == 2)
    #expect(results[8] == ["error 505"])
    #expect(results[9] == ["error 400"])
    #expect(results[10] == ["error 501"])
    #expect(results[11] == ["error 400"])
}

@Test func parserIsIndependentOfFragmentation() {
    for text in parserCorpus {
        let bytes = Array(text.utf8)
        let whole = parseAll([bytes])
        for split in 0...bytes.count {
            let parts = [Array(bytes[0..<split]), Array(bytes[split...])]
            #expect(parseAll(parts) == whole, "split at \(split) of \(text.debugDescription)")
        }
        #expect(parseAll(bytes.map { [$0] }) == whole, "byte-at-a-time \(text.debugDescription)")
    }
}

@Test func parserEmitsContinueOnlyBeforeBody() {
    var parser = HTTPRequestParser()
    parser.append(Array("PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
    guard case .head(let head) = parser.next() else { Issue.record("expected head"); return }
    #expect(head.path == "/x" && head.body.isEmpty && head.headers["Content-Length"] == "3")
    guard case .continueExpected = parser.next() else { Issue.record("expected continue"); return }
    guard case .needMoreData = parser.next() else { Issue.record("expected needMore"); return }
    parser.append(Array("abc".utf8))
    guard case .request(let r) = parser.next() else { Issue.record("expected request"); return }
    #expect(r.body == Data("abc".utf8))
}

@Test(arguments: [
    ("GET / HTTP/1.1\r\n\r\n", 400),                                                     // no Host
    ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),                               // two Hosts
    ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 2\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
    ("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n", 501),
    ("GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: a\r\nName : x\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", 400),
    ("GET /\u{01} HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    ("GET / HTTP/1.1x\r\nHost: a\r\n\r\n", 400),
    ("GET / HTTP/3.0\r\nHost: a\r\n\r\n", 505),
    ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
    ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n", 400),
    ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n", 400),
    // Sizes that would overflow Int if accumulated naively.
    ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775807\r\n\r\n", 413),
    ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775808\r\n\r\n", 413),
    ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n", 413),
    ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\n", 413),
    ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n", 413),
])
func parserRejectsMalformed(_ input: String, _ status: Int) {
    #expect(parseAll([Array(input.utf8)]) == ["error \(status)"])
}

@Test func leadingZerosDoNotCountAsSize() {
    let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + String(repeating: "0", count: 40) + "3\r\nabc\r\n0\r\n\r\n"
    #expect(parseAll([Array(chunked.utf8)]).first?.hasSuffix("] abc") == true)
    let fixed = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + String(repeating: "0", count: 40) + "3\r\n\r\nabc"
    #expect(parseAll([Array(fixed.utf8)]).first?.hasSuffix("] abc") == true)
}

@Test func parserEnforcesLimits() {
    let limits = HTTPParserLimits(maxHeaderBytes: 200, maxHeaderCount: 3, maxBodyBytes: 10)
    let bigHeader = "GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "a", count: 300))\r\n\r\n"
    #expect(parseAll([Array(bigHeader.utf8)], limits: limits) == ["error 431"])
    // Detected before the end of headers arrives: no unbounded buffering.
    #expect(parseAll([Array(bigHeader.utf8.prefix(250))], limits: limits) == ["error 431"])
    let many = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
    #expect(parseAll([Array(many.utf8)], limits: limits) == ["error 431"])
    let body = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n"
    #expect(parseAll([Array(body.utf8)], limits: limits) == ["error 413"])
    let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\n"
    #expect(parseAll([Array(chunked.utf8)], limits: limits) == ["error 413"])
    let trailers = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\n\r\n"
    #expect(parseAll([Array(trailers.utf8)], limits: limits) == ["error 431"])
}

/// Deterministic xorshift so fuzz failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

@Test func parserSurvivesRandomInput() {
    var rng = SeededGenerator(state: 0x9E37_79B9_7F4A_7C15)
    let alphabet = Array("GET POST / HTTP/1.1\r\n: Host Content-Length Transfer-Encoding chunked 0123456789abcdef;\t\n\r%?&=".utf8)
    let limits = HTTPParserLimits(maxHeaderBytes: 512, maxHeaderCount: 8, maxBodyBytes: 1024)
    for i in 0..<20_000 {
        let length = Int.random(in: 0...300, using: &rng)
        var bytes: [UInt8]
        if i % 3 == 0 {
            bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        } else {
            // Mutate a valid request so the parser gets deep into its states.
            bytes = Array(parserCorpus[Int.random(in: 0..<parserCorpus.count, using: &rng)].utf8)
            for _ in 0..<Int.random(in: 1...6, using: &rng) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(contentsOf: (0..<Int.random(in: 1...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }, at: at)
                default: bytes.remove(at: at)
                }
            }
        }
        var chunks: [[UInt8]] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            let n = Int.random(in: 1...max(1, rest.count), using: &rng)
            chunks.append(Array(rest.prefix(n)))
            rest = rest.dropFirst(n)
        }
        let events = parseAll(chunks, limits: limits)
        #expect(events.count <= bytes.count / 10 + 1)
    }
}
