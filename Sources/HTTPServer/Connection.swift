import Dispatch
import Foundation
import Glibc

/// One accepted socket and its request/response cycle.
///
/// Thread confinement: every property is read and written only on the server's serial I/O queue,
/// which is why this class needs no locks. Handlers run on the work queue and hop back with `finish`.
///
/// Requests on one connection are handled one at a time, so pipelined requests are answered
/// strictly in order; later pipelined bytes simply wait in the parser buffer.
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

    private var out: [UInt8] = []
    private var outOffset = 0

    private(set) var inFlight = false
    private var closeAfterFlush = false
    private var lingering = false
    /// Set for server-generated errors, where the client may still be sending a body we never read.
    private var lingerOnClose = false
    private var lingerDeadline: UInt64 = 0
    private var peerClosed = false
    private(set) var closed = false
    private var lastActivity: UInt64
    private var headStartedAt: UInt64?

    /// Pipelined bytes buffered beyond this while a request is in flight pause reading (backpressure).
    private static let maxBufferedWhileBusy = 1 << 20
    /// How long to keep draining input after an error response, so the client sees the response
    /// instead of a TCP reset caused by closing with unread data.
    private static let lingerNanos: UInt64 = 2_000_000_000

    init(id: Int, fd: Int32, remoteAddress: String, server: HTTPServer) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.server = server
        self.parser = HTTPRequestParser(limits: HTTPParserLimits(server.configuration))
        self.lastActivity = DispatchTime.now().uptimeNanoseconds
    }

    func start() {
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: server.ioQueue)
        source.setEventHandler { [unowned self] in self.onReadable() }
        source.setCancelHandler { [self] in self.sourceCancelled() }
        liveSources += 1
        readSource = source
        source.activate()
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
        lastActivity = DispatchTime.now().uptimeNanoseconds
        if lingering { return } // discarding input after an error response
        parser.append(UnsafeRawBufferPointer(rebasing: scratch[0..<n]))
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

    /// Parses as many buffered events as possible while no request is being handled.
    private func processInput() {
        while !inFlight && !closeAfterFlush && !closed {
            switch parser.next() {
            case .needMoreData:
                if parser.isReadingHead {
                    if headStartedAt == nil { headStartedAt = DispatchTime.now().uptimeNanoseconds }
                } else {
                    headStartedAt = nil
                }
                return
            case .continueExpected:
                headStartedAt = nil
                out.append(contentsOf: Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                flush()
            case .request(let request):
                headStartedAt = nil
                dispatch(request)
            case .error(let error):
                sendError(error.status, error.reason)
            }
        }
        if (inFlight || outOffset < out.count) && parser.bufferedByteCount > Self.maxBufferedWhileBusy {
            suspendReading()
        }
    }

    // MARK: Handling

    private func dispatch(_ request: HTTPRequest) {
        inFlight = true
        var annotated = request
        annotated.remoteAddress = remoteAddress
        let request = annotated
        // HTTP/1.0 has no chunked framing of its own; do not trust the stream after one (RFC 9112 §6.1).
        let keepAlive = request.wantsKeepAlive && !(request.version == .http10 && request.headers.contains("Transfer-Encoding"))
        let version = request.version
        let isHead = request.method == "HEAD"
        let server = self.server
        // Safe methods don't wait for locks; the rest may, so they get threads of their own.
        let work: (@escaping @Sendable () -> Void) -> Void = ["GET", "HEAD", "OPTIONS"].contains(request.method)
            ? { server.workQueue.async(execute: $0) } : { server.blockingWork.async($0) }
        work { [self] in
            let started = DispatchTime.now().uptimeNanoseconds
            let response = server.responder.respond(to: request)
            let duration = TimeInterval(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            server.accessLog?(AccessLogEntry(method: request.method, path: request.path, status: response.status,
                                             duration: duration, remoteAddress: request.remoteAddress))
            server.ioQueue.async { [self] in
                self.finish(response, version: version, isHead: isHead, keepAlive: keepAlive)
            }
        }
    }

    private func finish(_ response: HTTPResponse, version: HTTPVersion, isHead: Bool, keepAlive: Bool) {
        inFlight = false
        guard !closed else { return }
        let keep = keepAlive && !server.isShuttingDown
        let (head, body) = ResponseSerializer.serialize(response, version: version, isHead: isHead,
                                                        keepAlive: keep, date: server.httpDate.now)
        out.append(contentsOf: head)
        out.append(contentsOf: body)
        if !keep { closeAfterFlush = true }
        lastActivity = DispatchTime.now().uptimeNanoseconds
        flush()
        guard !closed, !closeAfterFlush else { return }
        if parser.bufferedByteCount <= Self.maxBufferedWhileBusy { resumeReading() }
        processInput()
        closeIfFinished()
    }

    /// Server-generated error (400/408/413/431/501/505/503): JSON body, then close.
    private func sendError(_ status: Int, _ reason: String) {
        let response = HTTPResponse.message(status, "\(HTTPStatusReason.phrase(status)): \(reason)")
        let (head, body) = ResponseSerializer.serialize(response, version: .http11, isHead: false,
                                                        keepAlive: false, date: server.httpDate.now)
        out.append(contentsOf: head)
        out.append(contentsOf: body)
        closeAfterFlush = true
        lingerOnClose = true
        flush()
    }

    /// Closes once the peer has half-closed and nothing is left to answer.
    private func closeIfFinished() {
        if peerClosed && !inFlight && outOffset >= out.count && !closed { close() }
    }

    // MARK: Writing

    private func flush() {
        guard !closed else { return }
        while outOffset < out.count {
            let n = out.withUnsafeBytes { buf in
                send(fd, buf.baseAddress! + outOffset, buf.count - outOffset, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                outOffset += n
                lastActivity = DispatchTime.now().uptimeNanoseconds
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
        // Drained: release big buffers, keep small ones for the next response.
        if out.capacity > 1 << 20 { out = [] } else { out.removeAll(keepingCapacity: true) }
        outOffset = 0
        disarmWriteSource()
        if closeAfterFlush {
            // After a complete request nothing unread remains, so a plain close sends FIN, not RST.
            if (lingerOnClose || parser.bufferedByteCount > 0) && !peerClosed { beginLingeringClose() } else { close() }
        }
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
        guard !closed, outOffset >= out.count, !closeAfterFlush else { return }
        if !inFlight {
            if parser.bufferedByteCount <= Self.maxBufferedWhileBusy { resumeReading() }
            processInput()
            closeIfFinished()
        }
    }

    // MARK: Closing

    /// Half-close our side, then read-and-discard until EOF or a deadline, so the error response
    /// is not destroyed by a RST triggered by unread request bytes.
    private func beginLingeringClose() {
        guard !lingering else { return }
        lingering = true
        if peerClosed { close(); return }
        Glibc.shutdown(fd, Int32(SHUT_WR))
        lingerDeadline = DispatchTime.now().uptimeNanoseconds + Self.lingerNanos
        resumeReading()
    }

    /// Stops watching the socket. The fd itself is closed by the last cancel handler.
    func close() {
        guard !closed else { return }
        closed = true
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

    /// Called periodically by the server's sweep timer.
    func checkDeadlines(now: UInt64, headerTimeout: UInt64, idleTimeout: UInt64) {
        guard !closed else { return }
        if lingering {
            if now >= lingerDeadline { close() }
            return
        }
        if inFlight { return }
        if let started = headStartedAt, parser.isReadingHead, now &- started > headerTimeout {
            headStartedAt = nil
            sendError(408, "request headers not received in time")
            return
        }
        if now &- lastActivity > idleTimeout { close() }
    }

    /// Graceful shutdown: idle connections close now; busy ones close after their current response.
    func beginShutdown() {
        guard !closed else { return }
        if inFlight { return } // `finish` sees isShuttingDown and closes after writing
        if outOffset < out.count { closeAfterFlush = true; return }
        if !lingering { close() }
    }
}
