import HTTPServer

/// Resolves the token of routes that need one and puts the caller in the context; a missing,
/// unknown or expired token is a 401.
struct AuthenticationGuard: RequestGuard {
    /// Resolves a bare token to its caller, nil when unknown or expired.
    let authenticate: @Sendable (String) throws -> Caller?
    /// The caller from memory: `.some(nil)` for a token known to be bad, nil when unknown.
    var authenticateFromMemory: @Sendable (String) -> Caller?? = { _ in nil }

    func admit(_ context: inout RequestContext, route: RouteInfo) throws {
        guard route.access == .user else { return }
        guard let token = Self.token(from: context.request.headers["Authorization"]),
              let caller = try authenticate(token) else {
            throw APIError.unauthorized()
        }
        context.caller = caller
    }

    /// The token from `Authorization: Bearer X`, `bearer X` or a bare `X` (all three are sent
    /// by real clients). Basic credentials are not tokens.
    func admitFromMemory(_ context: inout RequestContext, route: RouteInfo) -> Bool {
        guard route.access == .user else { return true }
        guard let token = Self.token(from: context.request.headers["Authorization"]),
              let known = authenticateFromMemory(token), let caller = known else { return false }
        context.caller = caller
        return true
    }

    static func token(from header: String?) -> String? {
        guard let header else { return nil }
        let value = OptionalWhitespace.trimmed(header)
        guard !value.isEmpty else { return nil }
        // "<scheme> <token>", or a bare token.
        guard let space = value.utf8.firstIndex(of: UInt8(ascii: " ")) else { return String(value) }
        guard value[..<space].lowercased() == "bearer" else { return nil }
        let token = OptionalWhitespace.trimmed(value[value.utf8.index(after: space)...])
        return token.isEmpty ? nil : String(token)
    }
}
