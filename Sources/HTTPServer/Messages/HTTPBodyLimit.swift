/// A body limit for one request that is smaller than the server's `maxBodyBytes`, and the answer
/// a client gets when its body passes it (see `HTTPResponder.bodyLimit(for:)`).
///
/// The server enforces it while it reads: a declared `Content-Length` above it is answered before
/// any body byte is read, and a chunked body is cut off at the chunk that would pass it, so an
/// over-long upload is never buffered beyond the limit. The answer goes out with
/// `Connection: close` (the rest of the body is drained and dropped).
///
/// ```swift
/// HTTPBodyLimit(maxBytes: 50 << 20, response: .message(413, "The attachment is too large"))
/// ```
public struct HTTPBodyLimit: Sendable {
    /// The most body bytes the request may carry.
    public var maxBytes: Int
    /// What the client is answered when the body is larger.
    public var response: HTTPResponse

    public init(maxBytes: Int, response: HTTPResponse) {
        self.maxBytes = maxBytes
        self.response = response
    }
}
