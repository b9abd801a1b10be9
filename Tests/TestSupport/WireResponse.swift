import Foundation
import HTTPServer

/// A response as a test saw it: read off the socket by `HTTPTestClient`, or framed in-process by
/// `RouterTransport` the way the server would have put it on the wire.
public struct WireResponse: CustomStringConvertible {
    public let status: Int
    /// Header fields in wire order; names compare case-insensitively (`headers["Connection"]`).
    public let headers: HTTPHeaders
    public let body: Data

    public init(status: Int, headers: HTTPHeaders, body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, case-insensitively.
    public func header(_ name: String) -> String? { headers[name] }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON (Foundation types, for easy assertions); nil when it is not JSON.
    public var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    /// The body as a JSON object; empty when it is not one.
    public var object: [String: Any] { json as? [String: Any] ?? [:] }
    /// The body as a JSON array of objects; empty when it is not one.
    public var array: [[String: Any]] { json as? [[String: Any]] ?? [] }

    public var description: String { "\(status) \(text.prefix(500))" }
}

/// A failure of the test plumbing itself (connect, send, unexpected bytes), not of the server's answer.
public struct TestClientError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Something a test sends requests through: a socket to a live server (`HTTPTestClient`) or an
/// in-process call of a responder (`RouterTransport`). Tests written against it run in either mode.
public protocol WireTransport: AnyObject {
    /// Sends one request (`body`, when given, with its `Content-Length`) and returns the final response.
    func exchange(_ method: String, _ target: String, headers: [(String, String)], body: Data?) throws -> WireResponse
    /// Drops the connection, if any; the next request opens a new one.
    func close()
}

extension WireTransport {
    /// One request/response round trip (see `exchange`).
    public func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: Data? = nil) throws -> WireResponse {
        try exchange(method, target, headers: headers, body: body)
    }
}
