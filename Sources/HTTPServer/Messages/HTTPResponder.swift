/// Application entry point. Synchronous on purpose: handlers run on a concurrent Dispatch
/// queue (never the I/O queue), so blocking in one only ties up that worker thread.
public protocol HTTPResponder: Sendable {
    /// Answers a complete request (head and body).
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Head-phase screen: called with each request's head (request line and header fields; `body`
    /// is empty) before any of its body is read and before "100 Continue" is sent, on the same
    /// worker queue as `respond(to:)` (so it may block, e.g. on a token lookup).
    ///
    /// Return nil to let the request through: its body is then read and `respond(to:)` is called.
    /// Return a response to refuse it: `respond(to:)` is not called; for a request that declared a
    /// body, the response goes out with `Connection: close` and the unread body is drained and
    /// dropped (bounded in time), never buffered. A refused bodyless request keeps its connection.
    ///
    /// Use it for checks that need only the head (authentication, route existence, Content-Type),
    /// so that refused uploads cost no memory. Defaults to letting everything through.
    func screen(_ head: HTTPRequest) -> HTTPResponse?

    /// A tighter body limit for a head that passed `screen(_:)` (e.g. a route taking uploads of
    /// at most N bytes), or nil for the server's `maxBodyBytes`. Called on the worker queue right
    /// after the screen, before any body byte is read; see ``HTTPBodyLimit`` for how it is enforced.
    func bodyLimit(for head: HTTPRequest) -> HTTPBodyLimit?

    /// Screens a request that has no body and answers it if it passes: what
    /// `screen(request) ?? respond(to: request)` does, which a responder may do with one route
    /// lookup instead of two. The server calls it for every bodyless request.
    func screenAndRespond(to request: HTTPRequest) -> HTTPResponse

    /// An answer made from memory alone, or nil. Called on the server's I/O queue for bodyless
    /// GET and HEAD requests before they are handed to a worker thread: it must not block (no
    /// lock held for long, no database, no I/O). An answer here is the answer
    /// `screenAndRespond(to:)` would give; nil sends the request down that path. Defaults to nil.
    func respondInline(to request: HTTPRequest) -> HTTPResponse?
}

extension HTTPResponder {
    public func screen(_ head: HTTPRequest) -> HTTPResponse? { nil }
    public func bodyLimit(for head: HTTPRequest) -> HTTPBodyLimit? { nil }
    public func screenAndRespond(to request: HTTPRequest) -> HTTPResponse { screen(request) ?? respond(to: request) }
    public func respondInline(to request: HTTPRequest) -> HTTPResponse? { nil }
}
