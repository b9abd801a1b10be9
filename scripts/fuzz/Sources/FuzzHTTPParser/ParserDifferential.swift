import Foundation
@testable import HTTPServer

/// What parsing produced, in a form that must not depend on how the bytes were split into reads
/// (`continueExpected` is left out: whether it is due legitimately depends on the split).
enum ParseOutcome: Equatable {
    case head(method: String, target: String)
    case request(method: String, target: String, version: HTTPVersion, headers: [String], body: Data)
    case error(status: Int)
}

/// The properties checked on every input; a violation is a crash, which libFuzzer saves.
/// 1. No trap anywhere in the parser, the target splitting (path, query, percent-decoding), the
///    router (route patterns, screens) or the response serializer.
/// 2. The same outcomes whether the stream arrives whole, in random pieces, or byte by byte.
/// 3. Memory is bounded by the limits: whenever the parser asks for more data it holds at most
///    one head (or chunk-size line) plus one body; no request exceeds the body or header limits.
/// 4. Error statuses are the documented ones.
enum ParserDifferential {
    static func check(_ input: FuzzInput) {
        let whole = outcomes(input) { remaining, _ in remaining }
        var rng = SplitMix64(state: input.splitSeed)
        let split = outcomes(input) { remaining, _ in min(remaining, rng.pieceLength()) }
        expect(split == whole, "split feeding differs", input, whole, split)
        if input.stream.count <= 512 {
            let bytewise = outcomes(input) { _, _ in 1 }
            expect(bytewise == whole, "byte-at-a-time feeding differs", input, whole, bytewise)
        }
        expect(whole.count <= input.stream.count / 8 + 1, "more outcomes than the bytes allow", input, whole, [])
    }

    private static let errorStatuses: Set<Int> = [400, 413, 431, 501, 505]

    /// Parses `input.stream`, appending `nextLength(remaining, offset)` bytes at a time.
    private static func outcomes(_ input: FuzzInput, nextLength: (Int, Int) -> Int) -> [ParseOutcome] {
        let limits = input.limits
        var parser = HTTPRequestParser(limits: limits)
        var result: [ParseOutcome] = []
        var offset = 0
        let stream = input.stream
        // Bytes a parser waiting for more may hold: a head or a chunk-size line, plus a body.
        let bound = max(limits.maxHeaderBytes, 4096) + limits.maxBodyBytes
        while offset < stream.count {
            let length = max(1, min(stream.count - offset, nextLength(stream.count - offset, offset)))
            parser.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: stream[offset..<(offset + length)])))
            offset += length
            draining: while true {
                switch parser.next() {
                case .needMoreData:
                    expect(parser.retainedByteCount <= bound, "parser holds \(parser.retainedByteCount) bytes", input, result, [])
                    break draining
                case .continueExpected:
                    continue
                case .head(let head):
                    expect(head.body.isEmpty, "head with a body", input, result, [])
                    result.append(.head(method: head.method, target: head.target))
                    exercise(head, screenOnly: true)
                case .request(let request):
                    expect(request.body.count <= limits.maxBodyBytes, "body over the limit", input, result, [])
                    expect(request.headers.count <= limits.maxHeaderCount, "headers over the limit", input, result, [])
                    result.append(.request(method: request.method, target: request.target, version: request.version,
                                           headers: request.headers.map { "\($0.name): \($0.value)" }, body: request.body))
                    exercise(request, screenOnly: false)
                case .error(let error):
                    expect(errorStatuses.contains(error.status), "unexpected status \(error.status)", input, result, [])
                    result.append(.error(status: error.status))
                    return result
                }
            }
        }
        return result
    }

    /// Runs the code a request reaches after parsing: routing (patterns, parameters, screens),
    /// query access and response serialization.
    private static func exercise(_ request: HTTPRequest, screenOnly: Bool) {
        _ = request.query["id"]
        _ = request.wantsKeepAlive
        let response = screenOnly ? router.screen(request) : router.respond(to: request)
        if let response {
            _ = ResponseSerializer.serialize(response, version: request.version, isHead: request.method == "HEAD",
                                             keepAlive: request.wantsKeepAlive, date: "Thu, 01 Jan 1970 00:00:00 GMT")
        }
    }

    private static let router: Router = {
        var router = Router()
        let echo: Router.Handler = { request in
            var response = HTTPResponse.text(200, request.path)
            for (name, value) in request.pathParameters { response.headers[name] = value }
            response.headers["X-Query"] = request.query.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
            return response
        }
        let screen: Router.Screen = { head in head.headers["Authorization"] == nil ? .message(401, "no token") : nil }
        router.add("GET", "/api/v3/projects/{projectId}", screen: screen, echo)
        router.add("POST", "/api/v3/projects/{projectId}/test-runs/{testRunId}/auto-test-logs", screen: screen, echo)
        router.add("GET", "/items/special", echo)
        router.add("GET", "/items/{id}", echo)
        router.add("PUT", "/items/{id}", echo)
        router.add("POST", "/", echo)
        return router
    }()

    private static func expect(_ condition: Bool, _ what: @autoclosure () -> String, _ input: FuzzInput,
                               _ expected: [ParseOutcome], _ actual: [ParseOutcome]) {
        guard !condition else { return }
        // The harness, not the server, traps here: this is how libFuzzer learns of a finding.
        fatalError("""
            \(what()) (limits \(input.limits), \(input.stream.count) stream bytes)
              expected: \(expected)
              actual:   \(actual)
            """)
    }
}
