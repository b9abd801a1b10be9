import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPServer

/// Sends requests to a responder in-process, with no socket and no server: the `.router` mode of
/// `EmulatorHarness`. It goes through the responder as a live server does: the head is screened
/// first (`screen(_:)`, as the server does before reading a body) and a refusal is the answer;
/// otherwise `respond(to:)` gets the whole request. The response is then framed as the server's
/// serializer frames it (status range, Content-Length, Date, Connection: close when the stream
/// could not go on, no body for HEAD/1xx/204/304), so status, headers that matter and JSON are
/// what a socket client would read.
///
/// What it does not do: parse bytes, apply `HTTPServerConfiguration` limits, timeouts or keep-alive
/// bookkeeping. Tests of those stay on the live server.
public final class RouterTransport: WireTransport {
    public let responder: any HTTPResponder
    /// The `Host` field every request carries (links in qTest JSON are built from it).
    public var hostHeader: String

    public init(_ responder: any HTTPResponder, host: String = "127.0.0.1") {
        self.responder = responder
        hostHeader = host
    }

    public func exchange(_ method: String, _ target: String, headers: [(String, String)], body: Data?) throws -> WireResponse {
        var fields = HTTPHeaders([("Host", hostHeader)])
        for (name, value) in headers { fields.add(name, value) }
        if let body { fields.add("Content-Length", String(body.count)) }
        var request = HTTPRequest(method: method, target: target, headers: fields)
        request.remoteAddress = "127.0.0.1"
        let isHead = method == "HEAD"
        let keepAlive = request.wantsKeepAlive
        // The head alone (empty body), as a live server screens it before reading the body.
        if let refusal = responder.screen(request) {
            // A refused head whose body was never read ends its connection.
            return Self.frame(refusal, isHead: isHead, keepAlive: keepAlive && !request.declaresBody)
        }
        request.body = body ?? Data()
        return Self.frame(responder.respond(to: request), isHead: isHead, keepAlive: keepAlive)
    }

    public func close() {}

    /// The response as the server's serializer would put it on the wire (HTTP/1.1).
    static func frame(_ response: HTTPResponse, isHead: Bool, keepAlive: Bool) -> WireResponse {
        let status = (100...999).contains(response.status) ? response.status : 500
        let bodyless = status < 200 || status == 204 || status == 304
        var headers = HTTPHeaders()
        var handlerLength: String?
        for field in response.headers {
            let name = field.name.lowercased()
            if name == "content-length" { handlerLength = field.value; continue }
            if name == "transfer-encoding" || name == "connection" || name == "date" { continue }
            let value = field.value.filter { $0 != "\r" && $0 != "\n" }
            headers.add(field.name, value.trimmingCharacters(in: .whitespaces))
        }
        if status == 304 {
            if let handlerLength { headers.add("Content-Length", handlerLength) }
        } else if !bodyless {
            headers.add("Content-Length", isHead && response.body.isEmpty ? handlerLength ?? "0" : String(response.body.count))
        }
        headers.add("Date", httpDate())
        if !keepAlive { headers.add("Connection", "close") }
        return WireResponse(status: status, headers: headers, body: isHead || bodyless ? Data() : response.body)
    }

    /// IMF-fixdate of now ("Sun, 06 Nov 1994 08:49:37 GMT").
    static func httpDate() -> String {
        var t = time(nil)
        var tm = Glibc.tm()
        gmtime_r(&t, &tm)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[Int(tm.tm_wday) % 7]), \(two(tm.tm_mday)) \(months[Int(tm.tm_mon) % 12]) \(tm.tm_year + 1900) "
            + "\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)) GMT"
    }
}
