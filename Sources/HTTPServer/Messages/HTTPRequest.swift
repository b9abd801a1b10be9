import Foundation

/// A fully received request. Value type so handlers can copy and annotate it freely.
public struct HTTPRequest: Sendable {
    public var method: String
    public var target: String
    public var path: String
    public var query: QueryParameters
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: Data
    public var pathParameters: [String: String] = [:]
    public var remoteAddress: String = ""

    public init(method: String, target: String, version: HTTPVersion = .http11,
                headers: HTTPHeaders = .init(), body: Data = Data()) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        (path, query) = HTTPRequest.splitTarget(target)
    }

    /// Whether the connection may stay open after this request (RFC 9112 §9.3):
    /// 1.1 is persistent unless "close"; 1.0 only with an explicit "keep-alive".
    /// Whether the head announces a body (a non-zero `Content-Length`, or any
    /// `Transfer-Encoding`): true for a head screened before its body is read.
    public var declaresBody: Bool {
        if headers.contains("Transfer-Encoding") { return true }
        guard let length = headers["Content-Length"] else { return !body.isEmpty }
        return OptionalWhitespace.trimmed(length) != "0"
    }

    public var wantsKeepAlive: Bool {
        switch version {
        case .http11: return !headers.hasToken("close", in: "Connection")
        case .http10: return headers.hasToken("keep-alive", in: "Connection") && !headers.hasToken("close", in: "Connection")
        }
    }

    /// Accepts origin-form ("/p?q"), absolute-form ("http://h/p?q") and asterisk-form ("*").
    static func splitTarget(_ target: String) -> (String, QueryParameters) {
        var rest = Substring(target)
        // Searched for on the bytes: a search over Characters is several times slower.
        if let fragment = rest.utf8.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<fragment] }
        if !rest.hasPrefix("/"), let scheme = rest.range(of: "://") {
            let afterAuthority = rest[scheme.upperBound...]
            if let slash = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }) {
                rest = afterAuthority[slash...]
            } else {
                rest = "/"
            }
        }
        var rawPath = rest
        var query = QueryParameters()
        if let q = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            rawPath = rest[..<q]
            query = QueryParameters.parse(rest[rest.index(after: q)...])
        }
        if rawPath.isEmpty { rawPath = "/" }
        if rawPath == "*" { return ("*", query) }
        return (PercentDecoding.normalizePath(rawPath), query)
    }
}
