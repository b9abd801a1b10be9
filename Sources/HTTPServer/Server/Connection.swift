import Dispatch
import Foundation
import Glibc

/// One accepted socket and its request/response cycle.
///
/// Thread confinement: every property is read and written only on the server's serial I/O queue,
/// which is why this class needs no locks. Screens and handlers run on the work queue and hop back
/// with `screened` / `finish`.
///
/// Requests on one connection are handled one at a time, so pipelined requests are answered
/// strictly in order; later pipelined bytes simply wait in the parser buffer.
///
/// Memory per connection is bounded in both directions:
/// - Output: no further request is parsed while more than `maxOutputBytes` of responses are
///   unsent (the client is not reading), so at most that plus one response is queued.
/// - Input: while nothing can be parsed (a screen or handler is running, or output is over its
///   bound) at most `maxReadAhead` unparsed bytes are read, then reading pauses and TCP flow
///   control holds the client back. While a screen decides, nothing is read at all, so a refused
///   request's body is never buffered.
///
/// `@unchecked Sendable`: all state is confined to the server's serial I/O queue (see above).
final class Connection: @unchecked Sendable {
    let id: Int
    let fd: Int32
    let remoteAddress: String
    private let server: HTTPServer
    private var parser: HTTPRequestParser

    private var readSource: DispatchSourceRead?
    private var readSuspended = false
    private var writeSource: DispatchSourceWrite?
    private var writeSuspended = false
    /// Sources whose cancel handler has not run yet; the fd is closed when this reaches zero,
    /// so it is closed exactly once and never while Dispatch still watches it.
    private var liveSources = 0

    private var output = OutputBuffer()

    /// A handler is answering the current request on the work queue.
    private(set) var inFlight = false
    /// The screen is deciding on the current request's head on the work queue.
    private var screening = false
    /// The current request's head has passed the screen already, so `dispatch` does not ask again.
    private var headScreened = false
    /// The answer (and the head's version) for a body that passes the current request's own
    /// limit (see `HTTPResponder.bodyLimit(for:)`); nil when the server-wide limit applies.
    private var bodyLimitAnswer: (response: HTTPResponse, version: HTTPVersion)?
    private var closeAfterFlush = false
    private var lingering = false
    /// Set when the client may still be sending bytes we will never read (an error or refusal
    /// before the body was consumed): close by lingering so the response is not destroyed by a RST.
    private var lingerOnClose = false
    private var lingerDeadline: UInt64 = 0
    private var peerClosed = false
    private(set) var closed = false
    private var lastActivity: UInt64
    private var headStartedAt: UInt64?
    private var bodyStartedAt: UInt64?

