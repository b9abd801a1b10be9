import Foundation
import GRDB

/// A manager user (`UserResource` / `UserResourceExtension` on the wire).
public struct UserRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    /// Login name; qTest uses the e-mail address. Unique, case-insensitive.
    public var username: String
    public var email: String
    public var firstName: String
    public var lastName: String
    /// nil for users without a password (invited, LDAP).
    public var passwordSalt: String?
    public var passwordHash: String?
    /// qTest user status: 1 = active, 2 = inactive, 3 = invited (pending activation).
    public var status: Int
    public var avatar: String?
    public var ldapUsername: String?
    public var externalAuthConfigId: Int64?
    public var externalUserName: String?
    /// e.g. `"INTERNAL"`, `"LDAP"`.
    public var authenticationSystem: String?
    public var timezoneOffset: String?
    public var countryName: String?
    public var isSiteAdmin: Bool
    public var createdDate: Date
    public var lastModifiedDate: Date

    /// `"First Last"`, or the username when both names are empty.
    public var displayName: String {
        let full = [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
        return full.isEmpty ? username : full
    }
}

/// Input for ``Users/create(_:_:at:)``.
public struct UserDraft: Sendable, Equatable {
    public var id: Int64?
    public var username: String
    public var email: String?
    public var firstName: String
    public var lastName: String
    /// Plain password; hashed before storage. nil = invited user without password.
    public var password: String?
    public var status: Int
    public var isSiteAdmin: Bool
    public var ldapUsername: String?
    public var externalAuthConfigId: Int64?
    public var externalUserName: String?
    public var authenticationSystem: String?
    public var avatar: String?
    public var timezoneOffset: String?

    /// Creates a draft; `email` defaults to `username`.
    public init(id: Int64? = nil, username: String, email: String? = nil, firstName: String = "", lastName: String = "",
                password: String? = nil, status: Int = 1, isSiteAdmin: Bool = false, ldapUsername: String? = nil,
                externalAuthConfigId: Int64? = nil, externalUserName: String? = nil, authenticationSystem: String? = nil,
                avatar: String? = nil, timezoneOffset: String? = nil) {
        self.id = id; self.username = username; self.email = email; self.firstName = firstName; self.lastName = lastName
        self.password = password; self.status = status; self.isSiteAdmin = isSiteAdmin; self.ldapUsername = ldapUsername
        self.externalAuthConfigId = externalAuthConfigId; self.externalUserName = externalUserName
        self.authenticationSystem = authenticationSystem; self.avatar = avatar; self.timezoneOffset = timezoneOffset
    }
}

/// Changes for ``Users/update(_:_:_:at:)``; nil fields are left unchanged.
public struct UserPatch: Sendable, Equatable {
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    public var password: String?
    public var status: Int?
    public var isSiteAdmin: Bool?
    public var externalAuthConfigId: Int64?
    public var externalUserName: String?
    public var ldapUsername: String?
    public var avatar: String?
    /// Creates a patch.
    public init(email: String? = nil, firstName: String? = nil, lastName: String? = nil, password: String? = nil,
                status: Int? = nil, isSiteAdmin: Bool? = nil, externalAuthConfigId: Int64? = nil,
                externalUserName: String? = nil, ldapUsername: String? = nil, avatar: String? = nil) {
        self.email = email; self.firstName = firstName; self.lastName = lastName; self.password = password
        self.status = status; self.isSiteAdmin = isSiteAdmin; self.externalAuthConfigId = externalAuthConfigId
        self.externalUserName = externalUserName; self.ldapUsername = ldapUsername; self.avatar = avatar
    }
}

/// Store operations on users. All take the caller's `Database` so they compose in
/// one transaction.
///
/// ```swift
/// let user = try Users.create(db, UserDraft(username: "a@b.c", password: "pw"), at: now)
/// try Users.verifyPassword(db, username: "A@B.C", password: "pw") // → user
/// ```
public enum Users {
    /// Creates a user. Throws `badRequest` for an empty username and `conflict` when the
    /// username (case-insensitive) or the explicit id is taken.
    @discardableResult
    public static func create(_ db: Database, _ draft: UserDraft, at now: Date) throws -> UserRecord {
        let username = draft.username.trimmingCharacters(in: .whitespaces)
        guard !username.isEmpty else { throw StoreError.badRequest("Username is required") }
        if try findByUsername(db, username) != nil { throw StoreError.conflict("User \(username) already exists") }
        if let id = draft.id, try UserRecord.exists(db, key: id) { throw StoreError.conflict("User id \(id) already exists") }
        let id = try IDs.use(db, .user, draft.id)
        var salt: String?, hash: String?
        if let password = draft.password { (salt, hash) = PasswordHasher.hash(password) }
        let user = UserRecord(
            id: id, username: username, email: draft.email ?? username, firstName: draft.firstName, lastName: draft.lastName,
            passwordSalt: salt, passwordHash: hash, status: draft.status, avatar: draft.avatar, ldapUsername: draft.ldapUsername,
            externalAuthConfigId: draft.externalAuthConfigId, externalUserName: draft.externalUserName,
            authenticationSystem: draft.authenticationSystem ?? (draft.externalAuthConfigId == nil ? "INTERNAL" : "LDAP"),
            timezoneOffset: draft.timezoneOffset, countryName: nil, isSiteAdmin: draft.isSiteAdmin,
            createdDate: now, lastModifiedDate: now)
        try user.insert(db)
        return user
    }

