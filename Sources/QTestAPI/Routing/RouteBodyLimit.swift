import Foundation
import HTTPServer

/// A route's own cap on its request bodies, below the server's `--max-body-bytes`, with the
/// qTest answer for a larger one (attachment uploads: 413 "The attachment is too large").
///
/// Enforced three times, each where it is cheapest: the head-phase screen refuses a declared
/// `Content-Length` above it before the body is read; the server cuts a chunked body off at the
/// chunk that passes it (``HTTPBodyLimit``); and the handler path checks the body it got, for
/// callers that bypass the server (the in-process router).
///
/// ```swift
/// table.project("POST", base + "/blob-handles",
///               bodyLimit: RouteBodyLimit(maxBytes: 50 << 20, error: .payloadTooLarge("The attachment is too large"))) { … }
/// ```
public struct RouteBodyLimit: Sendable {
    public let maxBytes: Int
    public let error: APIError

    public init(maxBytes: Int, error: APIError) {
        self.maxBytes = max(0, maxBytes)
        self.error = error
    }

    /// Throws when the head declares a longer body than allowed (a chunked head declares none).
    func check(head: HTTPRequest) throws {
        guard let declared = head.headers["Content-Length"].flatMap({ Int(OptionalWhitespace.trimmed($0)) }) else { return }
        if declared > maxBytes { throw error }
    }

    /// Throws when the body received is longer than allowed.
    func check(body: Data) throws {
        if body.count > maxBytes { throw error }
    }

    /// The same limit for the server to enforce while it reads.
    var server: HTTPBodyLimit { HTTPBodyLimit(maxBytes: maxBytes, response: error.response) }
}
