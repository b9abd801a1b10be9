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
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        if parts.count == 2 {
            guard parts[0].lowercased() == "bearer" else { return nil }
            let token = parts[1].trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
        return header
    }
}
