import Foundation
import GRDB

/// Counts of what a seed load inserted.
public struct SeedSummary: Sendable, Equatable, CustomStringConvertible {
    public var users = 0, projects = 0, profiles = 0, groups = 0, ldapConfigs = 0, ldapUsers = 0
    public var siteTemplates = 0, fields = 0, allowedValues = 0, executionStatuses = 0, apiTokens = 0
    public var modules = 0, testCases = 0, requirements = 0, defects = 0, webhooks = 0
    /// e.g. `"seeded 2 users, 2 projects, …"`.
    public var description: String {
        "seeded \(users) users, \(projects) projects, \(profiles) profiles, \(groups) groups, \(ldapConfigs) LDAP configs "
            + "(\(ldapUsers) LDAP users), \(siteTemplates) site templates, \(fields) fields (\(allowedValues) allowed values), "
            + "\(executionStatuses) execution statuses, \(apiTokens) API tokens, \(modules) modules, \(testCases) test cases, "
            + "\(requirements) requirements, \(defects) defects" + (webhooks > 0 ? ", \(webhooks) webhooks" : "")
    }
}

/// Loads a ``SeedFixture`` into the database.
///
/// Call it inside one write so a bad fixture leaves nothing behind:
///
/// ```swift
/// let summary = try store.write { db in try Seeder.load(fixture, into: db, at: store.clock.now()) }
/// ```
///
/// Errors are `StoreError.badRequest` whose message starts with the JSON path of the
/// problem, e.g. `$.projects[1].id: duplicate project id 108781`.
///
/// Loaded: execution statuses, profiles, users (+ API tokens, admin profile), groups,
/// LDAP configs and users, site templates, site fields, projects (+ members, fields,
/// project execution statuses), then each project's artifacts: design (``DesignSeeder``),
/// execution (``ExecutionSeeder``), automation agents, Jira connections (``IntegrationSeeder``),
/// and defects last since they link to runs.
public enum Seeder {
    /// Loads `fixture` into `db` (the caller's transaction).
    @discardableResult
    public static func load(_ fixture: SeedFixture, into db: Database, at now: Date) throws -> SeedSummary {
        var s = SeedSummary()
        // What a seed loads is state, not events: no webhook hears of it (in merge imports too).
        try db.execute(sql: "UPDATE history_context SET webhooks_muted = 1")
        try checkUnique(fixture.profiles?.map(\.id), "$.profiles", "id", "profile id")
        try checkUnique(fixture.users?.map(\.id), "$.users", "id", "user id")
        try checkUnique(fixture.users?.map { $0.username.lowercased() }, "$.users", "username", "username")
        try checkUnique(fixture.projects?.map(\.id), "$.projects", "id", "project id")
        try checkUnique(fixture.groups?.map(\.id), "$.groups", "id", "group id")
        try checkUnique(fixture.siteTemplates?.map(\.id), "$.site_templates", "id", "site template id")
        try checkUnique(fixture.executionStatuses?.map(\.id), "$.execution_statuses", "id", "execution status id")
        try checkUnique(fixture.users?.flatMap { $0.apiTokens ?? [] }, "$.users[*]", "api_tokens", "API token")

        for (i, st) in (fixture.executionStatuses ?? []).enumerated() {
            try at("$.execution_statuses[\(i)]") {
                try Fields.createExecutionStatus(db, ExecutionStatusRecord(id: st.id, projectId: nil, name: st.name, color: st.color ?? "",
                                                                         isDefault: st.isDefault ?? false, active: st.active ?? true, sortOrder: i + 1))
            }
            s.executionStatuses += 1
        }
        for (i, p) in (fixture.profiles ?? []).enumerated() {
            try at("$.profiles[\(i)]") {
                guard let kind = ProfileRecord.Kind(rawValue: p.kind) else {
                    throw StoreError.badRequest("$.profiles[\(i)].kind: expected \"admin\" or \"project\", found \"\(p.kind)\"")
                }
                var perms = p.allPermissions == true ? (kind == .admin ? Profiles.allAdminFlags(true) : Profiles.allProjectFlags(true)) : [:]
                for (k, v) in p.permissions ?? [:] { perms[k] = v }
                try Profiles.create(db, ProfileRecord(id: p.id ?? 0, kind: kind, name: p.name, isAdmin: p.isAdmin ?? false,
                                                      isReadonly: p.isReadonly ?? false, isDefault: p.isDefault ?? false, permissions: perms))
            }
            s.profiles += 1
        }
        for (i, u) in (fixture.users ?? []).enumerated() {
            let path = "$.users[\(i)]"
            try at(path) {
                let user = try Users.create(db, UserDraft(id: u.id, username: u.username, email: u.email, firstName: u.firstName ?? "",
                                                          lastName: u.lastName ?? "", password: u.password, status: u.status ?? 1,
                                                          isSiteAdmin: u.siteAdmin ?? false, ldapUsername: u.ldapUsername,
                                                          externalAuthConfigId: u.externalAuthConfigId, externalUserName: u.externalUserName,
                                                          authenticationSystem: u.authenticationSystem, avatar: u.avatar,
                                                          timezoneOffset: u.timezoneOffset), at: now)
                // An exported user carries the stored hash instead of the password.
                if u.password == nil, let hash = u.passwordHash {
                    guard let salt = u.passwordSalt else { throw StoreError.badRequest("\(path).password_salt: required with password_hash") }
                    try db.execute(sql: "UPDATE users SET password_salt = ?, password_hash = ? WHERE id = ?", arguments: [salt, hash, user.id])
                }
                if let profile = u.adminProfileId {
                    try at("\(path).admin_profile_id") {
                        try Profiles.assignAdminProfile(db, profileId: profile, userIds: [user.id])
                    }
                }
                for (j, token) in (u.apiTokens ?? []).enumerated() {
                    try at("\(path).api_tokens[\(j)]") {
                        guard !token.isEmpty else { throw StoreError.badRequest("empty token") }
                        try Tokens.createAPIToken(db, userId: user.id, token: token, at: now)
                    }
                    s.apiTokens += 1
                }
            }
            s.users += 1
        }
        for (i, g) in (fixture.groups ?? []).enumerated() {
            try at("$.groups[\(i)]") {
                try Groups.create(db, UserGroupRecord(id: g.id ?? 0, name: g.name, description: g.description, isDefault: g.isDefault ?? false,
                                                      isSystem: g.isSystem ?? false, authorities: g.authorities ?? []), userIds: g.userIds ?? [])
            }
            s.groups += 1
        }
        for (i, c) in (fixture.ldapConfigs ?? []).enumerated() {
            let path = "$.ldap_configs[\(i)]"
            try at(path) {
                var record = LdapConfigRecord(id: c.id ?? 0, name: c.name)
                if let v = c.url { record.url = v }
                if let v = c.base { record.base = v }
                if let v = c.baseSearch { record.baseSearch = v }
                if let v = c.searchFilter { record.searchFilter = v }
                if let v = c.username { record.username = v }
                if let v = c.isActivated { record.isActivated = v }
                if let v = c.isActiveDirectory { record.isActiveDirectory = v }
                if let v = c.authType { record.authType = v }
                if let v = c.isLdapSsl { record.isLdapSsl = v }
                if let v = c.mappedUsername { record.mappedUsername = v }
                if let v = c.mappedEmail { record.mappedEmail = v }
                if let v = c.mappedFirstname { record.mappedFirstname = v }
                if let v = c.mappedLastname { record.mappedLastname = v }
                let config = try AuthSystems.createLdapConfig(db, record)
                for (j, u) in (c.users ?? []).enumerated() {
                    try at("\(path).users[\(j)]") {
                        try AuthSystems.addLdapUser(db, LdapUserRecord(id: u.id ?? 0, ldapConfigId: config.id, ldapUsername: u.ldapUsername, email: u.email,
                                                                        firstName: u.firstName ?? "", lastName: u.lastName ?? "",
                                                                        userDn: u.userDn ?? "uid=\(u.ldapUsername),\(config.baseSearch),\(config.base)",
                                                                        disabled: u.disabled ?? false, mappedUserId: u.mappedUserId))
                    }
                    s.ldapUsers += 1
                }
            }
            s.ldapConfigs += 1
        }
        for (i, t) in (fixture.siteTemplates ?? []).enumerated() {
            try at("$.site_templates[\(i)]") {
                try SiteTemplates.create(db, SiteTemplateRecord(id: t.id ?? 0, name: t.name, description: t.description))
            }
            s.siteTemplates += 1
        }
        for (i, f) in (fixture.siteFields ?? []).enumerated() {
            s.allowedValues += try loadField(db, f, projectId: nil, path: "$.site_fields[\(i)]")
            s.fields += 1
        }
        for (i, p) in (fixture.projects ?? []).enumerated() {
            let path = "$.projects[\(i)]"
            try at(path) {
                let start = try p.startDate.map { try date($0, "\(path).start_date") }
                let end = try p.endDate.map { try date($0, "\(path).end_date") }
                let project = try Projects.create(db, ProjectDraft(id: p.id, name: p.name, description: p.description, startDate: start,
                                                                   endDate: end, statusId: p.statusId ?? 101, sample: p.sample ?? false,
                                                                   automation: p.automation ?? true, uuid: p.uuid), by: nil, at: now)
                if let t = p.templateId {
                    try at("\(path).template_id") { try SiteTemplates.apply(db, templateId: t, to: [project.id]) }
                }
                for (j, m) in (p.members ?? []).enumerated() {
                    try at("\(path).members[\(j)]") {
                        if let profile = m.profileId {
                            try Profiles.assignProjectProfile(db, profileId: profile, userIds: [m.userId], projectId: project.id)
                        } else {
                            try Projects.assign([m.userId], to: project.id, db)
                        }
                    }
                }
                for (j, f) in (p.fields ?? []).enumerated() {
                    s.allowedValues += try loadField(db, f, projectId: project.id, path: "\(path).fields[\(j)]")
                    s.fields += 1
                }
                for (j, st) in (p.executionStatuses ?? []).enumerated() {
                    try at("\(path).execution_statuses[\(j)]") {
                        try Fields.createExecutionStatus(db, ExecutionStatusRecord(id: st.id, projectId: project.id, name: st.name, color: st.color ?? "",
                                                                                 isDefault: st.isDefault ?? false, active: st.active ?? true, sortOrder: j + 1))
                    }
                    s.executionStatuses += 1
                }
                try DesignSeeder.loadDesign(p, projectId: project.id, path: path, into: db, at: now, summary: &s)
                try ExecutionSeeder.load(p, projectId: project.id, path: path, into: db, at: now)
                for (j, a) in (p.automationAgents ?? []).enumerated() {
                    try at("\(path).automation_agents[\(j)]") {
                        let configuration = try StoredJSON.text(a.configuration ?? [:])
                        try AutomationAgents.create(db, AutomationAgentRecord(
                            id: a.id ?? 0, projectId: project.id, name: a.name, hostId: a.hostId ?? 1, hostName: a.hostName ?? "localhost",
                            framework: a.framework, active: a.active ?? true, configuration: configuration))
                    }
                }
                try IntegrationSeeder.load(p, projectId: project.id, path: path, into: db, at: now)
                // Defects link to test runs: load them after the runs.
                try DesignSeeder.loadDefects(p, projectId: project.id, path: path, into: db, at: now, summary: &s)
                // Links, comments, attachments and jobs may point at any artifact: last.
                try SharedSeeder.load(p, projectId: project.id, path: path, into: db, at: now)
            }
            s.projects += 1
        }
        for (i, t) in (fixture.siteTemplates ?? []).enumerated() {
            guard let id = try SiteTemplates.list(db).first(where: { $0.name == t.name && (t.id == nil || $0.id == t.id) })?.id else { continue }
            try at("$.site_templates[\(i)].project_ids") { try SiteTemplates.apply(db, templateId: id, to: t.projectIds ?? []) }
        }
        try checkUnique(fixture.webhooks?.map(\.id), "$.webhooks", "id", "webhook id")
        for (i, w) in (fixture.webhooks ?? []).enumerated() {
            try at("$.webhooks[\(i)]") {
                try Webhooks.create(db, WebhookDraft(id: w.id, name: w.name, url: w.url, events: w.events, secretKey: w.secretKey,
                                                     responseType: w.responseType ?? "text", projectIds: w.projectIds ?? []),
                                    by: try w.ownerId.map { try Users.get(db, $0).id }, at: now)
            }
            s.webhooks += 1
        }
        try db.execute(sql: "UPDATE history_context SET webhooks_muted = 0")
        return s
    }

