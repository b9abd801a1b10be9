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
    private struct ProjectKey: Hashable { let user: Int64; let project: Int64 }
    private struct ProjectEntry { let generation: UInt64; let failure: APIError? }

    private let lock = NSLock()
    private var tokens: [String: TokenEntry] = [:]
    private var projects: [ProjectKey: ProjectEntry] = [:]
    /// Unknown tokens are cached too; the bound keeps random tokens from growing memory.
    private let limit = 10_000

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
        store { if tokens.count >= limit { tokens.removeAll() }; tokens[token] = TokenEntry(generation: generation, caller: found?.0, expiresAt: found?.1) }
        return found?.0
    }

    /// Runs `check` (which throws the 404/403) unless a cached answer for this user and
    /// project exists.
    func checkProject(user: Int64, project: Int64, generation: UInt64, check: () throws -> Void) throws {
        let key = ProjectKey(user: user, project: project)
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
