import Foundation
import GRDB
import Testing
@testable import QTestStore

@Suite struct IdentityTests {
    let clock = FixedClock()
    let store: QTestDatabase

    init() throws { store = try QTestDatabase(clock: clock) }

    @Test func passwordsAndCaseInsensitiveLookup() throws {
        try store.write { (db: Database) throws in
            let u = try Users.create(db, UserDraft(username: "Alice@Example.com", password: "s3cret"), at: clock.now())
            #expect(u.id == ObjectKind.user.firstID)
            #expect(u.passwordHash != nil && u.passwordHash != "s3cret")
            #expect(try Users.verifyPassword(db, username: "alice@example.com", password: "s3cret")?.id == u.id)
            #expect(try Users.verifyPassword(db, username: "alice@example.com", password: "wrong") == nil)
            #expect(try Users.verifyPassword(db, username: "nobody", password: "s3cret") == nil)
            #expect(throws: StoreError.conflict("User ALICE@example.com already exists")) {
                try Users.create(db, UserDraft(username: "ALICE@example.com"), at: clock.now())
            }
            let invited = try Users.invite(db, username: "bob@example.com", at: clock.now())
            #expect(invited.status == 3)
            #expect(try Users.verifyPassword(db, username: "bob@example.com", password: "") == nil)
            try Users.update(db, invited.id, UserPatch(password: "pw", status: 1), at: clock.now())
            #expect(try Users.verifyPassword(db, username: "bob@example.com", password: "pw") != nil)
        }
    }

    @Test func tokensExpireWithTheInjectedClock() throws {
        let user = try store.write { (db: Database) throws in try Users.create(db, UserDraft(username: "t@example.com", password: "x"), at: clock.now()) }
        let issued = try store.write { (db: Database) throws in try Tokens.issue(db, userId: user.id, policy: TokenPolicy(accessLifetime: 60, refreshLifetime: 600), at: clock.now()) }
        #expect(issued.tokenType == "bearer" && issued.expiresIn == 60)
        try store.read { (db: Database) throws in
            #expect(try Tokens.user(db, forToken: issued.accessToken, at: clock.now())?.id == user.id)
            #expect(try Tokens.user(db, forToken: issued.refreshToken, at: clock.now()) == nil) // refresh isn't a bearer
            let status = try #require(try Tokens.status(db, issued.accessToken, at: clock.now()))
            #expect(status.validityInMilliseconds == 60_000)
        }
        clock.advance(by: 61)
        try store.read { (db: Database) throws in #expect(try Tokens.user(db, forToken: issued.accessToken, at: clock.now()) == nil) }
        let again = try store.write { (db: Database) throws in try Tokens.refresh(db, refreshToken: issued.refreshToken, at: clock.now()) }
        try store.read { (db: Database) throws in #expect(try Tokens.user(db, forToken: again.accessToken, at: clock.now())?.id == user.id) }
        clock.advance(by: 600)
        #expect(throws: StoreError.badRequest("Invalid refresh token or grant type")) {
            try store.write { (db: Database) throws in try Tokens.refresh(db, refreshToken: issued.refreshToken, at: clock.now()) }
        }
    }

    @Test func apiTokensNeverExpireAndRefresh() throws {
        let token = "9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"
        let user = try store.write { (db: Database) throws in
            let u = try Users.create(db, UserDraft(username: "api@example.com"), at: clock.now())
            try Tokens.createAPIToken(db, userId: u.id, token: token, at: clock.now())
            return u
        }
        clock.advance(by: 10 * 365 * 86_400)
        try store.read { (db: Database) throws in
            #expect(try Tokens.user(db, forToken: token, at: clock.now())?.id == user.id)
            #expect(try Tokens.status(db, token, at: clock.now())?.expiration == 0)
        }
        let issued = try store.write { (db: Database) throws in try Tokens.refresh(db, refreshToken: token, at: clock.now()) }
        #expect(issued.refreshToken == token)
        try store.write { (db: Database) throws in #expect(try Tokens.revoke(db, issued.accessToken)) }
        try store.read { (db: Database) throws in
            #expect(try Tokens.user(db, forToken: issued.accessToken, at: clock.now()) == nil)
            #expect(try Tokens.user(db, forToken: token, at: clock.now()) != nil) // API token survives
        }
        try store.write { (db: Database) throws in #expect(try Tokens.revoke(db, token)) }
        try store.read { (db: Database) throws in #expect(try Tokens.user(db, forToken: token, at: clock.now()) == nil) }
    }

    @Test func membershipAndVisibility() throws {
        try store.write { (db: Database) throws in
            let admin = try Users.create(db, UserDraft(username: "admin@example.com", isSiteAdmin: true), at: clock.now())
            let bob = try Users.create(db, UserDraft(username: "bob@example.com"), at: clock.now())
            let a = try Projects.create(db, ProjectDraft(name: "A"), by: admin.id, at: clock.now())
            let b = try Projects.create(db, ProjectDraft(name: "B"), by: admin.id, at: clock.now())
            #expect(a.id == 108_782)
            #expect(try Projects.adminIds(db, a.id).isEmpty) // no admin project profile exists yet
            try Projects.assign([bob.id], to: a.id, db)
            #expect(try Projects.isMember(db, userId: bob.id, projectId: a.id))
            #expect(try !Projects.isMember(db, userId: bob.id, projectId: b.id))
            #expect(try Projects.canAccess(db, userId: admin.id, projectId: b.id))
            #expect(try Projects.list(db, visibleTo: bob.id).items.map(\.id) == [a.id])
            #expect(try Projects.list(db, visibleTo: admin.id).items.map(\.id) == [a.id, b.id])
            try Projects.unassign([bob.id], from: a.id, db)
            #expect(try !Projects.isMember(db, userId: bob.id, projectId: a.id))
            #expect(throws: StoreError.notFound("Project does not exist")) { try Projects.get(db, 1) }
        }
    }

    @Test func paging() throws {
        try store.write { (db: Database) throws in
            for i in 1...25 { try Users.create(db, UserDraft(username: "user\(i)@example.com", firstName: i % 2 == 0 ? "Even" : "Odd"), at: clock.now()) }
            let p2 = try Users.search(db, text: nil, paging: Paging(page: 2, pageSize: 10))
            #expect(p2.total == 25 && p2.items.count == 10 && p2.items.first?.username == "user11@example.com")
            let p3 = try Users.search(db, text: nil, paging: Paging(page: 3, pageSize: 10))
            #expect(p3.items.count == 5)
            #expect(try Users.search(db, text: nil, paging: Paging(page: 9, pageSize: 10)).items.isEmpty)
            #expect(try Users.search(db, text: "even", paging: .all).total == 12)
            #expect(try Users.search(db, text: "%", paging: .all).total == 0)
            #expect(try Users.search(db, text: nil, paging: Paging(page: 1, pageSize: -1)).items.count == 25)
        }
    }

    @Test func profilesGroupsLdapTemplates() throws {
        try store.write { (db: Database) throws in
            let now = clock.now()
            let u = try Users.create(db, UserDraft(username: "u@example.com"), at: now)
            let projectAdmin = try Profiles.create(db, ProfileRecord(kind: .project, name: "PA", isAdmin: true))
            let tester = try Profiles.create(db, ProfileRecord(kind: .project, name: "Tester", isDefault: true,
                                                               permissions: ["test_run.execute": true]))
            let p = try Projects.create(db, ProjectDraft(name: "P"), by: nil, at: now)
            try Projects.assign([u.id], to: p.id, db)
            #expect(try Profiles.projectProfile(db, ofUser: u.id, projectId: p.id)?.id == tester.id)
            #expect(try Profiles.userCan(db, userId: u.id, "test_run.execute", projectId: p.id))
            #expect(try !Profiles.userCan(db, userId: u.id, "test_run.delete", projectId: p.id))
            try Profiles.assignProjectProfile(db, profileId: projectAdmin.id, userIds: [u.id], projectId: p.id)
            #expect(try Projects.adminIds(db, p.id) == [u.id])

            let g = try Groups.create(db, UserGroupRecord(name: "QA", isDefault: true), userIds: [u.id])
            #expect(try Groups.groupIds(db, userId: u.id) == [g.id])

            let cfg = try AuthSystems.createLdapConfig(db, LdapConfigRecord(name: "LDAP"))
            try AuthSystems.addLdapUser(db, LdapUserRecord(ldapConfigId: cfg.id, ldapUsername: "jdoe", email: "jane@example.com"))
            let imported = try AuthSystems.importLdapUsers(db, configId: cfg.id, [LdapImportItem(ldapUsername: "JDOE")], at: now)
            #expect(imported.map(\.username) == ["jane@example.com"])
            #expect(imported.first?.externalAuthConfigId == cfg.id)
            #expect(try AuthSystems.ldapUsers(db, configId: cfg.id).items.first?.mappedUserId == imported.first?.id)
            #expect(throws: StoreError.self) {
                try AuthSystems.importLdapUsers(db, configId: cfg.id, [LdapImportItem(ldapUsername: "ghost")], at: now)
            }

            let t = try SiteTemplates.create(db, SiteTemplateRecord(name: "Agile"))
            try SiteTemplates.apply(db, templateId: t.id, to: [p.id])
            #expect(try Projects.get(db, p.id).templateId == t.id)
            try SiteTemplates.remove(db, templateId: t.id, from: [p.id])
            #expect(try Projects.get(db, p.id).templateId == nil)
        }
    }

    @Test func concurrentWritersOnFileNeverLoseWrites() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qstore-conc-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let disk = try QTestDatabase(path: path, clock: clock)
        let projectId = try disk.write { (db: Database) throws in try Projects.create(db, ProjectDraft(name: "C"), by: nil, at: clock.now()).id }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<100 {
                        try disk.write { (db: Database) throws in
                            let id = try IDs.next(db, .release)
                            let pid = try PIDs.next(db, project: projectId, .release)
                            try db.execute(sql: "INSERT INTO releases (id, project_id, pid, name, created_date, last_modified_date) VALUES (?, ?, ?, 'r', ?, ?)",
                                           arguments: [id, projectId, pid, Date(), Date()])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let (count, distinctPids) = try disk.read { (db: Database) throws in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM releases") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT pid) FROM releases") ?? 0)
        }
        #expect(count == 800 && distinctPids == 800)
    }
}
