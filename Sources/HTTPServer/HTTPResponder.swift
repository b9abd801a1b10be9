/// Application entry point. Synchronous on purpose: handlers run on a concurrent Dispatch
/// queue (never the I/O queue), so blocking in one only ties up that worker thread.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) -> HTTPResponse
}
