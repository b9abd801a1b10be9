import Foundation
import QTestStore
import Synchronization

/// Remembers who a token belongs to and which projects a user may reach, so that the checks
/// every API request makes don't each cost database lookups.
///
/// Entries are stamped with the store's write ``QTestDatabase/generation`` taken *before*
/// the lookup, and only used while no write has happened since: a revoked token, a
/// deactivated user or a changed membership is seen by the very next request. Token expiry is
/// checked against the clock on every hit.
final class AccessCache: Sendable {
    private struct TokenEntry { let generation: UInt64; let caller: Caller?; let expiresAt: Date? }
    /// `flag` is empty for the membership check itself.
    private struct ProjectKey: Hashable { let user: Int64; let project: Int64; let flag: String }
    private struct ProjectEntry { let generation: UInt64; let failure: APIError? }
    private struct Tokens {
        var entries: [String: TokenEntry] = [:]
        var bytes = 0
    }

    private let tokens = Mutex(Tokens())
    private let projects = Mutex<[ProjectKey: ProjectEntry]>([:])
    /// Unknown tokens are cached too; the bounds keep random tokens from growing memory: by
    /// count, and by the bytes the cached tokens hold (a 60 KB header is a valid "token").
    private let limit = 10_000
    private let tokenByteLimit = 1 << 20
    /// Longer unknown tokens are not cached at all: no real token is that long, so caching them
    /// only spends memory on a client sending garbage.
    private let longestCachedMiss = 256

    /// The caller for `token`, from the cache or from `lookup` (which returns the caller and
    /// the token's expiry).
    func caller(for token: String, generation: UInt64, now: Date,
                lookup: () throws -> (Caller, Date?)?) rethrows -> Caller? {
        // The lookup runs outside the lock: it reads the database, and other requests' hits
        // must not wait for it.
        if let hit = tokens.withLock({ $0.entries[token] }), hit.generation == generation {
            if let expiry = hit.expiresAt, expiry <= now { return nil }
            return hit.caller
        }
        let found = try lookup()
        if found == nil, token.utf8.count > longestCachedMiss { return nil }
        let entry = TokenEntry(generation: generation, caller: found?.0, expiresAt: found?.1)
        tokens.withLock { tokens in
            if tokens.entries.count >= limit || tokens.bytes + token.utf8.count > tokenByteLimit { tokens = Tokens() }
            if tokens.entries.updateValue(entry, forKey: token) == nil { tokens.bytes += token.utf8.count }
        }
        return found?.0
    }

    /// The cached caller for `token`: `.some(nil)` for a token known to be unknown or expired,
    /// nil when the cache cannot tell (then ``caller(for:generation:now:lookup:)`` must ask the store).
    func cachedCaller(for token: String, generation: UInt64, now: Date) -> Caller?? {
        guard let hit = tokens.withLock({ $0.entries[token] }), hit.generation == generation else { return nil }
        if let expiry = hit.expiresAt, expiry <= now { return .some(nil) }
        return .some(hit.caller)
    }

    /// True when the cache holds a pass for this user and project (and profile flag, when
    /// given); false when it holds a refusal or nothing.
    func cachedPass(user: Int64, project: Int64, flag: String = "", generation: UInt64) -> Bool {
        guard let hit = projects.withLock({ $0[ProjectKey(user: user, project: project, flag: flag)] }) else { return false }
        return hit.generation == generation && hit.failure == nil
    }

    /// Runs `check` (which throws the 404/403) unless a cached answer for this user and
    /// project exists.
    func checkProject(user: Int64, project: Int64, generation: UInt64, check: () throws -> Void) throws {
        try checkProject(ProjectKey(user: user, project: project, flag: ""), generation: generation, check: check)
    }

    /// Runs `check` (which throws the 403) unless a cached answer for this user, project and
    /// profile flag exists.
    func checkPermission(user: Int64, project: Int64, flag: String, generation: UInt64, check: () throws -> Void) throws {
        try checkProject(ProjectKey(user: user, project: project, flag: flag), generation: generation, check: check)
    }

    private func checkProject(_ key: ProjectKey, generation: UInt64, check: () throws -> Void) throws {
        if let hit = projects.withLock({ $0[key] }), hit.generation == generation {
            if let failure = hit.failure { throw failure }
            return
        }
        var failure: APIError?
        do { try check() } catch let error as APIError { failure = error }
        let entry = ProjectEntry(generation: generation, failure: failure)
        projects.withLock { projects in
            if projects.count >= limit { projects.removeAll() }
            projects[key] = entry
        }
        if let failure { throw failure }
    }
}
