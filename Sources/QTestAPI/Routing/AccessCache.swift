import Foundation
import QTestStore

/// Remembers who a token belongs to and which projects a user may reach, so that the checks
/// every API request makes don't each cost database lookups.
///
/// Entries are stamped with the store's write ``QTestDatabase/generation`` taken *before*
/// the lookup, and only used while no write has happened since: a revoked token, a
/// deactivated user or a changed membership is seen by the very next request. Token expiry is
/// checked against the clock on every hit.
final class AccessCache: @unchecked Sendable {  // the dictionaries are guarded by `lock`
    private struct TokenEntry { let generation: UInt64; let caller: Caller?; let expiresAt: Date? }
    /// `flag` is empty for the membership check itself.
    private struct ProjectKey: Hashable { let user: Int64; let project: Int64; let flag: String }
    private struct ProjectEntry { let generation: UInt64; let failure: APIError? }

    private let lock = NSLock()
    private var tokens: [String: TokenEntry] = [:]
    private var projects: [ProjectKey: ProjectEntry] = [:]
    /// Unknown tokens are cached too; the bounds keep random tokens from growing memory: by
    /// count, and by the bytes the cached tokens hold (a 60 KB header is a valid "token").
    private let limit = 10_000
    private let tokenByteLimit = 1 << 20
    private var tokenBytes = 0
    /// Longer unknown tokens are not cached at all: no real token is that long, so caching them
    /// only spends memory on a client sending garbage.
    private let longestCachedMiss = 256

    /// The caller for `token`, from the cache or from `lookup` (which returns the caller and
    /// the token's expiry).
    func caller(for token: String, generation: UInt64, now: Date,
                lookup: () throws -> (Caller, Date?)?) rethrows -> Caller? {
        lock.lock()
        if let hit = tokens[token], hit.generation == generation {
            lock.unlock()
            if let expiry = hit.expiresAt, expiry <= now { return nil }
            return hit.caller
        }
        lock.unlock()
        let found = try lookup()
        if found == nil, token.utf8.count > longestCachedMiss { return nil }
        store {
            if tokens.count >= limit || tokenBytes + token.utf8.count > tokenByteLimit { tokens.removeAll(); tokenBytes = 0 }
            if tokens.updateValue(TokenEntry(generation: generation, caller: found?.0, expiresAt: found?.1), forKey: token) == nil {
                tokenBytes += token.utf8.count
            }
        }
        return found?.0
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
        lock.lock()
        if let hit = projects[key], hit.generation == generation {
            lock.unlock()
            if let failure = hit.failure { throw failure }
            return
        }
        lock.unlock()
        var failure: APIError?
        do { try check() } catch let error as APIError { failure = error }
        store { if projects.count >= limit { projects.removeAll() }; projects[key] = ProjectEntry(generation: generation, failure: failure) }
        if let failure { throw failure }
    }

    private func store(_ body: () -> Void) {
        lock.lock(); body(); lock.unlock()
    }
}
