import HTTPServer

/// Resolves the token of routes that need one and puts the caller in the context; a missing,
/// unknown or expired token is a 401.
struct AuthenticationGuard: RequestGuard {
    /// Resolves a bare token to its caller, nil when unknown or expired.
    let authenticate: @Sendable (String) throws -> Caller?

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
