import Dispatch
import Foundation
import Glibc
import Logging

/// HTTP/1.1 server on non-blocking POSIX sockets driven by Dispatch sources.
///
/// Threading: accepting, reading, parsing, writing and timers all run on one serial I/O queue
/// (`ioQueue`), so connection state needs no locks. Responders run on a concurrent work queue,
/// so a slow handler never delays I/O for other connections.
///
/// `@unchecked Sendable`: state is confined to `ioQueue` or guarded by `lifecycle`, a condition variable `waitUntilStopped` sleeps on.
public final class HTTPServer: @unchecked Sendable {
    let configuration: HTTPServerConfiguration
    let responder: any HTTPResponder
    /// Receives the access log (see `logAccess`); silent unless the caller passes a logger.
    let logger: Logger

    let ioQueue = DispatchQueue(label: "HTTPServer.io", qos: .userInitiated)
    let workQueue = DispatchQueue(label: "HTTPServer.work", qos: .userInitiated, attributes: .concurrent)
    /// Where responders for unsafe methods run: they may block on locks (see ``WorkerPool``).
    let blockingWork: WorkerPool

    private enum Phase { case idle, running, stopping, stopped }
    /// Guards `phase` and `port`, which callers read from arbitrary threads.
    private let lifecycle = NSCondition()
    private var phase = Phase.idle
    private var port = 0

    // --- I/O-queue confined state ---
    private var listenFD: Int32 = -1
    private var acceptSource: DispatchSourceRead?
    private var acceptSuspended = false
    private var sweepTimer: DispatchSourceTimer?
    private var connections: [Int: Connection] = [:]
    private var nextConnectionID = 0
    private(set) var isShuttingDown = false
    private var onDrained: (() -> Void)?
    /// Sockets (listener + connections) not yet closed; shutdown waits for it to reach zero.
    private var openSockets = 0
    let httpDate = HTTPDate()
    private var highWater = BufferHighWater()
    /// One read buffer for all connections: reads happen only on the serial I/O queue.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder,
                logger: Logger = Logger(label: "HTTPServer", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        self.blockingWork = WorkerPool(threads: configuration.blockingWorkerThreads, name: "HTTPServer.blocking")
    }

    deinit {
        blockingWork.stop()
        readBuffer.deallocate()
    }

    /// The port actually bound (useful with `port = 0`); 0 before `start()`.
    public var boundPort: Int {
        lifecycle.lock(); defer { lifecycle.unlock() }
        return port
    }

    /// Binds and starts accepting. Returns the bound port.
    @discardableResult
    public func start() throws -> Int {
        lifecycle.lock(); defer { lifecycle.unlock() }
        guard phase == .idle else { throw HTTPServerError.alreadyStarted }
        // A peer closing mid-write must produce EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        FileDescriptorLimit.raise(toAtLeast: configuration.maxConnections + 64)
        let (fd, bound) = try ListeningSocket.open(host: configuration.host, port: configuration.port)
        ioQueue.sync { startAccepting(fd) }
        port = bound
        phase = .running
        return bound
    }

    private func startAccepting(_ fd: Int32) {
        listenFD = fd
        openSockets += 1
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: ioQueue)
        source.setEventHandler { [unowned self] in self.acceptConnections() }
        source.setCancelHandler { [self] in
            Glibc.close(fd)
            self.socketClosed()
        }
        acceptSource = source
        source.activate()

