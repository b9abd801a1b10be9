import Dispatch
import Foundation
import GRDB
import LogRecorder
import Testing
@testable import QTestStore

/// Writes that wait for the write lock say so at `debug`, and only there.
@Suite struct WriteLockLogTests {
    /// Holds the write lock for `hold` seconds on another thread while `body` runs.
    private func whileAnotherWriteHoldsTheLock(_ store: QTestDatabase, for hold: TimeInterval, _ body: () throws -> Void) rethrows {
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            _ = try? store.write { (_: Database) in
                holding.signal()
                usleep(useconds_t(hold * 1_000_000))
            }
        }
        holding.wait()
        defer { done.wait() }
        try body()
    }

    @Test func aWaitIsLoggedAtDebug() throws {
        let log = LogRecorder()
        let store = try QTestDatabase(logger: log.logger(level: .debug))
        try whileAnotherWriteHoldsTheLock(store, for: 0.1) {
            try store.write { (_: Database) in }
        }
        let messages = log.entries.map(\.message)
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.hasPrefix("database: a write waited ") == true && messages.first?.hasSuffix(" ms for the write lock") == true, "\(messages)")
    }

    @Test func givingUpIsLoggedAtDebug() throws {
        let log = LogRecorder()
        let store = try QTestDatabase(busyTimeout: 0.05, logger: log.logger(level: .debug))
        try whileAnotherWriteHoldsTheLock(store, for: 0.3) {
            #expect(throws: StoreError.self) { try store.write { (_: Database) in } }
        }
        let messages = log.entries.map(\.message)
        #expect(messages.count == 1 && messages.first?.hasPrefix("database: a write gave up after ") == true, "\(messages)")
    }

    @Test func infoLeavesLockWaitsOut() throws {
        let log = LogRecorder()
        let store = try QTestDatabase(logger: log.logger(level: .info))
        try whileAnotherWriteHoldsTheLock(store, for: 0.05) {
            try store.write { (_: Database) in }
        }
        #expect(log.entries.isEmpty)
    }
}
