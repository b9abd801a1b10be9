/// What `HTTPRequestParser.next()` produced from the bytes buffered so far.
enum HTTPParserEvent: Sendable {
    /// The head (request line + header fields) of a request that declares a body, with an empty
    /// `body`. Emitted before any body byte is consumed and before `continueExpected`, so the server
    /// can screen the request without reading its body. Bodyless requests skip this event and
    /// arrive as `request` directly (their head is the whole request).
    case head(HTTPRequest)
    /// A complete request (head + body).
    case request(HTTPRequest)
    /// Headers carried `Expect: 100-continue` and no body bytes have arrived yet:
    /// the server should send "100 Continue" and keep feeding bytes.
    case continueExpected
    /// Not enough bytes yet.
    case needMoreData
    /// The stream is unusable; answer `error.status` and close. Repeats on every further call.
    case error(HTTPParseError)
}
