import Foundation
import GRDB
import Testing
@testable import QTestStore

@Suite struct CoreTests {
    @Test func migratesInMemory() throws {
        let store = try QTestDatabase()
        #expect(try store.appliedMigrations().count == Schema.migrator.migrations.count)
        let tables = try store.read { (db: Database) throws in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        for t in Schema.tablesInDeleteOrder { #expect(tables.contains(t), "missing \(t)") }
    }

    @Test func migratesOnFileAndReopens() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qstore-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        do {
            let store = try QTestDatabase(path: path)
            let mode = try store.read { (db: Database) throws in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
            let fk = try store.read { (db: Database) throws in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") }
            #expect(fk == true)
            _ = try store.write { (db: Database) throws in try IDs.next(db, .release) }
        }
        let again = try QTestDatabase(path: path)
        let id = try again.write { (db: Database) throws in try IDs.next(db, .release) }
        #expect(id == ObjectKind.release.firstID + 1)
    }

    @Test func idAndPidSequences() throws {
        let store = try QTestDatabase()
        try store.write { (db: Database) throws in
            #expect(try IDs.next(db, .project) == 108_782)
            #expect(try IDs.next(db, .project) == 108_783)
            try IDs.reserve(db, .project, 200_000)
            #expect(try IDs.next(db, .project) == 200_001)
            #expect(try PIDs.next(db, project: 1, .release) == "RL-1")
            #expect(try PIDs.next(db, project: 1, .release) == "RL-2")
            #expect(try PIDs.next(db, project: 2, .release) == "RL-1")
            #expect(try PIDs.next(db, project: 1, .testCase) == "TC-1")
            try PIDs.reserve(db, project: 1, .testCase, "TC-9")
            #expect(try PIDs.next(db, project: 1, .testCase) == "TC-10")
            #expect(PIDs.parse("tc-12", .testCase) == 12)
            #expect(PIDs.parse("RL-12", .testCase) == nil)
            #expect(throws: StoreError.self) { try PIDs.next(db, project: 1, .user) }
        }
        let prefixes = ObjectKind.allCases.compactMap(\.pidPrefix)
        #expect(Set(prefixes) == ["RL-", "BL-", "CL-", "TS-", "TR-", "TC-", "MD-", "RQ-", "DF-"])
    }

    @Test(arguments: [
        "2026-01-05T10:00:00Z", "2026-01-05T10:00:00+0000", "2026-01-05T10:00:00.000Z", "2026-01-05T10:00:00.000+0000",
        "2026-01-05T10:00:00+00:00", "2026-01-05T10:00:00.000+00:00", "2026-01-05T12:00:00+02:00", "2026-01-05T05:00:00-0500",
        "2026-01-05T10:00:00",
    ])
    func parsesInputDates(_ text: String) throws {
        let d = try #require(QTestDate.parse(text))
        #expect(QTestDate.format(d) == "2026-01-05T10:00:00+00:00")
    }

    @Test func parsesDateOnlyFractionsAndRejectsJunk() throws {
        #expect(QTestDate.format(try #require(QTestDate.parse("2026-01-05"))) == "2026-01-05T00:00:00+00:00")
        let frac = try #require(QTestDate.parse("2023-04-25T14:00:54.652Z"))
        #expect(abs(frac.timeIntervalSince1970 - 1_682_431_254.652) < 0.0005)
        #expect(QTestDate.format(frac) == "2023-04-25T14:00:54+00:00")
        for bad in ["", "2026-13-01", "2026-02-30", "yesterday", "2026-01-05T10:00:00+", "2026-01-05T25:00:00Z", "2026-01-05T10:00:00Zx"] {
            #expect(QTestDate.parse(bad) == nil, "\(bad)")
        }
        #expect(QTestDate.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00+00:00")
        #expect(QTestDate.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00+00:00")
        #expect(QTestDate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59+00:00")
    }

    @Test func failedWriteLeavesNothing() throws {
        let store = try QTestDatabase(clock: FixedClock())
        let now = store.clock.now()
        #expect(throws: StoreError.self) {
            try store.write { (db: Database) throws in
                _ = try Users.create(db, UserDraft(username: "a@example.com", password: "x"), at: now)
                _ = try IDs.next(db, .user)
                throw StoreError.badRequest("boom")
            }
        }
        try store.read { (db: Database) throws in
            #expect(try UserRecord.fetchCount(db) == 0)
            let sequences = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM id_sequences")
            #expect(sequences == 0)
        }
    }

    @Test func sha256KnownVectors() {
        #expect(PasswordHasher.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(PasswordHasher.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(PasswordHasher.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func storeErrorStatuses() {
        #expect(StoreError.notFound("Project does not exist").httpStatus == 404)
        #expect(StoreError.badRequest("x").httpStatus == 400)
        #expect(StoreError.unauthorized("x").httpStatus == 401)
        #expect(StoreError.forbidden("x").httpStatus == 403)
        #expect(StoreError.conflict("x").httpStatus == 409)
        #expect(StoreError.payloadTooLarge("x").httpStatus == 413)
    }
}
