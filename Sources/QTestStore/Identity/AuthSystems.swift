import Foundation
import GRDB

/// An LDAP authentication configuration (`LdapConfigDetailResponse`).
public struct LdapConfigRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var name: String
    public var url: String
    public var base: String
    public var baseSearch: String
    public var searchFilter: String
    public var username: String
    public var authType: String
    public var isActivated: Bool
    public var isActiveDirectory: Bool
    public var isLdapSsl: Bool
    public var mappedUsername: String
    public var mappedEmail: String
    public var mappedFirstname: String
    public var mappedLastname: String
    /// Creates a value with qTest-like defaults.
    public init(id: Int64 = 0, name: String, url: String = "ldap://ldap.example.com:389", base: String = "dc=example,dc=com",
                baseSearch: String = "ou=people", searchFilter: String = "(objectClass=person)", username: String = "cn=admin,dc=example,dc=com",
                authType: String = "LDAP", isActivated: Bool = true, isActiveDirectory: Bool = false, isLdapSsl: Bool = false,
                mappedUsername: String = "uid", mappedEmail: String = "mail", mappedFirstname: String = "givenName", mappedLastname: String = "sn") {
        self.id = id; self.name = name; self.url = url; self.base = base; self.baseSearch = baseSearch; self.searchFilter = searchFilter
        self.username = username; self.authType = authType; self.isActivated = isActivated; self.isActiveDirectory = isActiveDirectory
        self.isLdapSsl = isLdapSsl; self.mappedUsername = mappedUsername; self.mappedEmail = mappedEmail
        self.mappedFirstname = mappedFirstname; self.mappedLastname = mappedLastname
    }
}

/// A user in an LDAP directory (`LdapUserVM` / `LdapUserResource`).
public struct LdapUserRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var ldapConfigId: Int64
    /// The directory login (`uid`).
    public var ldapUsername: String
    public var email: String
    public var firstName: String
    public var lastName: String
    public var userDn: String
    public var disabled: Bool
    /// The manager user linked to this LDAP user, if imported.
    public var mappedUserId: Int64?
    /// Creates a value.
    public init(id: Int64 = 0, ldapConfigId: Int64, ldapUsername: String, email: String, firstName: String = "", lastName: String = "",
                userDn: String = "", disabled: Bool = false, mappedUserId: Int64? = nil) {
        self.id = id; self.ldapConfigId = ldapConfigId; self.ldapUsername = ldapUsername; self.email = email
        self.firstName = firstName; self.lastName = lastName; self.userDn = userDn; self.disabled = disabled; self.mappedUserId = mappedUserId
    }
}

/// One row of an LDAP import request (`LdapUserResource`): which LDAP user to link, and
/// optionally the manager username to link to / create.
public struct LdapImportItem: Sendable, Equatable {
    public var ldapUsername: String
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    /// Creates an item.
    public init(ldapUsername: String, email: String? = nil, firstName: String? = nil, lastName: String? = nil) {
        self.ldapUsername = ldapUsername; self.email = email; self.firstName = firstName; self.lastName = lastName
    }
}

/// Store operations on authentication systems (LDAP configs and directory users).
///
/// ```swift
/// let cfg = try AuthSystems.createLdapConfig(db, LdapConfigRecord(name: "Corp LDAP"))
/// let users = try AuthSystems.importLdapUsers(db, configId: cfg.id, [LdapImportItem(ldapUsername: "jdoe")], at: now)
/// ```
public enum AuthSystems {
    /// Inserts an LDAP config (id allocated when 0).
    @discardableResult
    public static func createLdapConfig(_ db: Database, _ config: LdapConfigRecord) throws -> LdapConfigRecord {
        try config.insertAllocating(db, .ldapConfig, "LDAP config")
    }

    /// All LDAP configs, ordered by id.
    public static func ldapConfigs(_ db: Database) throws -> [LdapConfigRecord] {
        try LdapConfigRecord.allByID(db)
    }

    /// The LDAP config with `id`; throws `notFound`.
    public static func ldapConfig(_ db: Database, _ id: Int64) throws -> LdapConfigRecord {
        guard let c = try LdapConfigRecord.fetchOne(db, key: id) else { throw StoreError.notFound("LDAP configuration does not exist") }
        return c
    }

    /// Inserts a directory user (id allocated when 0).
    @discardableResult
    public static func addLdapUser(_ db: Database, _ user: LdapUserRecord) throws -> LdapUserRecord {
        _ = try ldapConfig(db, user.ldapConfigId)
        return try user.insertAllocating(db, .ldapUser, "LDAP user")
    }

    /// Directory users of a config, optionally filtered by `search` (uid, mail, names), paged.
    public static func ldapUsers(_ db: Database, configId: Int64, search: String? = nil, paging: Paging = .all) throws -> PagedResult<LdapUserRecord> {
        _ = try ldapConfig(db, configId)
        var sqlWhere = "ldap_config_id = ?"
        var args: StatementArguments = [configId]
        if let search, !search.isEmpty {
            let p = "%" + Users.likeEscaped(search) + "%"
            sqlWhere += " AND (ldap_username LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR first_name LIKE ? ESCAPE '\\' OR last_name LIKE ? ESCAPE '\\')"
            args += [p, p, p, p]
        }
        return try PagedQuery<LdapUserRecord>(from: "ldap_users", where: sqlWhere, args, orderBy: "id").fetch(db, paging)
    }

    /// Links manager users to directory users of `configId`, creating manager users
    /// (username = e-mail, no password) where none exists. Unknown directory users
    /// are added to the directory from the item. Returns the linked manager users.
    public static func importLdapUsers(_ db: Database, configId: Int64, _ items: [LdapImportItem], at now: Date) throws -> [UserRecord] {
        _ = try ldapConfig(db, configId)
        var result: [UserRecord] = []
        for item in items {
            var ldap = try LdapUserRecord.fetchOne(db, sql: "SELECT * FROM ldap_users WHERE ldap_config_id = ? AND ldap_username = ? COLLATE NOCASE",
                                                   arguments: [configId, item.ldapUsername])
            if ldap == nil {
                guard let email = item.email, !email.isEmpty else {
                    throw StoreError.notFound("LDAP user \(item.ldapUsername) does not exist")
                }
                ldap = try addLdapUser(db, LdapUserRecord(ldapConfigId: configId, ldapUsername: item.ldapUsername, email: email,
                                                          firstName: item.firstName ?? "", lastName: item.lastName ?? ""))
            }
            guard var l = ldap else { continue }
            let email = item.email ?? l.email
            var user = try l.mappedUserId.flatMap { try Users.find(db, $0) } ?? Users.findByUsername(db, email)
            if user == nil {
                user = try Users.create(db, UserDraft(username: email, email: email, firstName: item.firstName ?? l.firstName,
                                                      lastName: item.lastName ?? l.lastName, ldapUsername: l.ldapUsername,
                                                      externalAuthConfigId: configId, externalUserName: l.ldapUsername,
                                                      authenticationSystem: "LDAP"), at: now)
            } else if let u = user {
                user = try Users.update(db, u.id, UserPatch(externalAuthConfigId: configId, externalUserName: l.ldapUsername,
                                                            ldapUsername: l.ldapUsername), at: now)
            }
            guard let linked = user else { continue }
            l.mappedUserId = linked.id
            try l.update(db)
            result.append(linked)
        }
        return result
    }
}
