/// What `HTTPRequestParser.next()` produced from the bytes buffered so far.
enum HTTPParserEvent: Sendable {
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
