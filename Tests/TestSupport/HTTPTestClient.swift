import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPServer

/// The one blocking HTTP/1.1 test client, over a POSIX socket, so tests exercise the real server
/// the way an SDK would (keep-alive connection, Content-Length bodies) and protocol tests can put
/// any bytes on the wire.
///
/// Two layers on one connection:
/// - requests: `send(method, target, headers:, body:)` (from `WireTransport`) sends one request
///   and returns its final response (interim 1xx skipped), throwing on any transport failure; the
///   connection is kept for the next call, and reopened after the server closed it.
///   `sendHeadOnly` announces a body and sends only part of it. `request(…)` is the same round
///   trip in the protocol tests' style: raw header lines, optional result.
/// - raw: `send(_: String)` / `send(_: [UInt8])` write bytes as they are, `readResponse(head:)`
///   reads the next response as it comes (a `100 Continue` is a response of its own),
///   `waitForClose` waits for the server to drop the connection; `sendInBackground` writes from
///   another thread while this one reads.
///
/// Every read and write has a socket timeout (`timeout`), so a server that never answers shows up
/// as a failed expectation or a thrown error, never as a hung test run.
public final class HTTPTestClient: WireTransport {
    public let port: Int
    public let host: String
    public let timeout: TimeInterval
    /// The `Host` field every request carries (`127.0.0.1:port` unless changed).
    public var hostHeader: String
    /// The socket, -1 while not connected.
    public private(set) var fd: Int32 = -1
    private var buffer: [UInt8] = []
    /// Threads writing to this socket (`sendInBackground`); `close()` waits for them.
    private var backgroundSenders: [DispatchGroup] = []

    /// A client that connects on first use (and again after the server closed the connection).
    public init(port: Int, host: String = "127.0.0.1", timeout: TimeInterval = 30) {
        self.port = port
        self.host = host
        self.timeout = timeout
        hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// A client connected now; throws when the server does not accept the connection.
    public static func connect(port: Int, host: String = "127.0.0.1", timeout: TimeInterval = 5) throws -> HTTPTestClient {
        let client = HTTPTestClient(port: port, host: host, timeout: timeout)
        try client.connect()
        return client
    }

    deinit { close() }

    public func close() {
        if fd >= 0 {
            if !backgroundSenders.isEmpty {
                // A write blocked on a full socket fails at once after this, and no new one starts.
                _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
                backgroundSenders.forEach { $0.wait() }
                backgroundSenders.removeAll()
            }
            _ = Glibc.close(fd)
            fd = -1
        }
        buffer.removeAll()
    }

    /// Runs `write` on a thread of its own, given a function that writes bytes to this socket
    /// (returning how many it took before an error), while this thread reads the answer: a client
    /// streaming a body without waiting. `wait()` on the result joins the thread.
    ///
    /// Why not `rawSend(client.fd, …)` from a thread: the test's thread may close the socket
    /// (or drop the client) while the other still writes, and the kernel hands the number to the
    /// next socket opened anywhere in the test process, another test's connection included, which
    /// then receives these bytes. `close()` (and so `deinit`) shuts the socket down first, so the
    /// writer's next write fails, and waits for it before the number is given back.
    @discardableResult
    public func sendInBackground(_ write: @escaping @Sendable (_ send: ([UInt8]) -> Int) -> Void) -> DispatchGroup {
        let group = DispatchGroup()
        let fd = self.fd
        group.enter()
        let thread = Thread {
            write { bytes in fd < 0 ? 0 : rawSend(fd, bytes) }
            group.leave()
        }
        thread.stackSize = 256 * 1024
        thread.start()
        backgroundSenders.append(group)
        return group
    }

    /// Opens the connection unless it is open.
    public func connect() throws {
        guard fd < 0 else { return }
        let v6 = host.contains(":")
        let socketFD = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw TestClientError(description: "socket() failed: errno \(errno)") }
        let whole = Int(timeout)
        var tv = timeval(tv_sec: whole, tv_usec: Int((timeout - Double(whole)) * 1e6))
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socketFD, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(socketFD, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let rc: Int32
        if v6 {
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            addr.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            inet_pton(AF_INET6, host, &addr.sin6_addr)
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            inet_pton(AF_INET, host, &addr.sin_addr)
            rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard rc == 0 else {
            let e = errno
            _ = Glibc.close(socketFD)
            throw TestClientError(description: "connect to \(host) port \(port) failed: errno \(e)")
        }
        fd = socketFD
        buffer.removeAll()
    }


    // MARK: Requests

    public func exchange(_ method: String, _ target: String, headers: [(String, String)], body: Data?) throws -> WireResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if let body { bytes.append(contentsOf: body) }
        return try roundTrip(bytes, isHead: method == "HEAD")
    }

    /// Sends a head announcing a `declaredLength`-byte body, then only `sent` bytes of it, and
    /// reads the response: what a server that refuses from the head answers without waiting.
    public func sendHeadOnly(_ method: String, _ target: String, headers: [(String, String)] = [], declaredLength: Int, sent: Int = 0) throws -> WireResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(declaredLength)\r\n\r\n"
        return try roundTrip(Array(head.utf8) + [UInt8](repeating: 0x7B, count: sent), isHead: method == "HEAD")
    }

