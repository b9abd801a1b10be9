import Foundation
import GRDB

/// A bearer, refresh or long-lived API token.
public struct TokenRecord: StoreRecord {
    /// The kind of token.
    public enum Kind: String, Codable, Sendable {
        /// A bearer token from `/oauth/token` (expires).
        case access
        /// The refresh token paired with an access token (expires later).
        case refresh
        /// The long-lived "API token" of the Resources page: never expires, works as a
        /// bearer token and as a refresh token.
        case api
    }
    public var token: String
    public var userId: Int64
    public var kind: Kind
    /// For an access token: the refresh token issued with it.
    public var refreshToken: String?
    public var scope: String
    public var agent: String?
    public var createdAt: Date
    /// nil = never expires.
    public var expiresAt: Date?

    /// True when expired at `now`.
    public func isExpired(at now: Date) -> Bool { expiresAt.map { $0 <= now } ?? false }
}

/// The result of a login or refresh (`OAuthResponse`).
public struct IssuedToken: Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
    public var tokenType: String
    public var scope: String
    public var agent: String?
    /// Seconds until the access token expires.
    public var expiresIn: Int
    public var userId: Int64
}

/// Token lifetimes.
public struct TokenPolicy: Sendable, Equatable {
    /// Access token lifetime in seconds (qTest sample: 3599).
    public var accessLifetime: TimeInterval
    /// Refresh token lifetime in seconds.
    public var refreshLifetime: TimeInterval
    /// Creates a policy.
    public init(accessLifetime: TimeInterval = 3600, refreshLifetime: TimeInterval = 30 * 86_400) {
        self.accessLifetime = accessLifetime
        self.refreshLifetime = refreshLifetime
    }
    /// 1 hour access, 30 days refresh.
    public static let `default` = TokenPolicy()
}

/// Store operations on tokens.
///
/// ```swift
/// let t = try Tokens.issue(db, userId: u.id, at: now)
/// try Tokens.user(db, forToken: t.accessToken, at: now)       // → u
/// try Tokens.refresh(db, refreshToken: t.refreshToken, at: now) // new pair
/// ```
public enum Tokens {
    /// The scope string qTest returns.
    public static let defaultScope = "read write create delete administration execute import export share baseline"

    /// Issues a new access token + refresh token pair for `userId`.
    public static func issue(_ db: Database, userId: Int64, agent: String? = nil, policy: TokenPolicy = .default, at now: Date,
                             makeToken: () -> String = { UUID().uuidString.lowercased() }) throws -> IssuedToken {
        _ = try Users.get(db, userId)
        let refresh = TokenRecord(token: makeToken(), userId: userId, kind: .refresh, refreshToken: nil, scope: defaultScope,
                                  agent: agent, createdAt: now, expiresAt: now + policy.refreshLifetime)
        try refresh.insert(db)
        return try issueAccess(db, userId: userId, refreshToken: refresh.token, agent: agent, policy: policy, at: now, makeToken: makeToken)
    }

    private static func issueAccess(_ db: Database, userId: Int64, refreshToken: String, agent: String?, policy: TokenPolicy, at now: Date,
                                    makeToken: () -> String) throws -> IssuedToken {
        let access = TokenRecord(token: makeToken(), userId: userId, kind: .access, refreshToken: refreshToken, scope: defaultScope,
                                 agent: agent, createdAt: now, expiresAt: now + policy.accessLifetime)
        try access.insert(db)
        return IssuedToken(accessToken: access.token, refreshToken: refreshToken, tokenType: "bearer", scope: defaultScope,
                           agent: agent, expiresIn: Int(policy.accessLifetime), userId: userId)
    }

