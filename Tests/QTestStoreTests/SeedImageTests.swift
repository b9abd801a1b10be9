import Foundation
import GRDB
import Logging
import Testing
@testable import QTestStore

/// A store opened from a seed image must be the store the seed loader writes, row for row, at
/// whatever time and with whatever clock it is opened.
@Suite struct SeedImageTests {
    let fixture: SeedFixture
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init() throws { fixture = try SeedFixture.decode(Data(DemoSeed.json.utf8)) }

    /// The demo seed loaded the usual way (migrations, then the loader in one write).
    private func loaded(_ clock: any StoreClock) throws -> QTestDatabase {
        let database = try QTestDatabase(clock: clock)
        try database.write { db in _ = try Seeder.load(fixture, into: db, at: database.clock.now()) }
        return database
    }

    /// Every row of every table, as text, by table.
    private func dump(_ reader: any DatabaseReader) throws -> [String: [[String]]] {
        try reader.read { db in
            var tables: [String: [[String]]] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").count
                let order = (1...columns).map(String.init).joined(separator: ", ")
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY \(order)").map { row in
                    row.columnNames.map { name in "\(name)=\(Self.normalized(row[name] as DatabaseValue))" }
                }
            }
            return tables
        }
    }

    /// A value as text; a JSON object with its keys sorted (the loader writes dictionaries,
    /// whose key order is not fixed).
    private static func normalized(_ value: DatabaseValue) -> String {
        guard let text = String.fromDatabaseValue(value), text.hasPrefix("{"),
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return value.description }
        return String(decoding: sorted, as: UTF8.self)
    }

    /// `table.column` of every value that differs between two dumps.
    private func differences(_ a: [String: [[String]]], _ b: [String: [[String]]]) -> Set<String> {
        var out = Set<String>()
        for table in Set(a.keys).union(b.keys) {
            let x = a[table] ?? [], y = b[table] ?? []
            if x.count != y.count { out.insert("\(table).<rows \(x.count) vs \(y.count)>"); continue }
            for (r, s) in zip(x, y) {
                for (u, v) in zip(r, s) where u != v { out.insert("\(table).\(u.prefix { $0 != "=" })") }
            }
        }
        return out
    }

    /// Two loads differ only in their random password salts (and so hashes).
    private static let random: Set<String> = ["users.password_salt", "users.password_hash"]

    @Test(arguments: [0, 1, 2]) func theDemoImageIsTheLoadedSeedRowForRow(kind: Int) throws {
        // A real clock is not repeatable; these cover a frozen one, a stepping one (every read
        // another second: the two reads of a load are told apart), and a far-off one.
        func clock() -> any StoreClock {
            switch kind {
            case 0: FixedClock(Date(timeIntervalSince1970: 1_767_607_200))
            case 1: SteppingClock(start: Date(timeIntervalSince1970: 1_800_000_000), step: 7)
            default: FixedClock(Date(timeIntervalSince1970: 4_000_000_000.5))
            }
        }
        // (Each store is kept while its dump is read: a released temporary store is closed.)
        let firstStore = try loaded(clock()), secondStore = try loaded(clock())
        let first = try dump(firstStore.writer), second = try dump(secondStore.writer)
        #expect(differences(first, second).isSubset(of: Self.random))
        let image = try SeedImage.seeded(fixture)
        #expect(!image.clockColumns.isEmpty)
        let (opened, start) = try image.open(clock: clock(), busyTimeout: 5, logger: logger)
        let openedDump = try dump(opened.writer)
        #expect(differences(first, openedDump).isSubset(of: Self.random), "\(differences(first, openedDump))")
        // The state a reset returns to is the same one.
        let restoredInto = try QTestDatabase()
        try start.restore(into: restoredInto)
        #expect(differences(first, try dump(restoredInto.writer)).isSubset(of: Self.random))
        // And another seed taken now is the demo seed loaded now.
        #expect(differences(first, try dump(try image.copy(stampedBy: clock()))).isSubset(of: Self.random))
    }

    @Test func theImagesPasswordsStillWork() throws {
        let (opened, _) = try SeedImage.seeded(fixture).open(clock: FixedClock(), busyTimeout: 5, logger: logger)
        let user = try opened.read { db in try Users.verifyPassword(db, username: "api-test@qasymphony.com", password: "admin123") }
        #expect(user != nil)
    }

    @Test func theEmptyImageIsAMigratedStore() throws {
        let migrated = try QTestDatabase()
        let (opened, _) = try SeedImage.empty().open(clock: FixedClock(), busyTimeout: 5, logger: logger)
        #expect(try opened.appliedMigrations() == migrated.appliedMigrations())
        #expect(differences(try dump(migrated.writer), try dump(opened.writer)).isEmpty)
        let schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        #expect(try opened.read { try Row.fetchAll($0, sql: schema) } == migrated.read { try Row.fetchAll($0, sql: schema) })
    }

    @Test func theDemoFixtureNeverUsesTheSentinelDay() {
        #expect(!DemoSeed.json.contains("2001-01-01"))
    }

    @Test func theCacheKeepsImagesOnDiskForTheSameBinary() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/seed-image-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var builds = 0
        let built = try SeedImageCache().image("demo", directory: directory) { builds += 1; return try SeedImage.seeded(fixture) }
        // A new cache (a new process) finds the file instead of building.
        let read = try SeedImageCache().image("demo", directory: directory) { builds += 1; return try SeedImage.seeded(fixture) }
        #expect(builds == 1)
        #expect(read.image.bytes == built.image.bytes)
        #expect(read.clockColumns == built.clockColumns && read.clockReads == built.clockReads)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files.count == 1 && files[0].hasPrefix("seed-demo-") && files[0].hasSuffix(".qtimage"))
        // A damaged file is built again, not used.
        try Data("qtest-emulator seed image 1\nnot a header".utf8).write(to: URL(fileURLWithPath: directory + "/" + files[0]))
        _ = try SeedImageCache().image("demo", directory: directory) { builds += 1; return try SeedImage.seeded(fixture) }
        #expect(builds == 2)
    }
}