    /// One round trip in the protocol tests' style, on the raw layer: header lines as written
    /// (`"X-Key: k"`), a text body, and the next response as `readResponse` reads it (nil when
    /// none came). Unlike `send(method, …)` it leaves the connection as the server left it.
    public func request(_ method: String, _ target: String, headers: [String] = [], body: String? = nil) -> WireResponse? {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\n"
        for line in headers { text += line + "\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        send(text)
        return readResponse(head: method == "HEAD")
    }

    /// Writes `bytes` and reads up to the final response; on failure drops the connection (so the
    /// next request reconnects) and throws. A `Connection: close` answer drops it too.
    private func roundTrip(_ bytes: [UInt8], isHead: Bool) throws -> WireResponse {
        // A kept-alive connection the server closed while it sat idle (its idle timeout) is
        // replaced before use, as HTTP client libraries do (urllib3's `is_connection_dropped`).
        if fd >= 0, buffer.isEmpty, peerClosed() { close() }
        try connect()
        do {
            try writeAll(bytes)
            var response = try receive(head: isHead)
            while (100..<200).contains(response.status) { response = try receive(head: isHead) }
            if response.headers.hasToken("close", in: "Connection") { close() }
            return response
        } catch {
            close()
            throw error
        }
    }

    /// Whether the idle connection has been closed by the server: readable now with nothing
    /// to read (EOF) or with an error.
    private func peerClosed() -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n <= 0
    }

    // MARK: Raw bytes

    /// Writes `text` as it is (connecting first if needed); stops quietly at the first error.
    public func send(_ text: String) { send(Array(text.utf8)) }

    /// Writes `bytes` as they are (connecting first if needed); stops quietly at the first error.
    public func send(_ bytes: [UInt8]) {
        if fd < 0 { try? connect() }
        rawSend(fd, bytes)
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        let written = rawSend(fd, bytes)
        if written < bytes.count { throw TestClientError(description: "send failed after \(written) of \(bytes.count) bytes: errno \(errno)") }
    }

    /// Reads the next response as it comes, interim `100 Continue` included; nil on EOF, reset,
    /// timeout or garbage. `head: true` reads a HEAD response (Content-Length but no body).
    public func readResponse(head: Bool = false) -> WireResponse? {
        try? receive(head: head)
    }

    /// `readResponse` that says why it failed.
    public func receive(head: Bool = false) throws -> WireResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int
        while true {
            if let range = buffer.firstRange(of: separator) { headEnd = range.lowerBound; break }
            try fill()
        }
        let headText = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw TestClientError(description: "bad status line: \(headText.prefix(200))")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        // 1xx, 204 and 304 never carry a body (RFC 9110 §6.4.1), nor does the answer to HEAD.
        if head || (100..<200).contains(status) || status == 204 || status == 304 {
            return WireResponse(status: status, headers: headers, body: Data())
        }
        if headers.hasToken("chunked", in: "Transfer-Encoding") {
            return WireResponse(status: status, headers: headers, body: try readChunkedBody())
        }
        let length = Int(headers["Content-Length"] ?? "0") ?? 0
        while buffer.count < length { try fill() }
        let body = Data(buffer[0..<length])
        buffer.removeFirst(length)
        return WireResponse(status: status, headers: headers, body: body)
    }

    /// A chunked body (RFC 9112 §7.1): sizes in hex, extensions and trailers skipped.
    private func readChunkedBody() throws -> Data {
        var body = Data()
        while true {
            let sizeLine = try readLine()
            let hex = sizeLine.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let size = Int(hex.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                throw TestClientError(description: "bad chunk size line: \(sizeLine.prefix(100))")
            }
            if size == 0 {
                while try !readLine().isEmpty {} // trailer fields, then the empty line
                return body
            }
            while buffer.count < size + 2 { try fill() }
            body.append(contentsOf: buffer[0..<size])
            buffer.removeFirst(size + 2)
        }
    }

    private func readLine() throws -> String {
        while true {
            if let range = buffer.firstRange(of: [13, 10] as [UInt8]) {
                let line = String(decoding: buffer[0..<range.lowerBound], as: UTF8.self)
                buffer.removeFirst(range.upperBound)
                return line
            }
            try fill()
        }
    }

    /// Reads more bytes; throws on EOF, reset or timeout.
    private func fill() throws {
        guard fd >= 0 else { throw TestClientError(description: "not connected") }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return }
            if n < 0 && errno == EINTR { continue }
            let e = errno
            throw TestClientError(description: n == 0 ? "connection closed by server"
                : e == EAGAIN || e == EWOULDBLOCK ? "no answer within \(timeout) s" : "recv failed: errno \(e)")
        }
    }

    /// True when the server closes the connection (EOF or reset) before `timeout`; unread bytes are discarded.
    /// False when this client never connected or closed the connection itself.
    public func waitForClose(timeout: TimeInterval = 3) -> Bool {
        guard fd >= 0 else { return false }
        let deadline = Date().addingTimeInterval(timeout)
        buffer.removeAll()
        while Date() < deadline {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return true }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                return true // ECONNRESET
            }
        }
        return false
    }
}

/// Sends raw bytes on a socket from any thread (e.g. a body upload while another thread reads);
/// returns how many were accepted before an error.
@discardableResult
public func rawSend(_ fd: Int32, _ bytes: [UInt8]) -> Int {
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if n <= 0 {
            if n < 0 && errno == EINTR { continue }
            break
        }
        offset += n
    }
    return offset
}
