import Foundation
import HTTPServer
import Synchronization

/// The fault rules in force, in the order they were added (the first that covers a request
/// wins), and the upload jobs a "stuck" rule holds.
final class FaultBook: Sendable {
    private struct State {
        var rules: [FaultRule] = []
        var nextID: Int64 = 1
        /// Jobs held `IN_PROCESSING`, by the rule holding them.
        var stuckJobs: [Int64: [Int64]] = [:]
    }
    private let state = Mutex(State())

    func add(_ make: (Int64) -> FaultRule) -> FaultRule {
        state.withLock { s in
            let rule = make(s.nextID)
            s.nextID += 1
            s.rules.append(rule)
            return rule
        }
    }

    var rules: [FaultRule] { state.withLock { $0.rules } }

    /// Removes a rule (all when nil); answers whether one went, and the jobs it released.
    func remove(_ id: Int64?) -> (removed: Bool, released: [Int64]) {
        state.withLock { s in
            let before = s.rules.count
            let gone = id.map { id in s.rules.filter { $0.id == id } } ?? s.rules
            s.rules.removeAll { rule in id.map { rule.id == $0 } ?? true }
            var released: [Int64] = []
            for rule in gone { released += s.stuckJobs.removeValue(forKey: rule.id) ?? [] }
            return (s.rules.count < before, released)
        }
    }

    /// The request rule that hits `method path` now, counting the hit (times, probability).
    func hit(method: String, path: String) -> FaultRule? {
        state.withLock { s in
            for i in s.rules.indices where s.rules[i].covers(method: method, path: path) {
                if s.rules[i].probability < 1, s.rules[i].random.unit() >= s.rules[i].probability { continue }
                if let left = s.rules[i].remaining { s.rules[i].remaining = left - 1 }
                s.rules[i].hits += 1
                return s.rules[i]
            }
            return nil
        }
    }

    /// Whether a request rule covers `method path` (for the head screen: let it through to the fault).
    func covers(method: String, path: String) -> Bool {
        state.withLock { s in s.rules.contains { $0.covers(method: method, path: path) } }
    }

    /// The job rule for the next upload job, counting the hit; a stuck rule remembers the job.
    func hitJob(_ jobID: Int64) -> FaultRule.Action? {
        state.withLock { s in
            for i in s.rules.indices where s.rules[i].isJobFault && s.rules[i].remaining != 0 {
                if let left = s.rules[i].remaining { s.rules[i].remaining = left - 1 }
                s.rules[i].hits += 1
                if case .stuckJob = s.rules[i].action { s.stuckJobs[s.rules[i].id, default: []].append(jobID) }
                return s.rules[i].action
            }
            return nil
        }
    }
}
