import Foundation
import Logging

/// At `debug`, the heads of each exchange, one line each, the way `curl -v` marks them:
///
///     GET /api/v3/projects/108781: > GET /api/v3/projects/108781 HTTP/1.1 | Host: 127.0.0.1:8080 | Authorization: Bearer *** | Accept: */*
///     GET /api/v3/projects/108781: < HTTP/1.1 200 OK | Content-Type: application/json | Content-Length: 1042 | Date: … 
///
/// The request head is the one received; the response head is the one the serializer writes
/// (for a refusal before the body, `Connection: close` included). Credentials are masked
/// (`Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`: the scheme stays, the rest is
/// `***`), because CI logs are often public. Bodies are not logged: the journal
/// (`GET /__emulator/journal`) has them.
extension HTTPServer {
    func logHeads(_ request: HTTPRequest, _ response: HTTPResponse, keepAlive: Bool) {
        guard logger.logLevel <= .debug else { return }
        let requestLine = "\(request.method) \(request.target) \(request.version == .http10 ? "HTTP/1.0" : "HTTP/1.1")"
        let requestFields = request.headers.map { "\($0.name): \(Self.masked($0.name, $0.value))" }
        logger.debug("\(request.method) \(request.path): > \(([requestLine] + requestFields).joined(separator: " | "))")
        let (head, _) = ResponseSerializer.serialize(response, version: request.version, isHead: request.method == "HEAD",
                                                     keepAlive: keepAlive, date: httpDate.now)
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\r\n").map { line -> String in
            guard let colon = line.firstIndex(of: ":") else { return String(line) }
            let name = String(line[..<colon])
            return "\(name): \(Self.masked(name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))"
        }
        logger.debug("\(request.method) \(request.path): < \(lines.joined(separator: " | "))")
    }

    /// A credential's scheme, then `***`: `Bearer ***`, `Basic ***`; a bare token is `***`.
    static func masked(_ name: String, _ value: String) -> String {
        let secret = ["authorization", "proxy-authorization", "cookie", "set-cookie"].contains(name.lowercased())
        guard secret, !value.isEmpty else { return value }
        let parts = value.split(separator: " ", maxSplits: 1)
        return parts.count == 2 && name.lowercased().hasSuffix("authorization") ? "\(parts[0]) ***" : "***"
    }
}
