import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One `GET /__emulator/health` over a plain socket, with one deadline for connecting, sending
/// and reading. Not URLSession: FoundationNetworking would link libcurl into the static binary,
/// and the container image carries no curl (that is the point of `qtest-emulator health`).
struct HealthProbe {
    /// Where the emulator is.
    struct Target: Equatable {
        var host: String
        var port: Int
        /// The URL's path, when the emulator sits behind a prefix: `http://proxy/qtest`.
        var basePath: String

        /// `http://127.0.0.1:8080`, `http://[::1]:8080/prefix`.
        var display: String {
            "http://\(host.contains(":") ? "[\(host)]" : host):\(port)\(basePath)"
        }

        /// From `--url`: `http://host[:port][/prefix]`; the port defaults to 80.
        init(url text: String) throws {
            guard let url = URL(string: text), url.scheme?.lowercased() == "http", let rawHost = url.host, !rawHost.isEmpty else {
                throw ProbeError("--url must look like http://127.0.0.1:8080, not '\(text)' (https is not served)")
            }
            host = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
            port = url.port ?? 80
            basePath = url.path.hasSuffix("/") ? String(url.path.dropLast()) : url.path
        }

        /// From the variables `serve` reads, so the HEALTHCHECK follows `QTEST_EMULATOR_PORT`:
        /// a wildcard listen address is reached on loopback.
        init(environment: [String: String]) throws {
            let hostValue = environment["QTEST_EMULATOR_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
            let portValue = environment["QTEST_EMULATOR_PORT"].flatMap { $0.isEmpty ? nil : $0 } ?? "8080"
            guard let port = Int(portValue), (1...65535).contains(port) else {
                throw ProbeError("QTEST_EMULATOR_PORT=\(portValue) is not a port from 1 to 65535; pass --url")
            }
            switch hostValue {
            case "0.0.0.0": host = "127.0.0.1"
            case "::", "[::]": host = "::1"
            default: host = hostValue.hasPrefix("[") && hostValue.hasSuffix("]") ? String(hostValue.dropFirst().dropLast()) : hostValue
            }
            self.port = port
            basePath = ""
        }
    }

    /// What the health route said.
    struct Health {
        var version: String
        var qTestVersion: String
        var uptimeSeconds: Int
        var seed: String
        var pendingJobs: Int

        /// `qtest-emulator 0.5.0 (qTest 2025.1) at http://127.0.0.1:8080, up 12 s, seed demo, 0 pending jobs`
        func summary(at target: Target) -> String {
            "qtest-emulator \(version) (qTest \(qTestVersion)) at \(target.display), up \(uptimeSeconds) s, seed \(seed),"
                + " \(pendingJobs) pending job\(pendingJobs == 1 ? "" : "s")"
        }
    }

    struct ProbeError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    let target: Target
    let timeout: TimeInterval

    /// Connects, asks, and reads the answer; throws a `ProbeError` that says what went wrong.
    func check() throws -> Health {
        let deadline = Date().addingTimeInterval(timeout)
        let fd = try connect(before: deadline)
        defer { close(fd) }
        let hostHeader = target.host.contains(":") ? "[\(target.host)]:\(target.port)" : "\(target.host):\(target.port)"
        let request = "GET \(target.basePath)/__emulator/health HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: qtest-emulator-health\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
        try send(Array(request.utf8), on: fd, before: deadline)
        let answer = try readAll(fd, before: deadline)
        return try Self.parse(answer)
    }

    /// The answer's status and JSON body, read as the health route writes them.
    static func parse(_ answer: [UInt8]) throws -> Health {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = answer.indices.first(where: { answer[$0...].starts(with: separator) }) else {
            throw ProbeError(answer.isEmpty ? "the connection closed without an answer" : "the answer is not HTTP")
        }
        let head = String(decoding: answer[..<end], as: UTF8.self)
        let statusLine = head.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw ProbeError("the answer is not HTTP: '\(statusLine.prefix(80))'")
        }
        let body = Data(answer[(end + 4)...])
        guard status == 200 else {
            throw ProbeError("answered \(status) \(parts.count > 2 ? String(parts[2]) : "") (is this the emulator?)")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], let state = object["status"] as? String else {
            throw ProbeError("answered 200 without the health document (is this the emulator?)")
        }
        guard state == "ok" else { throw ProbeError("status is '\(state)', not 'ok'") }
        return Health(
            version: object["version"] as? String ?? "?",
            qTestVersion: object["qtest_version"] as? String ?? "?",
            uptimeSeconds: (object["uptime_seconds"] as? NSNumber)?.intValue ?? 0,
            seed: object["seed"] as? String ?? "?",
            pendingJobs: (object["pending_jobs"] as? NSNumber)?.intValue ?? 0
        )
    }

    // MARK: Socket

    private func connect(before deadline: Date) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(target.host, String(target.port), &hints, &list)
        guard rc == 0, let first = list else {
            throw ProbeError("cannot resolve \(target.host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let info = next {
            next = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { lastError = Self.errnoText(); continue }
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
            guard errno == EINPROGRESS else { lastError = Self.errnoText(); close(fd); continue }
            guard try wait(fd, for: Int16(POLLOUT), before: deadline) else {
                close(fd)
                throw ProbeError("no connection within \(Self.seconds(timeout))")
            }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
            if failure == 0 { return fd }
            lastError = String(cString: strerror(failure)).lowercased()
            close(fd)
        }
        throw ProbeError("cannot connect: \(lastError) (is the emulator running?)")
    }

    private func send(_ bytes: [UInt8], on fd: Int32, before deadline: Date) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent > 0 { offset += sent; continue }
            guard sent < 0, errno == EAGAIN || errno == EINTR else { throw ProbeError("cannot send: \(Self.errnoText())") }
            guard try wait(fd, for: Int16(POLLOUT), before: deadline) else { throw ProbeError("no answer within \(Self.seconds(timeout))") }
        }
    }

    /// Reads until the server closes (the request said `Connection: close`), at most 1 MiB.
    private func readAll(_ fd: Int32, before deadline: Date) throws -> [UInt8] {
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while answer.count < 1 << 20 {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { answer += buffer[..<count]; continue }
            if count == 0 { return answer }
            guard errno == EAGAIN || errno == EINTR else { throw ProbeError("cannot read the answer: \(Self.errnoText())") }
            guard try wait(fd, for: Int16(POLLIN), before: deadline) else { throw ProbeError("no answer within \(Self.seconds(timeout))") }
        }
        return answer
    }

    /// Polls until `events` or the deadline; false at the deadline.
    private func wait(_ fd: Int32, for events: Int16, before deadline: Date) throws -> Bool {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return false }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let rc = poll(&entry, 1, Int32(min(remaining * 1000, 1_000_000).rounded(.up)))
            if rc > 0 { return true }
            if rc < 0, errno != EINTR { throw ProbeError("poll failed: \(Self.errnoText())") }
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)).lowercased() }

    private static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