    private static func loadField(_ db: Database, _ f: SeedField, projectId: Int64?, path: String) throws -> Int {
        try checkUnique(f.allowedValues?.map(\.value), "\(path).allowed_values", "value", "allowed value")
        let values = (f.allowedValues ?? []).enumerated().map { j, v in
            AllowedValueRecord(fieldId: 0, value: v.value, label: v.label, sortOrder: v.order ?? j + 1, isDefault: v.isDefault ?? false,
                               isActive: v.isActive ?? true, color: v.color)
        }
        try at(path) {
            guard ObjectKind(pathSegment: f.objectType) != nil else {
                throw StoreError.badRequest("\(path).object_type: unknown object type \"\(f.objectType)\"")
            }
            try Fields.create(db, FieldRecord(
                id: f.id ?? 0, projectId: projectId, objectType: f.objectType, label: f.label, attributeType: f.attributeType ?? "Text",
                dataType: f.dataType ?? 1, required: f.required ?? false, constrained: f.constrained ?? !values.isEmpty, sortOrder: f.order ?? 0,
                multiple: f.multiple ?? false, searchable: f.searchable ?? true, freeTextSearch: f.freeTextSearch ?? false,
                searchKey: f.searchKey, systemField: f.systemField ?? false, originalName: f.originalName, isActive: f.isActive ?? true,
                defaultValue: f.defaultValue, instanceType: f.instanceType), allowedValues: values)
        }
        return values.count
    }

