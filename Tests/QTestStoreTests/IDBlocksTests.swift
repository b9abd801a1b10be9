import GRDB
import Testing
@testable import QTestStore

/// Ids come in per-transaction blocks that belong to the database running the write.
@Suite struct IDBlocksTests {
    /// The counter value stored for `kind`: how far the blocks handed out so far reach.
    private func counter(_ store: QTestDatabase, _ kind: ObjectKind) throws -> Int64? {
        try store.read { (db: Database) throws in
            try Int64.fetchOne(db, sql: "SELECT next_id FROM id_sequences WHERE object_type = ?", arguments: [kind.rawValue])
        }
    }

    private func ids(_ db: Database, _ count: Int) throws -> [Int64] {
        try (0..<count).map { _ in try IDs.next(db, .testStepLog) }
    }

    @Test func aWriteTakesItsIdsInDoublingBlocks() throws {
        let store = try QTestDatabase()
        let first = ObjectKind.testStepLog.firstID
        let taken = try store.write { db in try ids(db, 6) }
        #expect(taken == Array(first..<first + 6))
        // Blocks of 1, 2 and 4: the counter moved three times, to the end of the last block.
        #expect(try counter(store, .testStepLog) == first + 7)
        // The next transaction starts after the unused rest of that block.
        #expect(try store.write { db in try IDs.next(db, .testStepLog) } == first + 7)
    }

    @Test func twoDatabasesKeepTheirOwnBlocks() throws {
        let a = try QTestDatabase(), b = try QTestDatabase()
        let first = ObjectKind.testStepLog.firstID
        let (fromA, fromB) = try a.write { dbA in
            let before = try ids(dbA, 3)
            let fromB = try b.write { dbB in try ids(dbB, 3) }
            return (before + (try ids(dbA, 3)), fromB)
        }
        #expect(fromA == Array(first..<first + 6))
        #expect(fromB == Array(first..<first + 3))
        #expect(try counter(a, .testStepLog) == first + 7)
        #expect(try counter(b, .testStepLog) == first + 3)
    }

    @Test func aRolledBackWriteGivesItsBlockBack() throws {
        let store = try QTestDatabase()
        let first = ObjectKind.testStepLog.firstID
        #expect(throws: StoreError.self) {
            try store.write { db in
                _ = try ids(db, 5)
                throw StoreError.badRequest("boom")
            }
        }
        #expect(try store.write { db in try ids(db, 2) } == [first, first + 1])
    }

    /// Without the store's write nothing binds the blocks: every id is its own counter update.
    @Test func aWriteAroundTheStoreAdvancesTheCounterPerId() throws {
        let store = try QTestDatabase()
        let first = ObjectKind.testStepLog.firstID
        let taken = try store.writer.write { db in try ids(db, 4) }
        #expect(taken == Array(first..<first + 4))
        #expect(try counter(store, .testStepLog) == first + 4)
    }
}
