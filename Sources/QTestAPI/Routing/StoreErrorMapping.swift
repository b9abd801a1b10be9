import QTestStore

extension StoreError: APIErrorConvertible {
    /// Store rule violations become qTest `{"message"}` bodies with the store's status. A
    /// broken invariant (500) keeps its details in the log, not in the response.
    public var apiError: APIError {
        if kind == .internalError { return APIError(status: 500, message: "Internal server error") }
        var error = APIError(status: httpStatus, message: message)
        // Busy answers tell the client when to try again, as a 503 should.
        if kind == .busy { error.headers.append(("Retry-After", "1")) }
        return error
    }
}
