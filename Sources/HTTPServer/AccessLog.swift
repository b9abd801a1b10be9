import Foundation
import Logging

/// The access log: what the server logs about each answered request.
///
/// At `info`, one line per request, `GET /api/v3/projects 200 1.2ms` (method, path, status,
/// milliseconds from the request being fully parsed to its response being produced). Scripts
/// read these lines (`scripts/fuzz-api.sh` counts the 5xx in the third column), so the format
/// stays. The same values ride along as metadata: `method`, `path`, `status`, `duration`
/// (seconds, a `Double`) and `remote` (`address:port`).
///
/// At `debug`, a second line tells what the request carried:
/// `GET /api/v3/projects: 4 headers (131 bytes), body 0 bytes, from 127.0.0.1:50312, 1.234 ms`.
extension HTTPServer {
    /// Called from the work queue once a request is answered (or refused by the screen).
    func logAccess(_ request: HTTPRequest, status: Int, duration: TimeInterval) {
        logger.info("\(request.method) \(request.path) \(status) \(Self.tenths(duration * 1000))ms", metadata: [
            "method": .string(request.method),
            "path": .string(request.path),
            "status": .stringConvertible(status),
            "duration": .stringConvertible(duration),
            "remote": .string(request.remoteAddress),
        ])
        logger.debug("\(request.method) \(request.path): \(request.headers.count) headers (\(Self.headerBytes(request.headers)) bytes), body \(request.body.count) bytes, from \(request.remoteAddress), \(String(format: "%.3f", duration * 1000)) ms")
    }

    /// `value` with one decimal, as `%.1f` prints it (ties to even), without a format string:
    /// `String(format:)` was a tenth of the cost of a health check.
    static func tenths(_ value: Double) -> String {
        guard value.isFinite, value >= 0, value < 1e15 else { return value.isNaN ? "nan" : String(format: "%.1f", value) }
        let scaled = Int64((value * 10).rounded(.toNearestOrEven))
        return "\(scaled / 10).\(scaled % 10)"
    }

    /// The size of the header fields as `Name: value\r\n` lines: what they cost on the wire,
    /// give or take the whitespace the client put around values.
    static func headerBytes(_ headers: HTTPHeaders) -> Int {
        headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
    }
}