        let timer = DispatchSource.makeTimerSource(queue: ioQueue)
        let shortest = min(configuration.headerReadTimeout, configuration.bodyReadTimeout, configuration.idleTimeout)
        let interval = max(0.01, min(0.5, shortest / 4))
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(5))
        timer.setEventHandler { [unowned self] in self.sweep() }
        sweepTimer = timer
        timer.activate()
    }

    private func acceptConnections() {
        for _ in 0..<64 { // bounded so one busy listener cannot starve connection I/O
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(listenFD, $0, &length)
                }
            }
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM: pauseAccepting(); return
                default: return // EAGAIN: backlog drained
                }
            }
            if isShuttingDown || connections.count >= configuration.maxConnections {
                refuse(fd)
                continue
            }
            // accept4 is not exported by Swift's Glibc module; set the flags explicitly.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            nextConnectionID += 1
            openSockets += 1
            let connection = Connection(id: nextConnectionID, fd: fd,
                                        remoteAddress: SocketAddress.describe(storage), server: self)
            connections[connection.id] = connection
            connection.start()
        }
    }

    /// Out of file descriptors: a level-triggered listener would spin, so stop listening briefly.
    private func pauseAccepting() {
        guard let acceptSource, !acceptSuspended else { return }
        acceptSuspended = true
        acceptSource.suspend()
        ioQueue.asyncAfter(deadline: .now() + 0.1) { [self] in
            if acceptSuspended, !isShuttingDown, let source = self.acceptSource {
                acceptSuspended = false
                source.resume()
            }
        }
    }

    /// Over the connection limit: best-effort 503 without blocking, then close.
    private func refuse(_ fd: Int32) {
        let body = #"{"message":"Service Unavailable: too many connections"}"#
        let text = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Date: \(httpDate.now)\r\nConnection: close\r\n\r\n\(body)"
        _ = text.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        Glibc.close(fd)
    }

    private func sweep() {
        let now = DispatchTime.now().uptimeNanoseconds
        let header = Self.nanos(configuration.headerReadTimeout)
        let body = Self.nanos(configuration.bodyReadTimeout)
        let idle = Self.nanos(configuration.idleTimeout)
        for connection in Array(connections.values) {
            connection.checkDeadlines(now: now, headerTimeout: header, bodyTimeout: body, idleTimeout: idle)
        }
    }

    private static func nanos(_ t: TimeInterval) -> UInt64 {
        // `!(t > 0)` also maps NaN to 0: converting NaN to an integer would trap.
        !(t > 0) ? 0 : (t >= 1e9 ? UInt64.max / 2 : UInt64(t * 1e9))
    }

    func connectionDidClose(_ connection: Connection) {
        connections.removeValue(forKey: connection.id)
        if isShuttingDown && connections.isEmpty, let onDrained {
            self.onDrained = nil
            onDrained()
        }
    }

    func socketClosed() {
        openSockets -= 1
    }

    // I/O queue only: connections report their buffer sizes as they change.
    func noteUnsentOutput(_ bytes: Int) {
        if bytes > highWater.unsentOutputBytes { highWater.unsentOutputBytes = bytes }
    }

    func noteRetainedInput(_ bytes: Int) {
        if bytes > highWater.retainedInputBytes { highWater.retainedInputBytes = bytes }
    }

    /// The largest buffers any connection has held so far (see `BufferHighWater`).
    var bufferHighWater: BufferHighWater { ioQueue.sync { highWater } }

    /// Listener + connection sockets not yet closed. For tests: never negative (no double close),
    /// zero after shutdown (no leak).
    var openSocketCount: Int { ioQueue.sync { openSockets } }

    /// Stops accepting, lets in-flight requests finish (up to the grace period), then force-closes
    /// everything. Idempotent; blocks until all sockets are closed. Do not call it from a responder
    /// synchronously (it would wait for itself until the grace period ends) — dispatch it instead.
    public func shutdown(gracePeriod: TimeInterval? = nil) {
        lifecycle.lock()
        switch phase {
        case .idle:
            phase = .stopped
            lifecycle.broadcast()
            lifecycle.unlock()
            return
        case .stopped:
            lifecycle.unlock()
            return
        case .stopping:
            lifecycle.unlock()
            waitUntilStopped()
            return
        case .running:
            phase = .stopping
            lifecycle.unlock()
        }

        let grace = max(0, gracePeriod ?? configuration.shutdownGracePeriod)
        let drained = DispatchSemaphore(value: 0)
        ioQueue.sync {
            isShuttingDown = true
            if let acceptSource {
                acceptSource.cancel()
                if acceptSuspended { acceptSuspended = false; acceptSource.resume() }
                self.acceptSource = nil
            }
            for connection in Array(connections.values) { connection.beginShutdown() }
            if connections.isEmpty { drained.signal() } else { onDrained = { drained.signal() } }
        }
        if drained.wait(timeout: .now() + grace) == .timedOut {
            ioQueue.sync {
                onDrained = nil
                for connection in Array(connections.values) { connection.close() }
            }
        }
        // Cancel handlers (which close the fds) run asynchronously on ioQueue; wait for them, bounded.
        let deadline = DispatchTime.now() + 2
        while ioQueue.sync(execute: { openSockets }) > 0 && DispatchTime.now() < deadline {
            usleep(1000)
        }
        ioQueue.sync {
            sweepTimer?.cancel()
            sweepTimer = nil
        }
        // Queued work still runs; the threads exit after it.
        blockingWork.stop()
        lifecycle.lock()
        phase = .stopped
        lifecycle.broadcast()
        lifecycle.unlock()
    }

    /// Blocks until `shutdown()` has completed. Returns at once if the server was never started.
    public func waitUntilStopped() {
        lifecycle.lock()
        while phase == .running || phase == .stopping { lifecycle.wait() }
        lifecycle.unlock()
    }
}
