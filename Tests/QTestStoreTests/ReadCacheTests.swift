import Foundation
import GRDB
import Synchronization
import Testing
@testable import QTestStore

/// Field definitions come from memory during reads, and never outlive a write.
struct ReadCacheTests {
    static func labels(_ store: QTestDatabase, _ kind: ObjectKind = .testRun) throws -> [String] {
        try store.read { (db: Database) throws in try ObjectProperties.fieldInfo(db, projectId: 108781, kind).map(\.label) }
    }

    @Test func aFieldEditIsSeenByTheNextRead() throws {
        let store = try SeedExporterTests.demo()
        let before = try Self.labels(store)
        #expect(!before.isEmpty)
        #expect(try store.read { _ in ReadCache.current?.generation } == store.generation, "reads run in a scope")
        #expect(try Self.labels(store) == before, "the cached answer is the same")
        let renamed = try store.write { (db: Database) throws -> String in
            let record = try #require(try Fields.list(db, projectId: 108781, objectType: ObjectKind.testRun.rawValue).first)
            var field = record
            field.label = "Renamed \(record.id)"
            try Fields.update(db, field)
            // Inside a write there is no read scope: the write sees its own change.
            #expect(ReadCache.current == nil)
            #expect(try ObjectProperties.fieldInfo(db, projectId: 108781, .testRun).contains { $0.label == field.label })
            return field.label
        }
        #expect(try Self.labels(store).contains(renamed))
        #expect(try Self.labels(store).count == before.count)
    }

    /// Other kinds and projects are cached apart.
    @Test func entriesAreKeptPerProjectAndKind() throws {
        let store = try SeedExporterTests.demo()
        let runs = try Self.labels(store, .testRun)
        let cases = try Self.labels(store, .testCase)
        #expect(runs != cases)
        #expect(try Self.labels(store, .testRun) == runs)
        // A project of its own sees the site fields only, not the demo project's.
        let elsewhere = try store.read { (db: Database) throws in try ObjectProperties.fieldInfo(db, projectId: 999_999_999, .testRun) }
        #expect(elsewhere.count <= runs.count)
    }

    /// A read that raced with a write does not leave its value behind under the old generation.
    @Test func aValueReadWhileAWriteFinishedIsNotKept() throws {
        let generation = Mutex<UInt64>(7)
        let cache = ReadCache { generation.withLock { $0 } }
        var reads = 0
        let read = { () -> [ObjectProperties.FieldInfo] in
            reads += 1
            generation.withLock { $0 = 8 } // a write finished meanwhile
            return []
        }
        _ = cache.fieldInfo(projectId: 1, .testRun, at: 7, read)
        _ = cache.fieldInfo(projectId: 1, .testRun, at: 7, read)
        #expect(reads == 2)
        _ = cache.fieldInfo(projectId: 1, .testRun, at: 8) { reads += 1; return [] }
        _ = cache.fieldInfo(projectId: 1, .testRun, at: 8) { reads += 1; return [] }
        #expect(reads == 3)
    }
}
