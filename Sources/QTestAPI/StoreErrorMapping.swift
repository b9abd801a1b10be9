import QTestStore

extension StoreError: APIErrorConvertible {
    /// Store rule violations become qTest `{"message"}` bodies with the store's status. A
    /// broken invariant (500) keeps its details in the log, not in the response.
    public var apiError: APIError {
        if kind == .internalError { return APIError(status: 500, message: "Internal server error") }
        return APIError(status: httpStatus, message: message)
    }
}