    /// Invites a user: status 3 (pending), no password.
    @discardableResult
    public static func invite(_ db: Database, username: String, firstName: String = "", lastName: String = "", at now: Date) throws -> UserRecord {
        try create(db, UserDraft(username: username, firstName: firstName, lastName: lastName, status: 3), at: now)
    }

    /// The user with `id`, or nil.
    public static func find(_ db: Database, _ id: Int64) throws -> UserRecord? {
        try db.cachedRecord(UserRecord.self, sql: "SELECT * FROM users WHERE id = ?", arguments: [id])
    }

    /// The user with `id`; throws `notFound("User does not exist")`.
    public static func get(_ db: Database, _ id: Int64) throws -> UserRecord {
        guard let u = try find(db, id) else { throw StoreError.notFound("User does not exist") }
        return u
    }

    /// The user whose username (or, failing that, e-mail) equals `name`, case-insensitively.
    public static func findByUsername(_ db: Database, _ name: String) throws -> UserRecord? {
        if let u = try UserRecord.fetchOne(db, sql: "SELECT * FROM users WHERE username = ? COLLATE NOCASE", arguments: [name]) { return u }
        return try UserRecord.fetchOne(db, sql: "SELECT * FROM users WHERE email = ? COLLATE NOCASE ORDER BY id LIMIT 1", arguments: [name])
    }

    /// Users whose username, e-mail, first or last name contains `text`
    /// (case-insensitive; nil or empty = all), ordered by id.
    public static func search(_ db: Database, text: String?, paging: Paging = .all) throws -> PagedResult<UserRecord> {
        var whereSQL = ""
        var args: StatementArguments = []
        if let text, !text.isEmpty {
            whereSQL = "username LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR first_name LIKE ? ESCAPE '\\' OR last_name LIKE ? ESCAPE '\\' OR (first_name || ' ' || last_name) LIKE ? ESCAPE '\\'"
            let pattern = "%" + likeEscaped(text) + "%"
            args = [pattern, pattern, pattern, pattern, pattern]
        }
        return try PagedQuery<UserRecord>(from: "users", where: whereSQL, args, orderBy: "id").fetch(db, paging)
    }

    /// Applies `patch` to user `id`; throws `notFound` if missing.
    @discardableResult
    public static func update(_ db: Database, _ id: Int64, _ patch: UserPatch, at now: Date) throws -> UserRecord {
        var u = try get(db, id)
        if let v = patch.email { u.email = v }
        if let v = patch.firstName { u.firstName = v }
        if let v = patch.lastName { u.lastName = v }
        if let v = patch.status { u.status = v }
        if let v = patch.isSiteAdmin { u.isSiteAdmin = v }
        if let v = patch.externalAuthConfigId {
            // LDAP configs are the only external authentication systems the emulator models.
            u.externalAuthConfigId = v
            u.authenticationSystem = "LDAP"
        }
        if let v = patch.externalUserName { u.externalUserName = v }
        if let v = patch.ldapUsername { u.ldapUsername = v }
        if let v = patch.avatar { u.avatar = v }
        if let v = patch.password { (u.passwordSalt, u.passwordHash) = PasswordHasher.hash(v) }
        try u.update(db, modifiedAt: now)
        return u
    }

    /// The number of users.
    public static func count(_ db: Database) throws -> Int {
        try UserRecord.fetchCount(db)
    }

    /// True when user `id` exists and is a site administrator.
    public static func isSiteAdmin(_ db: Database, _ id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT is_site_admin FROM users WHERE id = ?", arguments: [id]) ?? false
    }

    /// The active user whose username/e-mail is `username` and whose password matches, or nil.
    public static func verifyPassword(_ db: Database, username: String, password: String) throws -> UserRecord? {
        guard let u = try findByUsername(db, username), u.status != 2,
              let salt = u.passwordSalt, let hash = u.passwordHash,
              PasswordHasher.verify(password, salt: salt, hash: hash) else { return nil }
        return u
    }

    static func likeEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
