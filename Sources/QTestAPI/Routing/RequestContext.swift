import Foundation
import HTTPServer

/// What a handler sees: the request, typed accessors for its parameters (``RequestReading``),
/// and (on authenticated routes) the caller.
public struct RequestContext: RequestReading {
    public let request: HTTPRequest
    /// The caller, set for routes that require a token.
    public var caller: Caller?

    public init(request: HTTPRequest, caller: Caller? = nil) {
        self.request = request
        self.caller = caller
    }

    /// The authenticated caller; only `nil` on public routes, where handlers don't ask.
    public var user: Caller {
        get throws {
            guard let caller else { throw APIError.unauthorized() }
            return caller
        }
    }
}
