import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A response as the test client saw it on the wire.
struct WireResponse: CustomStringConvertible {
    let status: Int
    let headers: [(String, String)]
    let body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON (Foundation types, for easy assertions).
    var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }

    var description: String { "\(status) \(text.prefix(500))" }
}

struct TestClientError: Error, CustomStringConvertible {
    let description: String
}

/// A minimal blocking HTTP/1.1 client over a POSIX socket, so tests exercise the real server
/// the way an SDK would (keep-alive connection, Content-Length bodies).
final class HTTPTestClient {
    private let port: Int
    private var fd: Int32 = -1
    private var buffer = [UInt8]()

    init(port: Int) { self.port = port }
    deinit { close() }

    func close() {
        if fd >= 0 { _ = Glibc.close(fd); fd = -1 }
        buffer.removeAll()
    }

    private func connectIfNeeded() throws {
        guard fd < 0 else { return }
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClientError(description: "socket() failed") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { close(); throw TestClientError(description: "connect() failed") }
    }

    /// Sends one request and reads one response. The connection is kept for the next call
    /// unless the server closes it.
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: Data? = nil) throws -> WireResponse {
        try connectIfNeeded()
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if let body { bytes.append(contentsOf: body) }
        try writeAll(bytes)
        let response = try readResponse(isHead: method == "HEAD")
        if response.header("Connection")?.lowercased() == "close" { close() }
        return response
    }

    /// Sends a head announcing a `declaredLength`-byte body, then only `sent` bytes of it, and
    /// reads the response: what a server that refuses from the head answers without waiting.
    func sendHeadOnly(_ method: String, _ path: String, headers: [(String, String)] = [], declaredLength: Int, sent: Int = 0) throws -> WireResponse {
        try connectIfNeeded()
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(declaredLength)\r\n\r\n"
        try writeAll(Array(head.utf8) + [UInt8](repeating: 0x7B, count: sent))
        let response = try readResponse(isHead: method == "HEAD")
        if response.header("Connection")?.lowercased() == "close" { close() }
        return response
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 { if errno == EINTR { continue }; close(); throw TestClientError(description: "send failed: \(errno)") }
            offset += n
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return }
            if n < 0, errno == EINTR { continue }
            close()
            throw TestClientError(description: n == 0 ? "connection closed by server" : "recv failed: \(errno)")
        }
    }

    private func readResponse(isHead: Bool) throws -> WireResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            if let range = buffer.firstRange(of: separator) { headerEnd = range.lowerBound; break }
            try fill()
        }
        let headText = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        buffer.removeFirst(headerEnd! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw TestClientError(description: "bad status line: \(headText)")
        }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        if status == 100 { return try readResponse(isHead: isHead) }
        let length = isHead ? 0 : Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
        while buffer.count < length { try fill() }
        let body = Data(buffer[0..<length])
        buffer.removeFirst(length)
        return WireResponse(status: status, headers: headers, body: body)
    }
}