    /// Creates (or returns the existing) long-lived API token for `userId`.
    @discardableResult
    public static func createAPIToken(_ db: Database, userId: Int64, token: String? = nil, at now: Date) throws -> TokenRecord {
        _ = try Users.get(db, userId)
        if let token, let existing = try TokenRecord.fetchOne(db, key: token) {
            guard existing.userId == userId, existing.kind == .api else { throw StoreError.conflict("Token already in use") }
            return existing
        }
        let record = TokenRecord(token: token ?? UUID().uuidString.lowercased(), userId: userId, kind: .api, refreshToken: nil,
                                 scope: defaultScope, agent: nil, createdAt: now, expiresAt: nil)
        try record.insert(db)
        return record
    }

    /// The token record for `token`, or nil when unknown or expired at `now`.
    /// Refresh tokens are not usable as bearer tokens; API tokens are.
    public static func lookup(_ db: Database, _ token: String, at now: Date) throws -> TokenRecord? {
        guard let r = try db.cachedRecord(TokenRecord.self, sql: "SELECT * FROM tokens WHERE token = ?", arguments: [token]),
              r.kind != .refresh, !r.isExpired(at: now) else { return nil }
        return r
    }

    /// The user a bearer `token` belongs to, or nil when unknown/expired/inactive user.
    public static func user(_ db: Database, forToken token: String, at now: Date) throws -> UserRecord? {
        guard let r = try lookup(db, token, at: now), let u = try Users.find(db, r.userId), u.status != 2 else { return nil }
        return u
    }

    /// Exchanges a refresh token (or a long-lived API token) for a new access token.
    /// Throws `badRequest("Invalid refresh token or grant type")` when unknown or expired.
    public static func refresh(_ db: Database, refreshToken: String, agent: String? = nil, policy: TokenPolicy = .default, at now: Date,
                               makeToken: () -> String = { UUID().uuidString.lowercased() }) throws -> IssuedToken {
        guard let r = try TokenRecord.fetchOne(db, key: refreshToken), r.kind != .access, !r.isExpired(at: now) else {
            throw StoreError.badRequest("Invalid refresh token or grant type")
        }
        return try issueAccess(db, userId: r.userId, refreshToken: r.token, agent: agent, policy: policy, at: now, makeToken: makeToken)
    }

    /// Revokes `token`. Revoking an access token also revokes its refresh token (unless
    /// that is an API token); revoking a refresh/API token revokes its access tokens.
    /// Returns false when the token was unknown.
    @discardableResult
    public static func revoke(_ db: Database, _ token: String) throws -> Bool {
        guard let r = try TokenRecord.fetchOne(db, key: token) else { return false }
        switch r.kind {
        case .access:
            try db.execute(sql: "DELETE FROM tokens WHERE token = ? OR (token = ? AND kind = 'refresh')", arguments: [token, r.refreshToken])
        case .refresh, .api:
            try db.execute(sql: "DELETE FROM tokens WHERE token = ? OR refresh_token = ?", arguments: [token, token])
        }
        return true
    }

    /// `OAuthTokenStatusVM` values: `expiration` epoch milliseconds (0 = never) and
    /// remaining validity in milliseconds (0 when never expiring). nil if invalid.
    public static func status(_ db: Database, _ token: String, at now: Date) throws -> (expiration: Int64, validityInMilliseconds: Int64)? {
        guard let r = try lookup(db, token, at: now) else { return nil }
        guard let exp = r.expiresAt else { return (0, 0) }
        return (Int64(exp.timeIntervalSince1970 * 1000), max(0, Int64((exp.timeIntervalSince(now)) * 1000)))
    }

    /// Deletes expired tokens; returns how many.
    @discardableResult
    public static func purgeExpired(_ db: Database, at now: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM tokens WHERE expires_at IS NOT NULL AND expires_at <= ?", arguments: [now])
        return db.changesCount
    }

    /// The long-lived API tokens of `userId`.
    public static func apiTokens(_ db: Database, userId: Int64) throws -> [TokenRecord] {
        try TokenRecord.fetchAll(db, sql: "SELECT * FROM tokens WHERE user_id = ? AND kind = 'api' ORDER BY created_at, token", arguments: [userId])
    }
}
