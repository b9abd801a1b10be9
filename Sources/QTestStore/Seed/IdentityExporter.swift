import Foundation
import GRDB

/// The site-level sections of an export: execution statuses, profiles, users (with their
/// stored password hashes and API tokens), groups, LDAP configurations and site templates.
enum IdentityExporter {
    static func export(_ db: Database, into fixture: inout SeedFixture) throws {
        fixture.executionStatuses = SeedExporter.nonEmpty(try statuses(db, projectId: nil))
        fixture.profiles = SeedExporter.nonEmpty(try ProfileRecord.allByID(db).map { p in
            var s = SeedProfile(kind: p.kind.rawValue, name: p.name)
            s.id = p.id; s.isAdmin = p.isAdmin; s.isReadonly = p.isReadonly; s.isDefault = p.isDefault
            // The stored flags as they are: a loaded profile gets exactly these.
            s.permissions = p.permissions
            return s
        })
        fixture.users = SeedExporter.nonEmpty(try users(db))
        fixture.groups = SeedExporter.nonEmpty(try UserGroupRecord.allByID(db).map { g in
            var s = SeedGroup(name: g.name)
            s.id = g.id; s.description = g.description; s.isDefault = g.isDefault; s.isSystem = g.isSystem; s.authorities = g.authorities
            s.userIds = try Int64.fetchAll(db, sql: "SELECT user_id FROM user_group_members WHERE group_id = ? ORDER BY user_id", arguments: [g.id])
            return s
        })
        fixture.ldapConfigs = SeedExporter.nonEmpty(try LdapConfigRecord.allByID(db).map { c in
            var s = SeedLdapConfig(name: c.name)
            s.id = c.id; s.url = c.url; s.base = c.base; s.baseSearch = c.baseSearch; s.searchFilter = c.searchFilter; s.username = c.username
            s.isActivated = c.isActivated; s.isActiveDirectory = c.isActiveDirectory; s.authType = c.authType; s.isLdapSsl = c.isLdapSsl
            s.mappedUsername = c.mappedUsername; s.mappedEmail = c.mappedEmail; s.mappedFirstname = c.mappedFirstname
            s.mappedLastname = c.mappedLastname
            s.users = try LdapUserRecord.fetchAll(db, sql: "SELECT * FROM ldap_users WHERE ldap_config_id = ? ORDER BY id", arguments: [c.id]).map { u in
                var l = SeedLdapUser(ldapUsername: u.ldapUsername, email: u.email)
                l.id = u.id; l.firstName = u.firstName; l.lastName = u.lastName; l.userDn = u.userDn; l.disabled = u.disabled
                l.mappedUserId = u.mappedUserId
                return l
            }
            return s
        })
        fixture.siteTemplates = SeedExporter.nonEmpty(try SiteTemplateRecord.allByID(db).map { t in
            var s = SeedSiteTemplate(name: t.name)
            s.id = t.id; s.description = t.description
            s.projectIds = SeedExporter.nonEmpty(try Int64.fetchAll(db, sql: "SELECT project_id FROM site_template_projects WHERE template_id = ? ORDER BY project_id",
                                                                    arguments: [t.id]))
            return s
        })
    }

    /// Site statuses (`projectId` nil) or a project's own, in their stored order.
    static func statuses(_ db: Database, projectId: Int64?) throws -> [SeedExecutionStatus] {
        let sql = projectId == nil ? "SELECT * FROM execution_statuses WHERE project_id IS NULL ORDER BY sort_order, id"
            : "SELECT * FROM execution_statuses WHERE project_id = ? ORDER BY sort_order, id"
        return try ExecutionStatusRecord.fetchAll(db, sql: sql, arguments: projectId.map { [$0] } ?? []).map {
            SeedExecutionStatus(id: $0.id, name: $0.name, color: $0.color, isDefault: $0.isDefault, active: $0.active)
        }
    }

    static func users(_ db: Database) throws -> [SeedUser] {
        var adminProfiles: [Int64: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT user_id, profile_id FROM user_admin_profiles") { adminProfiles[row[0]] = row[1] }
        var tokens: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT user_id, token FROM tokens WHERE kind = 'api' ORDER BY token") {
            tokens[row[0], default: []].append(row[1])
        }
        return try UserRecord.allByID(db).map { u in
            var s = SeedUser(username: u.username)
            s.id = u.id; s.email = u.email; s.firstName = u.firstName; s.lastName = u.lastName; s.status = u.status
            s.siteAdmin = u.isSiteAdmin; s.adminProfileId = adminProfiles[u.id]; s.apiTokens = tokens[u.id]
            s.timezoneOffset = u.timezoneOffset
            // The plain password is not kept; its salted hash keeps the login working.
            s.passwordSalt = u.passwordSalt; s.passwordHash = u.passwordHash
            s.ldapUsername = u.ldapUsername; s.externalAuthConfigId = u.externalAuthConfigId; s.externalUserName = u.externalUserName
            s.avatar = u.avatar
            let derived = u.externalAuthConfigId == nil ? "INTERNAL" : "LDAP"
            if u.authenticationSystem != derived { s.authenticationSystem = u.authenticationSystem }
            return s
        }
    }
}