    /// Unparsed bytes read ahead while nothing can be parsed; beyond this reading pauses (backpressure).
    private static let maxReadAhead = 1 << 20
    /// How long to keep draining input after an error response, so the client sees the response
    /// instead of a TCP reset caused by closing with unread data.
    private static let lingerNanos: UInt64 = 2_000_000_000
    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    init(id: Int, fd: Int32, remoteAddress: String, server: HTTPServer) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.server = server
        self.parser = HTTPRequestParser(limits: HTTPParserLimits(server.configuration))
        self.lastActivity = Self.now()
    }

    func start() {
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: server.ioQueue)
        source.setEventHandler { [unowned self] in self.onReadable() }
        source.setCancelHandler { [self] in self.sourceCancelled() }
        liveSources += 1
        readSource = source
        source.activate()
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Seconds from `start` to now; never negative (and never traps) whatever the clock does.
    private static func seconds(since start: UInt64) -> TimeInterval {
        let end = now()
        return end > start ? TimeInterval(end - start) / 1e9 : 0
    }

    // MARK: Reading

    private func onReadable() {
        guard !closed else { return }
        let scratch = server.readBuffer
        var n: Int
        repeat {
            n = Glibc.read(fd, scratch.baseAddress, scratch.count)
        } while n < 0 && errno == EINTR
        if n < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK { return }
            close()
            return
        }
        if n == 0 {
            peerClosed = true
            suspendReading()
            if lingering { close(); return }
            processInput()
            closeIfFinished()
            return
        }
        if lingering || closeAfterFlush {
            // Nothing more will be parsed on this connection: drop the bytes (the unread body of a
            // refused or failed request). No activity credit, so the linger deadline and the idle
            // timeout still bound this phase.
            lingerOnClose = true
            updateReadInterest()
            return
        }
        lastActivity = Self.now()
        parser.append(UnsafeRawBufferPointer(rebasing: scratch[0..<n]))
        server.noteRetainedInput(parser.retainedByteCount)
        processInput()
    }

    private func suspendReading() {
        guard let readSource, !readSuspended else { return }
        readSuspended = true
        readSource.suspend()
    }

    private func resumeReading() {
        guard let readSource, readSuspended, !peerClosed else { return }
        readSuspended = false
        readSource.resume()
    }

    /// True when the next buffered request may be parsed and handled now. A non-positive
    /// `maxOutputBytes` means "only with nothing unsent", never "never".
    private var canParse: Bool {
        !inFlight && !screening && !closeAfterFlush && !closed
            && output.unsentCount < max(1, server.configuration.maxOutputBytes)
    }

    /// Reads while the parser can use the bytes and while lingering (to discard them). Stops while
    /// a screen decides, and after a final response until it is flushed. Otherwise (a handler is
    /// running, or the client is not reading its responses) reads ahead a bounded amount.
    private func updateReadInterest() {
        guard !closed else { return }
        if lingering || canParse {
            resumeReading()
        } else if screening || closeAfterFlush || parser.bufferedByteCount > Self.maxReadAhead {
            suspendReading()
        } else {
            resumeReading()
        }
    }

    /// Parses as many buffered events as possible while a request may be started.
    private func processInput() {
        parsing: while canParse {
            switch parser.next() {
            case .needMoreData:
                if parser.isReadingHead {
                    if headStartedAt == nil { headStartedAt = Self.now() }
                } else {
                    headStartedAt = nil
                }
                break parsing
            case .head(let head):
                headStartedAt = nil
                beginScreening(head)
            case .continueExpected:
                output.append(Self.continueLine)
                flush()
            case .request(let request):
                headStartedAt = nil
                bodyStartedAt = nil
                bodyLimitAnswer = nil
                dispatch(request)
            case .error(let error):
                bodyStartedAt = nil
                if error.status == 413, let answer = bodyLimitAnswer {
                    // The route's own limit was passed: its answer, not the server's generic one.
                    bodyLimitAnswer = nil
                    respondAndClose(answer.response, version: answer.version, isHead: false)
                } else {
                    sendError(error.status, error.reason)
                }
            }
        }
        updateReadInterest()
    }

    // MARK: Screening and handling

    private func annotated(_ request: HTTPRequest) -> HTTPRequest {
        var request = request
        request.remoteAddress = remoteAddress
        return request
    }

    /// Asks the responder about a head whose body has not been read. Reading stays paused until
    /// it answers (see `updateReadInterest`), so a refused body is never buffered.
    private func beginScreening(_ head: HTTPRequest) {
        screening = true
        let head = annotated(head)
        let server = self.server
        server.workQueue.async { [self] in
            let started = Self.now()
            let refusal = server.responder.screen(head)
            if let refusal {
                server.logAccess(head, status: refusal.status, duration: Self.seconds(since: started))
                server.logHeads(head, refusal, keepAlive: false)
            }
            let limit = refusal == nil ? server.responder.bodyLimit(for: head) : nil
            server.ioQueue.async { [self] in self.screened(head, refusal: refusal, limit: limit) }
        }
    }

    private func screened(_ head: HTTPRequest, refusal: HTTPResponse?, limit: HTTPBodyLimit?) {
        screening = false
        guard !closed else { return }
        if let refusal {
            // The body was not read, so the stream cannot carry another request: answer and close.
            respondAndClose(refusal, version: head.version, isHead: head.method == "HEAD")
            return
        }
        // A route limit at or above the server's own changes nothing: the server's 413 comes first.
        if let limit, limit.maxBytes < server.configuration.maxBodyBytes {
            parser.limitBody(to: limit.maxBytes)
            bodyLimitAnswer = (limit.response, head.version)
        }
        headScreened = true
        bodyStartedAt = Self.now()
        processInput()
        closeIfFinished()
    }

    private func dispatch(_ request: HTTPRequest) {
        inFlight = true
        // Bodyless requests have no `.head` event: their whole request is their head.
        let screenFirst = !headScreened
        headScreened = false
        let request = annotated(request)
        // HTTP/1.0 has no chunked framing of its own; do not trust the stream after one (RFC 9112 §6.1).
        let keepAlive = request.wantsKeepAlive && !(request.version == .http10 && request.headers.contains("Transfer-Encoding"))
        let version = request.version
        let isHead = request.method == "HEAD"
        let server = self.server
        // A GET the responder can answer from memory is answered here, on the I/O queue: no
        // hand-over to a worker thread and back (most of the cost of a cached answer).
        if screenFirst, !request.declaresBody, request.method == "GET" || request.method == "HEAD" {
            let started = Self.now()
            if let response = server.responder.respondInline(to: request) {
                server.logAccess(request, status: response.status, duration: Self.seconds(since: started))
                // Called from the parsing loop, which goes on with the next request itself.
                finish(response, version: version, isHead: isHead, keepAlive: keepAlive, resumeParsing: false)
                return
            }
        }
        let job: @Sendable () -> Void = { [self] in
            let started = Self.now()
            let response = screenFirst ? server.responder.screenAndRespond(to: request) : server.responder.respond(to: request)
            server.logAccess(request, status: response.status, duration: Self.seconds(since: started))
            server.logHeads(request, response, keepAlive: keepAlive)
            server.ioQueue.async { [self] in
                self.finish(response, version: version, isHead: isHead, keepAlive: keepAlive)
            }
        }
        // Safe methods don't wait for locks; the rest may, so they get threads of their own.
        switch request.method {
        case "GET", "HEAD", "OPTIONS": server.workQueue.async(execute: job)
        default: server.blockingWork.async(job)
        }
    }

    /// Sends the answer to the current request. `resumeParsing` goes on with the next buffered
    /// request; an answer given from within the parsing loop leaves that to the loop.
    private func finish(_ response: HTTPResponse, version: HTTPVersion, isHead: Bool, keepAlive: Bool, resumeParsing: Bool = true) {
        inFlight = false
        guard !closed else { return }
        if response.dropsConnection { close(); return }
        let keep = keepAlive && !server.isShuttingDown
        let (head, body) = ResponseSerializer.serialize(response, version: version, isHead: isHead,
                                                        keepAlive: keep, date: server.httpDate.now)
        appendOutput(head, body)
        if !keep { closeAfterFlush = true }
        lastActivity = Self.now()
        flush()
        guard !closed else { return }
        if closeAfterFlush { updateReadInterest(); return }
        guard resumeParsing else { return }
        processInput()
        closeIfFinished()
    }

    /// Server-generated error (400/408/413/431/501/505): JSON body, then close.
    private func sendError(_ status: Int, _ reason: String) {
        respondAndClose(.message(status, "\(HTTPStatusReason.phrase(status)): \(reason)"), version: .http11, isHead: false)
    }

    /// A final response after which the stream cannot be trusted or was not consumed: it goes out
    /// with `Connection: close`, then the connection lingers to drain (and drop) what the client
    /// is still sending, bounded by `lingerNanos`.
    private func respondAndClose(_ response: HTTPResponse, version: HTTPVersion, isHead: Bool) {
        let (head, body) = ResponseSerializer.serialize(response, version: version, isHead: isHead,
                                                        keepAlive: false, date: server.httpDate.now)
        appendOutput(head, body)
        closeAfterFlush = true
        lingerOnClose = true
        flush()
        updateReadInterest()
    }

    private func appendOutput(_ head: [UInt8], _ body: Data) {
        output.append(head)
        if !body.isEmpty { output.append(body) }
        server.noteUnsentOutput(output.unsentCount)
    }

    /// Closes once the peer has half-closed and nothing is left to answer.
    private func closeIfFinished() {
        if peerClosed && !inFlight && !screening && output.isEmpty && !closed { close() }
    }

    // MARK: Writing

    private func flush() {
        guard !closed else { return }
        while !output.isEmpty {
            let n = output.withUnsentBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return send(fd, base, buf.count, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                output.consume(n)
                lastActivity = Self.now()
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                armWriteSource()
                return
            }
            close() // EPIPE, ECONNRESET, ...
            return
        }
        disarmWriteSource()
        if closeAfterFlush {
            // A plain close with unread input makes the kernel send RST, which can destroy the
            // response at the client; linger instead whenever the client may still be sending.
            if !peerClosed && (lingerOnClose || parser.bufferedByteCount > 0 || hasUnreadInput) {
                beginLingeringClose()
            } else {
                close()
            }
        }
    }

    /// Bytes the kernel has received for us that we have not read (reading may be paused).
    private var hasUnreadInput: Bool {
        var pending: Int32 = 0
        return ioctl(fd, UInt(FIONREAD), &pending) == 0 && pending > 0
    }

    private func armWriteSource() {
        if let writeSource {
            if writeSuspended { writeSuspended = false; writeSource.resume() }
            return
        }
        let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: server.ioQueue)
        source.setEventHandler { [unowned self] in self.onWritable() }
        source.setCancelHandler { [self] in self.sourceCancelled() }
        liveSources += 1
        writeSource = source
        source.activate()
    }

    private func disarmWriteSource() {
        guard let writeSource, !writeSuspended else { return }
        writeSuspended = true
        writeSource.suspend()
    }

    private func onWritable() {
        guard !closed else { return }
        flush()
        guard !closed else { return }
        if closeAfterFlush { updateReadInterest(); return }
        // The queue may have drained below `maxOutputBytes`: parsing (and reading) can resume.
        processInput()
        closeIfFinished()
    }

    // MARK: Closing

    /// Half-close our side, then read-and-discard until EOF or a deadline, so the final response
    /// is not destroyed by a RST triggered by unread request bytes.
    private func beginLingeringClose() {
        guard !lingering else { return }
        lingering = true
        if peerClosed { close(); return }
        Glibc.shutdown(fd, Int32(SHUT_WR))
        lingerDeadline = Self.now() + Self.lingerNanos
        resumeReading()
    }

    /// Stops watching the socket. The fd itself is closed by the last cancel handler.
    func close() {
        guard !closed else { return }
        closed = true
        output.reset()
        if let readSource {
            readSource.cancel()
            if readSuspended { readSuspended = false; readSource.resume() }
        }
        if let writeSource {
            writeSource.cancel()
            if writeSuspended { writeSuspended = false; writeSource.resume() }
        }
        if liveSources == 0 { Glibc.close(fd); server.socketClosed() }
        server.connectionDidClose(self)
    }

    private func sourceCancelled() {
        liveSources -= 1
        if liveSources == 0 {
            readSource = nil
            writeSource = nil
            Glibc.close(fd)
            server.socketClosed()
        }
    }

    // MARK: Timers and shutdown

    /// Called periodically by the server's sweep timer (all arguments in nanoseconds).
    func checkDeadlines(now: UInt64, headerTimeout: UInt64, bodyTimeout: UInt64, idleTimeout: UInt64) {
        guard !closed else { return }
        func expired(_ start: UInt64, _ limit: UInt64) -> Bool { now > start && now - start > limit }
        if lingering {
            if now >= lingerDeadline { close() }
            return
        }
        if inFlight || screening { return }
        if let started = headStartedAt, parser.isReadingHead, expired(started, headerTimeout) {
            headStartedAt = nil
            sendError(408, "request headers not received in time")
            return
        }
        // Only while we are actually reading the body: a paused read is our delay, not the client's.
        if let started = bodyStartedAt, parser.isReadingBody, canParse, expired(started, bodyTimeout) {
            bodyStartedAt = nil
            sendError(408, "request body not received in time")
            return
        }
        if expired(lastActivity, idleTimeout) { close() }
    }

    /// Graceful shutdown: idle connections close now; busy ones close after their current response.
    func beginShutdown() {
        guard !closed else { return }
        if inFlight || screening { return } // `finish` sees isShuttingDown and closes after writing
        if !output.isEmpty { closeAfterFlush = true; updateReadInterest(); return }
        if !lingering { close() }
    }
}
