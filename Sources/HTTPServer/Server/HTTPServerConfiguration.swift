import Foundation

/// Listener address and every resource limit. Defaults are sized for a local test emulator.
public struct HTTPServerConfiguration: Sendable {
    /// IPv4/IPv6 literal, "localhost" (→ 127.0.0.1), "0.0.0.0" or "::" (dual-stack).
    public var host: String = "127.0.0.1"
    /// 0 lets the kernel choose a free port; read it back from `start()` / `boundPort`.
    public var port: Int = 8080
    /// Request line + header fields (and, separately, chunked trailers) above this → 431.
    public var maxHeaderBytes = 64 * 1024
    /// More header fields than this → 431.
    public var maxHeaderCount = 200
    /// Declared or received body larger than this → 413.
    public var maxBodyBytes = 64 * 1024 * 1024
    /// From the first byte of a request to the end of its header section; exceeding it → 408 + close.
    public var headerReadTimeout: TimeInterval = 10
    /// The whole body must arrive within this many seconds after its head was accepted (after the
    /// screen and any "100 Continue"); exceeding it → 408 + close. A deadline for the whole body,
    /// not a minimum rate: at the 64 MiB body limit the default asks for about 2.2 MB/s, and a client
    /// trickling a byte at a time cannot hold a connection slot longer than this.
    public var bodyReadTimeout: TimeInterval = 30
    /// Keep-alive connection with no activity for this long is closed. Also bounds stalled writes.
    public var idleTimeout: TimeInterval = 60
    /// While a connection has more response bytes than this queued and unsent (its client is not
    /// reading), no further pipelined request is parsed or handled; it resumes once the queue drains
    /// below. Bounds memory per connection to about this plus one response.
    public var maxOutputBytes = 4 * 1024 * 1024
    /// Extra connections beyond this are answered 503 and closed immediately.
    public var maxConnections = 4096
    /// Threads for responders of unsafe methods (POST, PUT, DELETE, PATCH), which may block on
    /// locks; safe methods (GET, HEAD, OPTIONS) run on Dispatch and never wait behind them.
    public var blockingWorkerThreads = 16
    /// Default time `shutdown()` waits for in-flight requests before force-closing.
    public var shutdownGracePeriod: TimeInterval = 10

    public init() {}
}
