import Foundation

/// Incremental HTTP/1.x request parser with no I/O: bytes go in via `append`, events come out of `next()`.
///
/// Decisions:
/// - Bare LF is accepted as a line terminator (RFC 9112 §2.2 allows it); a bare CR anywhere else is a 400.
/// - Empty lines before a request line are skipped (RFC 9112 §2.2) but count against `maxHeaderBytes`.
/// - obs-fold, whitespace before the colon, CTLs in values → 400.
/// - Content-Length + Transfer-Encoding, or differing/invalid Content-Length values → 400 (no smuggling).
/// - Transfer codings other than a single "chunked" → 501. HTTP versions other than 1.0/1.1 → 505.
/// - HTTP/1.1 without exactly one Host → 400 (RFC 9112 §3.2).
/// - Chunk extensions are validated then ignored; trailers are validated, limited like headers, then dropped.
/// - A request with a body yields `.head` first (see `HTTPParserEvent.head`), then `.request`.
/// Every index is bounds-checked, every size is bounded before it is added or shifted, and there is
/// no recursion and no force unwrap: no input can trap, and the buffer is bounded by the limits.
struct HTTPRequestParser {
    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPParseError)
    }

    /// Request whose head is parsed while its body is still arriving.
    private struct PendingRequest {
        var method: String
        var target: String
        var version: HTTPVersion
        var headers: HTTPHeaders
        var body = Data()
    }

    let limits: HTTPParserLimits
    private var buffer: [UInt8] = []
    private var readIndex = 0          // first unconsumed byte
    private var scanIndex = 0          // where the next line search starts
    private var lineStart = 0          // start of the line being scanned
    private var lines: [Range<Int>] = []  // head lines found so far (absolute indices)
    private var sectionBytes = 0       // bytes of the current head / trailer section
    private var trailerCount = 0
    private var state: State = .head
    private var pending: PendingRequest?
    private var continuePending = false
    /// A limit below `limits.maxBodyBytes` for the current request only (see `limitBody(to:)`).
    private var requestBodyLimit: Int?

    init(limits: HTTPParserLimits = .init()) {
        self.limits = limits
    }

    /// Bytes received but not yet consumed into a request.
    var bufferedByteCount: Int { buffer.count - readIndex }

    /// True while part of a request head has arrived (drives the header-read deadline).
    var isReadingHead: Bool {
        if case .head = state { return buffer.count > readIndex }
        return false
    }

    /// True after a head was accepted while its body is still arriving (drives the body deadline).
    var isReadingBody: Bool {
        switch state {
        case .fixedBody(let remaining): return remaining > 0 // 0: a bodyless request, complete at once
        case .chunkSize, .chunkData, .chunkDataEnd, .trailers: return true
        case .head, .failed: return false
        }
    }

    /// Request bytes held in memory for the request being parsed and any pipelined after it:
    /// unconsumed input plus the chunked body decoded so far.
    var retainedByteCount: Int { bufferedByteCount + (pending?.body.count ?? 0) }

    /// True between requests with nothing buffered (drives the idle timeout).
    var isIdle: Bool {
        if case .head = state { return buffer.count == readIndex }
        return false
    }

    mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthwhile()
        buffer.append(contentsOf: bytes)
    }

    /// Lowers the body limit of the request whose `.head` was just returned, for this request only
    /// (one route's uploads may be capped below the server-wide limit). A declared Content-Length
    /// above it fails at once, before any body byte is consumed and without "100 Continue"; a
    /// chunked body fails at the first chunk that would take it past the limit.
    mutating func limitBody(to maxBytes: Int) {
        let limit = max(0, maxBytes)
        switch state {
        case .fixedBody(let remaining) where remaining > limit:
            continuePending = false
            _ = fail(.bodyTooLarge("request body exceeds \(limit) bytes"))
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers:
            requestBodyLimit = limit
        case .head, .failed:
            break
        }
    }

    /// Drops consumed bytes once they dominate the buffer (amortised O(1) per byte).
    private mutating func compactIfWorthwhile() {
        guard readIndex >= 4096, readIndex * 2 >= buffer.count else {
            if readIndex > 0 && readIndex == buffer.count && lines.isEmpty {
                shift(by: readIndex)
            }
            return
        }
        shift(by: readIndex)
    }

    private mutating func shift(by n: Int) {
        buffer.removeFirst(n)
        readIndex -= n
        scanIndex -= n
        lineStart -= n
        lines = lines.map { ($0.lowerBound - n)..<($0.upperBound - n) }
    }

    mutating func next() -> HTTPParserEvent {
        // Decided when the caller comes back after `.head`: a client that already started sending
        // the body does not need "100 Continue" (RFC 9110 §10.1.1).
        if continuePending {
            continuePending = false
            if bufferedByteCount == 0 { return .continueExpected }
        }
        while true {
            switch state {
            case .failed(let error):
                return .error(error)
            case .head:
                switch parseHead() {
                case .needMore: return .needMoreData
                case .failure(let e): return fail(e)
                case .progress:
                    if isReadingBody, let p = pending {
                        return .head(HTTPRequest(method: p.method, target: p.target, version: p.version, headers: p.headers))
                    }
                }
            case .fixedBody(let remaining):
                guard bufferedByteCount >= remaining else { return .needMoreData }
                pending?.body = Data(buffer[readIndex..<(readIndex + remaining)])
                readIndex += remaining
                return complete()
            case .chunkSize:
                switch parseChunkSize() {
                case .needMore: return .needMoreData
                case .failure(let e): return fail(e)
                case .progress: continue
                }
            case .chunkData(let remaining):
                let n = min(remaining, bufferedByteCount)
                guard n > 0 else { return .needMoreData }
                pending?.body.append(contentsOf: buffer[readIndex..<(readIndex + n)])
                readIndex += n
                state = remaining - n == 0 ? .chunkDataEnd : .chunkData(remaining: remaining - n)
            case .chunkDataEnd:
                guard bufferedByteCount >= 1 else { return .needMoreData }
                if buffer[readIndex] == ASCII.lf {
                    readIndex += 1
                } else if buffer[readIndex] == ASCII.cr {
                    guard bufferedByteCount >= 2 else { return .needMoreData }
                    guard buffer[readIndex + 1] == ASCII.lf else { return fail(.badRequest("chunk data not followed by CRLF")) }
                    readIndex += 2
                } else {
                    return fail(.badRequest("chunk data longer than its declared size"))
                }
                // Line scanning resumes from here; chunk data advanced only readIndex.
                scanIndex = readIndex
                lineStart = readIndex
                state = .chunkSize
            case .trailers:
                switch parseTrailers() {
                case .needMore: return .needMoreData
                case .failure(let e): return fail(e)
                case .progress: return complete()
                }
            }
        }
    }

    private enum Step { case needMore, progress, failure(HTTPParseError) }

    private mutating func fail(_ error: HTTPParseError) -> HTTPParserEvent {
        state = .failed(error)
        pending = nil
        return .error(error)
    }

    private mutating func complete() -> HTTPParserEvent {
        // Body states are entered only after `pending` is set; fail instead of trapping if not.
        guard let p = pending else { return fail(.badRequest("request body without a request head")) }
        pending = nil
        requestBodyLimit = nil
        state = .head
        lines.removeAll(keepingCapacity: true)
        scanIndex = readIndex
        lineStart = readIndex
        sectionBytes = 0
        return .request(HTTPRequest(method: p.method, target: p.target, version: p.version, headers: p.headers, body: p.body))
    }

    /// Finds the next LF at or after `scanIndex`; returns the line content range without its terminator
    /// (a CR immediately before the LF is dropped).
    private mutating func nextLine() -> Range<Int>? {
        let end = buffer.count
        guard scanIndex < end else { return nil }
        let found: Int? = buffer.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress,
                  let p = memchr(base + scanIndex, Int32(ASCII.lf), end - scanIndex) else { return nil }
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        guard let lf = found else {
            scanIndex = end
            return nil
        }
        var contentEnd = lf
        if contentEnd > lineStart && buffer[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
        let line = lineStart..<contentEnd
        scanIndex = lf + 1
        lineStart = scanIndex
        return line
    }

    // MARK: Head

    private mutating func parseHead() -> Step {
        while true {
            guard let line = nextLine() else {
                if buffer.count - readIndex > limits.maxHeaderBytes {
                    return .failure(.headersTooLarge("request header section exceeds \(limits.maxHeaderBytes) bytes"))
                }
                return .needMore
            }
            if scanIndex - readIndex > limits.maxHeaderBytes {
                return .failure(.headersTooLarge("request header section exceeds \(limits.maxHeaderBytes) bytes"))
            }
            if line.isEmpty {
                if lines.isEmpty { continue } // blank line(s) before the request line
                break
            }
            lines.append(line)
            if lines.count - 1 > limits.maxHeaderCount {
                return .failure(.headersTooLarge("more than \(limits.maxHeaderCount) header fields"))
            }
        }
        let headLines = lines
        readIndex = scanIndex
        lines.removeAll(keepingCapacity: true)
        return interpretHead(headLines)
    }

    private mutating func interpretHead(_ headLines: [Range<Int>]) -> Step {
        guard let requestLine = headLines.first else { return .failure(.badRequest("empty request")) }
        let method: String, target: String, version: HTTPVersion
        switch parseRequestLine(requestLine) {
        case .success(let r): (method, target, version) = r
        case .failure(let e): return .failure(e)
        }
        var headers = HTTPHeaders()
        for range in headLines.dropFirst() {
            switch parseField(range) {
            case .success(let (n, v)): headers.add(n, v)
            case .failure(let e): return .failure(e)
            }
        }
        if version == .http11 {
            let hosts = headers.values("Host").count
            if hosts == 0 { return .failure(.badRequest("HTTP/1.1 request without Host header")) }
            if hosts > 1 { return .failure(.badRequest("multiple Host headers")) }
        }
        pending = PendingRequest(method: method, target: target, version: version, headers: headers)

        // Body framing, RFC 9112 §6.
        let te = headers.values("Transfer-Encoding")
        let cl = headers.values("Content-Length")
        var expectsBody = false
        if !te.isEmpty {
            if !cl.isEmpty { return .failure(.badRequest("both Transfer-Encoding and Content-Length")) }
            let codings = ASCII.tokenList(te)
            if codings.isEmpty { return .failure(.badRequest("empty Transfer-Encoding")) }
            if let unknown = codings.first(where: { $0 != "chunked" }) {
                return .failure(.notImplemented("unsupported transfer coding '\(unknown)'"))
            }
            if codings.count > 1 { return .failure(.badRequest("chunked applied more than once")) }
            state = .chunkSize
            expectsBody = true
        } else if !cl.isEmpty {
            var length: Int?
            for element in cl.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
                let digits = ASCII.trimOWS(element)
                guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    return .failure(.badRequest("invalid Content-Length"))
                }
                let trimmed = digits.drop { $0 == "0" }
                let value = trimmed.utf8.count > 18 ? Int.max : (Int(trimmed) ?? 0)
                if let length, length != value { return .failure(.badRequest("conflicting Content-Length values")) }
                length = value
            }
            let n = length ?? 0
            if n > limits.maxBodyBytes {
                return .failure(.bodyTooLarge("request body exceeds \(limits.maxBodyBytes) bytes"))
            }
            state = .fixedBody(remaining: n)
            expectsBody = n > 0
        } else {
            state = .fixedBody(remaining: 0)
        }
        if expectsBody, version == .http11,
           headers.values("Expect").contains(where: { ASCII.caseInsensitiveEquals(String(ASCII.trimOWS($0[...])), "100-continue") }) {
            continuePending = true
        }
        sectionBytes = 0
        return .progress
    }

    private func parseRequestLine(_ range: Range<Int>) -> Result<(String, String, HTTPVersion), HTTPParseError> {
        let line = buffer[range]
        guard let sp1 = line.firstIndex(of: ASCII.sp), let sp2 = line.lastIndex(of: ASCII.sp), sp1 != sp2 else {
            return .failure(.badRequest("malformed request line"))
        }
        let methodBytes = line[line.startIndex..<sp1]
        let targetBytes = line[(sp1 + 1)..<sp2]
        let versionBytes = line[(sp2 + 1)...]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ASCII.isTokenChar) else {
            return .failure(.badRequest("invalid method"))
        }
        guard !targetBytes.isEmpty, targetBytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            return .failure(.badRequest("invalid request target"))
        }
        let v = Array(versionBytes)
        guard v.count == 8, v.starts(with: Array("HTTP/".utf8)),
              (0x30...0x39).contains(v[5]), v[6] == UInt8(ascii: "."), (0x30...0x39).contains(v[7]) else {
            return .failure(.badRequest("malformed HTTP version"))
        }
        let version: HTTPVersion
        switch (v[5], v[7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): version = .http11
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): version = .http10
        default: return .failure(.versionNotSupported("HTTP version \(ASCII.string(v[...])) not supported"))
        }
        return .success((ASCII.string(methodBytes), ASCII.string(targetBytes), version))
    }

    private func parseField(_ range: Range<Int>) -> Result<(String, String), HTTPParseError> {
        let line = buffer[range]
        guard let colon = line.firstIndex(of: ASCII.colon) else {
            return .failure(.badRequest("header line without colon"))
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(ASCII.isTokenChar) else {
            // Also catches obs-fold (leading whitespace) and whitespace before the colon.
            return .failure(.badRequest("invalid header field name"))
        }
        var value = line[(colon + 1)...]
        while let f = value.first, f == ASCII.sp || f == ASCII.htab { value.removeFirst() }
        while let l = value.last, l == ASCII.sp || l == ASCII.htab { value.removeLast() }
        guard value.allSatisfy({ $0 == ASCII.htab || ($0 >= 0x20 && $0 != 0x7F) }) else {
            return .failure(.badRequest("invalid character in header field value"))
        }
        return .success((ASCII.string(name), ASCII.string(value)))
    }

    // MARK: Chunked body

    /// Longest accepted chunk-size line including extensions.
    private static let maxChunkLine = 4096

    private mutating func parseChunkSize() -> Step {
        guard let line = nextLine() else {
            if buffer.count - readIndex > Self.maxChunkLine { return .failure(.badRequest("chunk size line too long")) }
            return .needMore
        }
        readIndex = scanIndex
        let bytes = buffer[line]
        if bytes.count > Self.maxChunkLine { return .failure(.badRequest("chunk size line too long")) }
        var size = 0
        var i = bytes.startIndex
        var digits = 0
        var significant = 0
        while i < bytes.endIndex, let h = ASCII.hexValue(bytes[i]) {
            if size > 0 || h > 0 { significant += 1 }
            // 15 hex digits stay below 2^60, so the shift below can never overflow.
            if significant > 15 { return .failure(.bodyTooLarge("chunk size too large")) }
            size = size << 4 | Int(h)
            digits += 1
            i += 1
        }
        if digits == 0 { return .failure(.badRequest("invalid chunk size")) }
        var rest = bytes[i...]
        while let f = rest.first, f == ASCII.sp || f == ASCII.htab { rest.removeFirst() }
        if let f = rest.first {
            guard f == UInt8(ascii: ";"), rest.allSatisfy({ $0 == ASCII.htab || ($0 >= 0x20 && $0 != 0x7F) }) else {
                return .failure(.badRequest("invalid chunk extension"))
            }
        }
        if size == 0 {
            state = .trailers
            sectionBytes = 0
            trailerCount = 0
            return .progress
        }
        let limit = min(limits.maxBodyBytes, requestBodyLimit ?? .max)
        if (pending?.body.count ?? 0) + size > limit {
            return .failure(.bodyTooLarge("request body exceeds \(limit) bytes"))
        }
        state = .chunkData(remaining: size)
        return .progress
    }

    private mutating func parseTrailers() -> Step {
        while true {
            let before = readIndex
            guard let line = nextLine() else {
                if sectionBytes + (buffer.count - readIndex) > limits.maxHeaderBytes {
                    return .failure(.headersTooLarge("trailer section too large"))
                }
                return .needMore
            }
            readIndex = scanIndex
            sectionBytes += readIndex - before
            if sectionBytes > limits.maxHeaderBytes { return .failure(.headersTooLarge("trailer section too large")) }
            if line.isEmpty { return .progress }
            if case .failure(let e) = parseField(line) { return .failure(e) }
            trailerCount += 1
            if trailerCount > limits.maxHeaderCount { return .failure(.headersTooLarge("too many trailer fields")) }
        }
    }
}
