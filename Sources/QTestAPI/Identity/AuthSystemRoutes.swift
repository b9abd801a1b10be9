import Foundation
import HTTPServer
import QTestStore

/// AuthSystemsApi: the configured authentication systems (LDAP from the seed), their
/// directory users, and linking manager users to directory users.
enum AuthSystemRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.site("GET", "/api/v3/auth-systems") { context in
            try app.requireSiteAdmin(context.caller)
            return try context.read(answering: 200) { db in
                ["ldaps": .array(try AuthSystems.ldapConfigs(db).map(encodeConfig))]
            }
        }

        table.site("GET", "/api/v3/auth-systems/ldap/{ldapAuthConfigId}/users") { context in
            try app.requireSiteAdmin(context.caller)
            let configID = try context.pathID("ldapAuthConfigId")
            let page = try PageRequest(context)
            return try context.read(answering: 200) { db in
                _ = try AuthSystems.ldapConfig(db, configID)
                let result = try AuthSystems.ldapUsers(db, configId: configID, paging: page.paging)
                return [
                    "items": .array(try result.items.map { user in
                        let mapped = try user.mappedUserId.flatMap { try Users.find(db, $0) }
                        return [
                            "uid": .string(user.ldapUsername), "mail": .string(user.email),
                            "firstName": .string(user.firstName), "lastName": .string(user.lastName),
                            "userDN": .string(user.userDn), "disabled": .bool(user.disabled),
                            "externalUserId": .string(user.ldapUsername),
                            "mappedUserId": .optional(user.mappedUserId),
                            "newMappedUserName": .optional(mapped?.username),
                        ] as JSON
                    }),
                    "page": .number(page.page), "page_size": .number(page.reportedSize), "total": .number(result.total),
                ]
            }
        }

        table.site("POST", "/api/v3/auth-systems/ldap/{ldapAuthConfigId}/import") { context in
            try app.requireSiteAdmin(context.caller)
            let configID = try context.pathID("ldapAuthConfigId")
            guard let entries = try context.jsonBody().arrayValue else {
                throw APIError.badRequest("Request body must be an array of LDAP users")
            }
            let items = try entries.enumerated().map { index, entry -> LdapImportItem in
                let entry = try entry.requireObject("Item \(index)")
                return LdapImportItem(ldapUsername: try entry.requiredString("ldap_username"),
                                      email: try entry.optionalString("email"),
                                      firstName: try entry.optionalString("first_name"),
                                      lastName: try entry.optionalString("last_name"))
            }
            return try context.write(answering: 200) { db in
                let users = try AuthSystems.importLdapUsers(db, configId: configID, items, at: context.now)
                return ["result": .array(users.map { UserRoutes.encodeExtension($0, context) }), "errors": []]
            }
        }
    }

    /// `LdapConfigDetailResponse`.
    static func encodeConfig(_ config: LdapConfigRecord) -> JSON {
        [
            "id": .int(config.id), "name": .string(config.name), "auth_type": .string(config.authType),
            "url": .string(config.url), "base": .string(config.base), "base_search": .string(config.baseSearch),
            "search_filter": .string(config.searchFilter), "username": .string(config.username),
            "is_activated": .bool(config.isActivated), "is_active_directory": .bool(config.isActiveDirectory),
            "is_ldap_ssl": .bool(config.isLdapSsl), "mapped_username": .string(config.mappedUsername),
            "mapped_email": .string(config.mappedEmail), "mapped_firstname": .string(config.mappedFirstname),
            "mapped_lastname": .string(config.mappedLastname),
        ]
    }
}
