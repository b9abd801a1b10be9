import Foundation
import Testing
import TestSupport

/// Reset and snapshots over a real socket: the store goes back to exactly a saved state, fast,
/// and never half-way under concurrent writers.
@Suite struct ControlStateTests {
    @Test func resetReturnsToTheSeededStartStateFast() throws {
        let h = try EmulatorHarness(.live)
        let release = try h.createdID(try h.post("\(h.p)/releases", json: ["name": "Made during the test"]))
        let before = try h.get("\(h.p)/releases").array.count
        // A job, a fault and a journal entry: all go with a reset.
        _ = try h.post("/__emulator/faults", json: ["path": "/api/v3/nowhere", "status": 418], token: .some(nil))
        var durations: [Double] = []
        for _ in 0..<5 {
            let reset = try h.post("/__emulator/reset", token: .some(nil))
            #expect(reset.status == 200, "\(reset)")
            durations.append(reset.object["duration_ms"] as? Double ?? .infinity)
        }
        print("reset duration_ms (demo seed): \(durations.map { String(format: "%.2f", $0) }.joined(separator: ", "))")
        #expect((durations.min() ?? .infinity) < 50, "restoring the baseline copy is milliseconds, not a re-seed: \(durations)")
        #expect((try h.get("/__emulator/journal", token: .some(nil)).object["items"] as? [Any])?.isEmpty == true, "the journal starts over")
        #expect(try h.get("\(h.p)/releases/\(release)").status == 404)
        #expect(try h.get("\(h.p)/releases").array.count == before - 1)
        #expect(try h.get("\(h.p)/test-cases/TC-1").status == 200, "the seed is back")
        #expect(try h.get("/__emulator/faults", token: .some(nil)).array.isEmpty)
        // Ids continue from the seed's counters, as after a fresh start.
        let again = try h.createdID(try h.post("\(h.p)/releases", json: ["name": "After reset"]))
        #expect(again == release, "the same id as the first release made after start")

        // Another seed, then back to the start seed.
        #expect(try h.post("/__emulator/reset", json: ["seed": "none"], token: .some(nil)).status == 200)
        #expect(try h.get("\(h.p)/releases").status == 401, "no demo token in an empty store")
        #expect(try h.post("/__emulator/reset", json: ["seed": "bogus"], token: .some(nil)).status == 400)
        #expect(try h.post("/__emulator/reset", token: .some(nil)).status == 200)
        #expect(try h.get("\(h.p)/releases").status == 200)
    }

    @Test func snapshotsSaveRestoreListAndDelete() throws {
        let h = try EmulatorHarness(.live)
        let saved = try h.post("/__emulator/snapshots", json: ["name": "clean-1"], token: .some(nil))
        #expect(saved.status == 201 && saved.object["name"] as? String == "clean-1", "\(saved)")
        let release = try h.createdID(try h.post("\(h.p)/releases", json: ["name": "Later"]))
        #expect(try h.post("/__emulator/snapshots", json: ["name": "with-release"], token: .some(nil)).status == 201)
        #expect(try h.get("/__emulator/snapshots", token: .some(nil)).array.compactMap { $0["name"] as? String } == ["clean-1", "with-release"])
        #expect(try h.post("/__emulator/snapshots/clean-1/restore", token: .some(nil)).status == 200)
        #expect(try h.get("\(h.p)/releases/\(release)").status == 404)
        #expect(try h.post("/__emulator/snapshots/with-release/restore", token: .some(nil)).status == 200)
        #expect(try h.get("\(h.p)/releases/\(release)").status == 200)
        #expect(try h.delete("/__emulator/snapshots/clean-1", token: .some(nil)).status == 200)
        #expect(try h.post("/__emulator/snapshots/clean-1/restore", token: .some(nil)).status == 404)
        #expect(try h.post("/__emulator/snapshots", json: ["name": "../escape"], token: .some(nil)).status == 400)
        #expect(try h.post("/__emulator/snapshots", json: [:], token: .some(nil)).status == 400)
    }

    @Test func restoreUnderConcurrentWritersIsAtomic() throws {
        let h = try EmulatorHarness(.live)
        #expect(try h.post("/__emulator/snapshots", json: ["name": "base"], token: .some(nil)).status == 201)
        let statuses = LockedStatuses()
        let group = DispatchGroup()
        let port = h.port, releases = "\(h.p)/releases"
        for writer in 0..<4 {
            DispatchQueue.global().async(group: group) {
                let client = HTTPTestClient(port: port)
                defer { client.close() }
                for i in 0..<40 {
                    let body = try? JSONSerialization.data(withJSONObject: ["name": "w\(writer)-\(i)"])
                    let r = try? client.send("POST", releases, headers: [("Authorization", "Bearer \(Demo.adminToken)"),
                                                                                  ("Content-Type", "application/json")], body: body)
                    statuses.add(r?.status ?? -1)
                }
            }
        }
        for _ in 0..<5 {
            let restore = try h.post("/__emulator/snapshots/base/restore", token: .some(nil))
            #expect(restore.status == 200, "\(restore)")
            usleep(20_000)
        }
        group.wait()
        #expect(statuses.all.allSatisfy { $0 == 201 || $0 == 503 }, "writes succeed or are told to retry: \(Set(statuses.all))")
        // After a last restore the store is exactly the snapshot: the seed's one release.
        #expect(try h.post("/__emulator/snapshots/base/restore", token: .some(nil)).status == 200)
        #expect(try h.get("\(h.p)/releases").array.compactMap { $0["name"] as? String } == ["Release 1.0"])
    }

    @Test func snapshotsOfAFileDatabaseSurviveARestart() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qtest-snap-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try? FileManager.default.removeItem(atPath: path + ".snapshots")
        }
        var release = 0
        do {
            let h = try EmulatorHarness(.live, databasePath: path)
            release = try h.createdID(try h.post("\(h.p)/releases", json: ["name": "Kept"]))
            #expect(try h.post("/__emulator/snapshots", json: ["name": "kept"], token: .some(nil)).status == 201)
            #expect(try h.delete("\(h.p)/releases/\(release)").status == 200)
        }
        let h = try EmulatorHarness(.live, databasePath: path)
        #expect(try h.get("/__emulator/snapshots", token: .some(nil)).array.contains { $0["name"] as? String == "kept" })
        #expect(try h.post("/__emulator/snapshots/kept/restore", token: .some(nil)).status == 200)
        #expect(try h.get("\(h.p)/releases/\(release)").object["name"] as? String == "Kept")
    }
}

/// Statuses collected from several threads.
final class LockedStatuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func add(_ status: Int) { lock.lock(); values.append(status); lock.unlock() }
    var all: [Int] { lock.lock(); defer { lock.unlock() }; return values }
}