    private static func date(_ text: String, _ path: String) throws -> Date {
        guard let d = QTestDate.parse(text) else { throw StoreError.badRequest("\(path): invalid date \"\(text)\"") }
        return d
    }

    /// Runs `body`, prefixing store errors that carry no path with `path`.
    @discardableResult
    private static func at<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as StoreError {
            if e.message.hasPrefix("$") { throw e }
            throw StoreError(e.kind == .internalError ? .internalError : .badRequest, "\(path): \(e.message)")
        } catch let e as DatabaseError {
            throw StoreError.badRequest("\(path): \(e.message ?? "database constraint failed")")
        }
    }

    private static func checkUnique<T: Hashable>(_ values: [T?]?, _ arrayPath: String, _ key: String, _ what: String) throws {
        var seen = Set<T>()
        for (i, v) in (values ?? []).enumerated() {
            guard let v else { continue }
            if !seen.insert(v).inserted {
                let path = arrayPath.hasSuffix("[*]") ? "\(arrayPath).\(key)" : "\(arrayPath)[\(i)].\(key)"
                throw StoreError.badRequest("\(path): duplicate \(what) \(v)")
            }
        }
    }

    private static func checkUnique<T: Hashable>(_ values: [T]?, _ arrayPath: String, _ key: String, _ what: String) throws {
        try checkUnique(values?.map { Optional($0) }, arrayPath, key, what)
    }
}
