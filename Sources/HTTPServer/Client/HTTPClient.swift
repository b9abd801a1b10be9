import Foundation
import Glibc

/// A one-request HTTP/1.1 client on plain POSIX sockets: connect, send one request with
/// `Connection: close`, read the status line and headers (and a short body), close.
///
/// Made for outbound notifications (webhook deliveries), where the sender wants a status or a
/// reason and nothing else: one deadline bounds the whole exchange (connect, send, receive);
/// which hosts may be reached is the caller's policy (``Destinations``), checked on the resolved
/// addresses, and loopback-only policies never ask DNS. Plain `http` only: there is no TLS here.
///
/// ```swift
/// let answer = try HTTPClient.send(HTTPClient.Request(url: "http://127.0.0.1:9000/hook", body: Array("{}".utf8),
///                                                     headers: [("Content-Type", "application/json")]),
///                                  timeout: 5, destinations: .loopback)
/// answer.status   // 200
/// ```
public enum HTTPClient {
    /// Which hosts requests may go to.
    public enum Destinations: Sendable, Equatable {
        /// Loopback addresses only (127.0.0.0/8, ::1): `localhost`, `*.localhost` or an IP literal.
        case loopback
        /// Loopback, plus these host names or address literals (compared without letter case).
        case hosts(Set<String>)
        /// Anywhere the name resolves to.
        case any
    }

    /// One request.
    public struct Request: Sendable {
        public var method: String
        public var url: String
        public var headers: [(String, String)]
        public var body: [UInt8]

        /// A request (POST by default); `Host`, `Content-Length` and `Connection: close` are added.
        public init(method: String = "POST", url: String, body: [UInt8] = [], headers: [(String, String)] = []) {
            self.method = method; self.url = url; self.body = body; self.headers = headers
        }
    }

    /// What the server answered.
    public struct Response: Sendable, Equatable {
        public var status: Int
        public var reason: String
    }

