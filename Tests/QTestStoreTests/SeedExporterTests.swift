import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The exporter against the loader, in the store: export → load into an empty database →
/// export gives the same bytes.
@Suite struct SeedExporterTests {
    static func seeded(_ fixture: SeedFixture, clock: FixedClock = FixedClock()) throws -> QTestDatabase {
        let store = try QTestDatabase(clock: clock)
        try store.write { (db: Database) throws in _ = try Seeder.load(fixture, into: db, at: clock.now()) }
        return store
    }

    static func export(_ store: QTestDatabase) throws -> Data {
        try store.read { (db: Database) throws in try SeedExporter.json(db) }
    }

    /// Loads `first` (an export) into a fresh store and checks the second export is identical.
    static func expectRoundTrip(_ first: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let again = try export(try seeded(try SeedFixture.decode(first)))
        if again != first {
            let a = String(decoding: first, as: UTF8.self).split(separator: "\n"), b = String(decoding: again, as: UTF8.self).split(separator: "\n")
            let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let context = { (lines: [Substring]) in lines[max(0, at - 8)..<min(lines.count, at + 4)].joined(separator: "\n") }
            Issue.record("exports differ at line \(at + 1):\n--- first\n\(context(a))\n--- second\n\(context(b))", sourceLocation: sourceLocation)
        }
    }

    @Test func demoSeedRoundTrips() throws {
        let store = try Self.seeded(try SeedFixture.decode(Data(DemoSeed.json.utf8)))
        let first = try Self.export(store)
        try Self.expectRoundTrip(first)
        let fixture = try SeedFixture.decode(first)
        #expect(fixture.projects?.map(\.id) == [108781, 108782])
        #expect(fixture.users?.first?.passwordHash != nil)
    }
}

