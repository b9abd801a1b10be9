import QTestStore

extension SearchQueryError: APIErrorConvertible {
    /// A query the emulator cannot run is the client's to fix: 400 `{"message": …}` naming
    /// where and why, never a 500.
    public var apiError: APIError { .badRequest(message) }
}