    /// Why a request got no answer.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public enum Kind: Sendable, Equatable {
            /// Not a URL this client can send to; trying again cannot help.
            case unusable
            /// Anything else (refused, timed out, reset): worth another attempt.
            case transient
        }
        public let kind: Kind
        public let description: String

        public init(kind: Kind, description: String) {
            self.kind = kind; self.description = description
        }

        static func unusable(_ text: String) -> Failure { Failure(kind: .unusable, description: text) }
        static func transient(_ text: String) -> Failure { Failure(kind: .transient, description: text) }
    }

    /// The most header bytes read from a response.
    static let maxResponseBytes = 64 * 1024

    /// Sends `request` and returns the server's status, or throws a ``Failure``; never takes
    /// (much) longer than `timeout` seconds.
    public static func send(_ request: Request, timeout: TimeInterval, destinations: Destinations) throws -> Response {
        let deadline = Date().addingTimeInterval(max(timeout, 0.001))
        let target = try Target(request.url)
        let addresses = try resolve(target, destinations)
        var lastError = Failure.transient("no address for \(target.host)")
        for address in addresses {
            let fd: Int32
            do { fd = try connect(address, deadline: deadline) } catch let failure as Failure {
                lastError = failure
                if failure.description.hasPrefix("timed out") { throw failure }
                continue
            }
            defer { Glibc.close(fd) }
            var head = "\(request.method) \(target.requestTarget) HTTP/1.1\r\nHost: \(target.hostHeader)\r\n"
            for (name, value) in request.headers where !value.contains("\r") && !value.contains("\n") {
                head += "\(name): \(value)\r\n"
            }
            head += "Content-Length: \(request.body.count)\r\nConnection: close\r\n\r\n"
            try write(fd, Array(head.utf8) + request.body, deadline: deadline)
            return try readResponse(fd, deadline: deadline)
        }
        throw lastError
    }

    // MARK: URL and addresses

    struct Target {
        var host: String
        var port: Int
        var requestTarget: String
        var hostHeader: String

        init(_ url: String) throws {
            guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), var host = parts.host, !host.isEmpty else {
                throw Failure.unusable("not an absolute URL: \(url)")
            }
            guard scheme == "http" else {
                throw Failure.unusable("\(scheme) URLs are not supported (the emulator sends plain http only)")
            }
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            let port = parts.port ?? 80
            guard (1...65535).contains(port) else { throw Failure.unusable("invalid port \(port)") }
            let path = parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath
            self.host = host
            self.port = port
            requestTarget = path + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
            let shown = host.contains(":") ? "[\(host)]" : host
            hostHeader = port == 80 ? shown : "\(shown):\(port)"
        }
    }

    static func isLiteral(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    static func isLoopback(_ storage: sockaddr_storage) -> Bool {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) >> 24 == 127 }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p in
                    let bytes = withUnsafeBytes(of: p.pointee.sin6_addr) { Array($0) }
                    let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
                    let mappedV4: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
                    return bytes == loopback || (Array(bytes.prefix(12)) == mappedV4 && bytes[12] == 127)
                }
            }
        default:
            return false
        }
    }

    static func resolve(_ target: Target, _ destinations: Destinations) throws -> [sockaddr_storage] {
        let name = target.host.lowercased()
        let literal = isLiteral(name)
        let namedLoopback = name == "localhost" || name.hasSuffix(".localhost")
        let listed: Bool
        switch destinations {
        case .any: listed = true
        case .hosts(let hosts): listed = hosts.contains { $0.lowercased() == name }
        case .loopback: listed = false
        }
        // Only names a policy allows are looked up: a loopback-only emulator never asks DNS.
        guard listed || literal || namedLoopback else {
            throw Failure.unusable("host \(target.host) is not an allowed webhook destination")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV | (literal ? AI_NUMERICHOST : 0)
        var list: UnsafeMutablePointer<addrinfo>?
        let lookup = namedLoopback && name != "localhost" ? "localhost" : name
        let rc = getaddrinfo(lookup, String(target.port), &hints, &list)
        guard rc == 0, let first = list else {
            throw Failure.transient("cannot resolve \(target.host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(first) }
        var out: [sockaddr_storage] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            if let address = entry.pointee.ai_addr, Int(entry.pointee.ai_addrlen) <= MemoryLayout<sockaddr_storage>.size {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { raw in
                    raw.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(entry.pointee.ai_addrlen)))
                }
                if listed || isLoopback(storage) { out.append(storage) }
            }
            node = entry.pointee.ai_next
        }
        guard !out.isEmpty else { throw Failure.unusable("host \(target.host) does not resolve to an allowed address") }
        return out
    }

    // MARK: The exchange

    static func remainingMs(_ deadline: Date) -> Int32 {
        Int32(max(0, min(deadline.timeIntervalSinceNow * 1000, Double(Int32.max))).rounded(.up))
    }

    /// Waits until `fd` is ready for `events`; false at the deadline.
    static func wait(_ fd: Int32, _ events: Int16, deadline: Date) -> Bool {
        while true {
            let ms = remainingMs(deadline)
            if ms <= 0 { return false }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let rc = poll(&entry, 1, ms)
            if rc > 0 { return true }
            if rc == 0 { return false }
            if errno != EINTR { return true } // let the read or write report it
        }
    }

    static func connect(_ address: sockaddr_storage, deadline: Date) throws -> Int32 {
        var address = address
        let family = Int32(address.ss_family)
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure.transient("cannot open a socket: \(String(cString: strerror(errno)))") }
        let length = socklen_t(family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        let rc = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) } }
        if rc != 0 {
            guard errno == EINPROGRESS else {
                let reason = String(cString: strerror(errno))
                Glibc.close(fd)
                throw Failure.transient("cannot connect: \(reason.lowercased())")
            }
            guard wait(fd, Int16(POLLOUT), deadline: deadline) else {
                Glibc.close(fd)
                throw Failure.transient("timed out connecting")
            }
            var error: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size)
            if error != 0 {
                Glibc.close(fd)
                throw Failure.transient("cannot connect: \(String(cString: strerror(error)).lowercased())")
            }
        }
        return fd
    }

    static func write(_ fd: Int32, _ bytes: [UInt8], deadline: Date) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.send(fd, base + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if n > 0 { sent += n; continue }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                guard wait(fd, Int16(POLLOUT), deadline: deadline) else { throw Failure.transient("timed out sending the request") }
                continue
            }
            throw Failure.transient("connection lost while sending: \(String(cString: strerror(errno)).lowercased())")
        }
    }

    static func readResponse(_ fd: Int32, deadline: Date) throws -> Response {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var headEnd: Int?
        var bodyWanted = 0
        while buffer.count < maxResponseBytes {
            if let end = headEnd, buffer.count >= end + bodyWanted { break }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                if headEnd == nil, let end = find(buffer, [13, 10, 13, 10]) {
                    headEnd = end + 4
                    bodyWanted = min(contentLength(buffer[0..<end]) ?? 0, 8 * 1024)
                }
                continue
            }
            if n == 0 { break }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                guard wait(fd, Int16(POLLIN), deadline: deadline) else {
                    // A status line already read is the answer, however slow the rest is.
                    if headEnd != nil { break }
                    throw Failure.transient("timed out waiting for the response")
                }
                continue
            }
            if headEnd != nil { break }
            throw Failure.transient("connection lost before the response: \(String(cString: strerror(errno)).lowercased())")
        }
        let lineEnd = find(buffer, [13, 10]) ?? buffer.count
        let line = String(decoding: buffer[0..<lineEnd], as: UTF8.self)
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
            throw Failure.transient(buffer.isEmpty ? "connection closed without a response" : "not an HTTP response")
        }
        return Response(status: status, reason: parts.count > 2 ? String(parts[2]) : "")
    }

    static func find(_ bytes: [UInt8], _ needle: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }

    static func contentLength(_ head: ArraySlice<UInt8>) -> Int? {
        for line in String(decoding: head, as: UTF8.self).split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                return Int(pair[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }
}
