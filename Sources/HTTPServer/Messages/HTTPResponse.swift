import Foundation

/// What a responder returns. The server adds Content-Length, Date and Connection itself,
/// overriding any values the handler put there, so framing can never be wrong.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    /// Close the connection without writing this (or any later) answer: how a test double
    /// plays a server that dies mid-request. The status is only for access logs.
    public var dropsConnection = false
    /// Facts about how the answer came about (the route that answered, the caller), for
    /// wrappers such as a request journal. Never sent.
    public var notes: [String: String] = [:]

    public init(status: Int, headers: HTTPHeaders = .init(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ status: Int, _ body: Data) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: body)
    }

    /// Serializes with JSONSerialization; an object it cannot encode becomes a 500 rather than a crash.
    public static func json(_ status: Int, object: Any) -> HTTPResponse {
        guard JSONSerialization.isValidJSONObject(object) || object is String || object is NSNumber || object is NSNull,
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed])
        else {
            return message(500, "Internal Server Error: response is not JSON-serializable")
        }
        return json(status, data)
    }

    public static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", contentType)]), body: Data(text.utf8))
    }

    public static func message(_ status: Int, _ message: String) -> HTTPResponse {
        json(status, object: ["message": message])
    }
}
