import Foundation
import HTTPServer
import QTestStore
import Synchronization

/// The emulator's test controls: the clock, the baseline a reset returns to, named snapshots,
/// the request journal and the fault rules. One per running emulator (see ``ControlRoutes``).
final class ControlPlane: Sendable {
    let clock: VirtualClock
    let journal: RequestJournal
    let faults = FaultBook()
    /// When the emulator started, by its own clock (so uptime is reproducible under a frozen one).
    let startedAt: Date
    /// `Bearer` token the control routes need (health aside), nil for none.
    let token: String?
    /// Where `--db` mode keeps snapshots (beside the file), nil in memory.
    let snapshotDirectory: String?
    /// The instant a deterministic run starts its frozen clock at.
    static let deterministicStart = Date(timeIntervalSince1970: 1_767_607_200) // 2026-01-05T10:00:00Z
    let deterministic: Bool
    /// Where seed images are kept between runs (see ``EmulatorOptions/seedImageDirectory``).
    let seedImageDirectory: String?

    /// The last health answer, with the store generation and uptime second it holds for.
    let healthAnswer = Mutex<(generation: UInt64, uptime: Int64, response: HTTPResponse)?>(nil)

    private let baseline = Mutex<DatabaseState?>(nil)
    private let seeded = Mutex<[String: DatabaseState]>([:])
    private let snapshots = Mutex<[String: (state: DatabaseState, created: Date)]>([:])
    /// Counts tokens issued in deterministic mode, so each run issues the same ones.
    private let issuedTokens = Atomic<Int64>(0)

    init(clock: VirtualClock, options: EmulatorOptions) {
        self.clock = clock
        startedAt = clock.now()
        journal = RequestJournal(capacity: options.journalSize)
        token = options.controlToken
        deterministic = options.deterministic
        seedImageDirectory = options.seedImageDirectory
        snapshotDirectory = options.databasePath.map { $0 + ".snapshots" }
        if let directory = snapshotDirectory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for file in names where file.hasSuffix(".sqlite") {
                let path = directory + "/" + file
                guard let state = try? DatabaseState.open(path) else { continue }
                let created = (try? FileManager.default.attributesOfItem(atPath: path)[.creationDate] as? Date) ?? nil
                snapshots.withLock { $0[String(file.dropLast(7))] = (state, created ?? Date()) }
            }
        }
    }

    /// Remembers the state right after start (seeded), which `reset` returns to.
    func captureBaseline(_ database: QTestDatabase) throws {
        useBaseline(try DatabaseState.capture(database))
    }

    /// Sets the state `reset` returns to.
    func useBaseline(_ state: DatabaseState) {
        baseline.withLock { $0 = state }
    }

    /// The state `reset` restores: the start state, or a fresh `demo` / `none` seed.
    func resetState(seed: String?, startSeed: SeedSource) throws -> DatabaseState {
        let wanted = seed?.lowercased()
        let start: String? = switch startSeed {
        case .demo: "demo"
        case .none: "none"
        case .file: nil
        }
        if wanted == nil || wanted == start, let state = baseline.withLock({ $0 }) { return state }
        guard let wanted, ["demo", "none"].contains(wanted) else {
            throw APIError.badRequest("Field 'seed' must be \"demo\" or \"none\"")
        }
        if let state = seeded.withLock({ $0[wanted] }) { return state }
        let state: DatabaseState
        if wanted == "none" {
            state = try DatabaseState.empty()
        } else {
            // The demo seed as loading it now would write it, from its image.
            state = .holding(try EmulatorApp.demoImage(directory: seedImageDirectory).copy(stampedBy: clock))
        }
        seeded.withLock { $0[wanted] = state }
        return state
    }

    /// Back to the start of a run: journal and faults cleared, the clock real again (or frozen
    /// at the deterministic start), deterministic counters from zero. The store is restored by
    /// the caller.
    func forgetRun() -> [Int64] {
        journal.clear()
        let released = faults.remove(nil).released
        if deterministic { clock.freeze(at: Self.deterministicStart) } else { clock.resume() }
        issuedTokens.store(0, ordering: .sequentiallyConsistent)
        return released
    }

    // MARK: Snapshots

    static func validName(_ name: String) throws -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.count <= 64, name.allSatisfy(allowed.contains), !name.hasPrefix(".") else {
            throw APIError.badRequest("Snapshot name must be 1 to 64 letters, digits, '.', '_' or '-' (not starting with '.')")
        }
        return name
    }

    func saveSnapshot(_ name: String, of database: QTestDatabase, at now: Date) throws -> Date {
        var path: String?
        if let directory = snapshotDirectory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            path = directory + "/" + name + ".sqlite"
        }
        // A snapshot saved again under its name replaces the old one (and its file).
        snapshots.withLock { $0.removeValue(forKey: name) }?.state.remove()
        let state = try DatabaseState.capture(database, to: path)
        snapshots.withLock { $0[name] = (state, now) }
        return now
    }

    func snapshot(_ name: String) throws -> DatabaseState {
        guard let entry = snapshots.withLock({ $0[name] }) else { throw APIError.notFound("Snapshot '\(name)' does not exist") }
        return entry.state
    }

    func deleteSnapshot(_ name: String) throws {
        guard let entry = snapshots.withLock({ $0.removeValue(forKey: name) }) else {
            throw APIError.notFound("Snapshot '\(name)' does not exist")
        }
        entry.state.remove()
    }

    func snapshotList() -> [(name: String, created: Date)] {
        snapshots.withLock { $0.map { ($0.key, $0.value.created) } }.sorted { $0.name < $1.name }
    }

    // MARK: Deterministic values

    /// The next issued token or new project's uuid: random normally, the n-th of a fixed
    /// sequence in deterministic mode (one sequence, so it follows the request order).
    func makeToken() -> String {
        guard deterministic else { return UUID().uuidString.lowercased() }
        let n = issuedTokens.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
        var random = SplitMix64(state: UInt64(bitPattern: n) &* 0x2545_F491_4F6C_DD1D)
        let hex = (0..<4).map { _ in String(format: "%08x", UInt32(truncatingIfNeeded: random.next())) }.joined()
        let chars = Array(hex)
        return "\(String(chars[0..<8]))-\(String(chars[8..<12]))-4\(String(chars[13..<16]))-a\(String(chars[17..<20]))-\(String(chars[20..<32]))"
    }
}
