import Foundation
import Synchronization
import Testing
import QTestAPI
import QTestStore
import TestSupport

/// Writers wait for one another, but nobody else waits for them: health checks and reads are
/// answered beside a long write, and a write that cannot get the lock in time is a 503 with
/// `Retry-After` (never a bare 500, never an endless wait).
@Suite struct WriterContentionTests {
    /// Holds the emulator's write lock for `seconds` on a background thread, as a long upload
    /// job does.
    static func holdWriteLock(_ database: QTestDatabase, seconds: Double) -> DispatchSemaphore {
        let held = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? database.write { db in
                // A write statement, so SQLite's own lock is taken too (another process sees it).
                try db.execute(sql: "DELETE FROM jobs WHERE 0")
                held.signal()
                usleep(UInt32(seconds * 1_000_000))
            }
            done.signal()
        }
        held.wait()
        return done
    }

    @Test func healthAndReadsAreNotQueuedBehindWriters() throws {
        let h = try EmulatorHarness(busyTimeout: 1)
        let done = Self.holdWriteLock(h.app.context.database, seconds: 3)
        // Twelve writers pile up behind the long write.
        let group = DispatchGroup()
        let statuses = Mutex503Counter()
        let port = h.port
        for i in 0..<12 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let client = HTTPTestClient(port: port)
                let body = try? JSONSerialization.data(withJSONObject: ["name": "queued \(i)"])
                if let r = try? client.send("POST", "/api/v3/projects/108781/releases",
                                            headers: [("Authorization", "Bearer \(Demo.adminToken)"), ("Content-Type", "application/json")], body: body) {
                    statuses.record(r)
                }
                client.close()
            }
        }
        usleep(200_000)
        for path in ["/__emulator/health", "/api/v3/projects/108781", "/api/v3/projects/108781/releases"] {
            let client = h.makeClient()
            let started = Date()
            let r = try client.send("GET", path, headers: [("Authorization", "Bearer \(Demo.adminToken)")])
            let took = Date().timeIntervalSince(started)
            #expect(r.status == 200, "\(path): \(r)")
            // Queued behind the write, a read would take until it ends (2.8 s from here); the
            // margin below that is for a loaded machine.
            #expect(took < 1.5, "\(path) took \(took) s behind a long write")
            client.close()
        }
        group.wait()
        done.wait()
        // The lock was held past every writer's 1 s budget: each got a 503 to retry.
        #expect(statuses.busy == 12, "\(statuses.other)")
        #expect(statuses.retryAfter == 12)
        // And the store takes writes again.
        #expect(try h.post("/api/v3/projects/108781/releases", json: ["name": "after"]).status == 201)
    }

    /// Another process holding the `--db` file's write lock: writes are 503, reads go on.
    @Test func anOutsideLockOnTheFileIsA503NotA500() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qtest-lock-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let h = try EmulatorHarness(databasePath: path, busyTimeout: 0.5)
        let outsider = try QTestDatabase(path: path, busyTimeout: 0.5)
        let done = Self.holdWriteLock(outsider, seconds: 2)
        let write = try h.post("/api/v3/projects/108781/releases", json: ["name": "blocked"])
        #expect(write.status == 503, "\(write)")
        #expect(write.header("Retry-After") != nil)
        #expect(write.object["message"] is String)
        let started = Date()
        #expect(try h.get("/api/v3/projects/108781/releases").status == 200)
        // Waiting for the outside writer would take until its lock goes (1.5 s from here).
        #expect(Date().timeIntervalSince(started) < 1, "reads do not wait for the outside writer")
        done.wait()
        #expect(try h.post("/api/v3/projects/108781/releases", json: ["name": "after"]).status == 201)
    }
}

/// Counts the answers the piled-up writers got.
final class Mutex503Counter: Sendable {
    private struct Tally {
        var busy = 0
        var retryAfter = 0
        var other: [String] = []
    }

    private let tally = Mutex(Tally())
    var busy: Int { tally.withLock { $0.busy } }
    var retryAfter: Int { tally.withLock { $0.retryAfter } }
    var other: [String] { tally.withLock { $0.other } }

    func record(_ r: WireResponse) {
        tally.withLock { tally in
            if r.status == 503 { tally.busy += 1 } else { tally.other.append(r.description) }
            if r.header("Retry-After") != nil { tally.retryAfter += 1 }
        }
    }
}
