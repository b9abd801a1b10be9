import Synchronization

/// Ids handed out in blocks within one transaction, so that a transaction creating thousands
/// of rows (an automation upload) doesn't update the counter once per row.
///
/// The first id of a kind in a transaction is allocated alone, so ordinary requests keep
/// consecutive ids; further ids come in doubling blocks (2, 4 … 256). Ids left in a block when
/// the transaction commits are skipped, which is harmless: ids only need to be unique.
///
/// Each ``QTestDatabase`` owns one and binds it as ``current`` for the length of its
/// ``QTestDatabase/write(_:)``: store operations only get a `Database`, and a task-local lets
/// ``IDs/next(_:_:)`` reach the blocks of the database that runs the write without a
/// process-wide table shared by every database. Blocks are still keyed by connection, so a
/// write on another database's connection nested inside can't take this one's ids.
final class IDBlocks: Sendable {
    /// The blocks of the database whose write is running here; nil outside
    /// `QTestDatabase.write`. GRDB runs the write closure on the calling thread, so the
    /// binding is seen inside it (`IDBlocksTests` would see ids allocated one by one if not).
    @TaskLocal static var current: IDBlocks?

    enum Answer { case id(Int64), allocate(count: Int64, firstInTransaction: Bool) }

    private struct Block { var next: Int64; var end: Int64; var lastCount: Int64 }
    private let transactions = Mutex<[ObjectIdentifier: [ObjectKind: Block]]>([:])

    func take(_ key: ObjectIdentifier, _ kind: ObjectKind) -> Answer {
        transactions.withLock { transactions in
            guard var kinds = transactions[key] else {
                transactions[key] = [:]
                return .allocate(count: 1, firstInTransaction: true)
            }
            guard var block = kinds[kind] else { return .allocate(count: 1, firstInTransaction: false) }
            if block.next < block.end {
                let id = block.next
                block.next += 1
                kinds[kind] = block
                transactions[key] = kinds
                return .id(id)
            }
            return .allocate(count: min(block.lastCount * 2, 256), firstInTransaction: false)
        }
    }

    func store(_ key: ObjectIdentifier, _ kind: ObjectKind, first: Int64, count: Int64) {
        transactions.withLock { $0[key, default: [:]][kind] = Block(next: first + 1, end: first + count, lastCount: count) }
    }

    func drop(_ key: ObjectIdentifier, _ kind: ObjectKind) {
        transactions.withLock { $0[key]?[kind] = nil }
    }

    func clear(_ key: ObjectIdentifier) {
        transactions.withLock { $0[key] = nil }
    }
}
