import Foundation
import HTTPServer

/// One injected fault: which requests it hits and what they get instead of (or before) the
/// emulator's answer. Body `{method, path, status, body, headers, delay_ms, times, probability,
/// seed, drop}`, or a job fault `{job: "stuck"|"fail", message, times}`.
///
/// `path` is literal, or a pattern where `{name}` stands for one segment and `*` for any run of
/// characters (`/api/v3/projects/*/auto-test-logs`).
struct FaultRule: Sendable {
    enum Action: Sendable {
        /// Answer `status` with `body` and `headers` (after `delayMs`); with no status, only delay.
        case respond(status: Int?, body: JSON?, headers: [(String, String)])
        /// Close the connection without an answer.
        case drop
        /// Hold the next upload jobs `IN_PROCESSING` until the rule is removed.
        case stuckJob
        /// End the next upload jobs `FAILED` with `message`.
        case failJob(message: String)
    }

    let id: Int64
    let method: String?
    let path: String?
    let action: Action
    let delayMs: Int
    /// Hits left; nil = unlimited.
    var remaining: Int?
    let probability: Double
    /// The random stream for `probability`: seeded, so a run is reproducible.
    var random: SplitMix64
    var hits = 0

    var isJobFault: Bool {
        switch action {
        case .stuckJob, .failJob: true
        default: false
        }
    }

    /// Whether this rule covers `method path` (request faults only).
    func covers(method: String, path: String) -> Bool {
        guard !isJobFault, remaining != 0 else { return false }
        if let wanted = self.method, wanted != "*", wanted.caseInsensitiveCompare(method) != .orderedSame { return false }
        guard let pattern = self.path else { return true }
        return Self.matches(pattern: pattern, path)
    }

    /// `{name}` is one non-empty segment, `*` any characters (also `/`), the rest literal.
    static func matches(pattern: String, _ path: String) -> Bool {
        let p = Array(pattern.utf8), s = Array(path.utf8)
        // Iterative matcher with one backtrack point per `*` (no recursion, linear in practice).
        var pi = 0, si = 0, star = -1, starS = 0
        while si < s.count {
            if pi < p.count, p[pi] == UInt8(ascii: "{"), let close = p[pi...].firstIndex(of: UInt8(ascii: "}")) {
                guard s[si] != UInt8(ascii: "/") else {
                    if !backtrack() { return false }
                    continue
                }
                while si < s.count, s[si] != UInt8(ascii: "/") { si += 1 }
                pi = close + 1
                continue
            }
            if pi < p.count, p[pi] == UInt8(ascii: "*") { star = pi; starS = si; pi += 1; continue }
            if pi < p.count, p[pi] == s[si] { pi += 1; si += 1; continue }
            if !backtrack() { return false }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count

        func backtrack() -> Bool {
            guard star >= 0 else { return false }
            starS += 1
            si = starS
            pi = star + 1
            return true
        }
    }

    func json() -> JSON {
        var object = JSONObject([("id", .int(id))])
        if let method { object.set("method", .string(method)) }
        if let path { object.set("path", .string(path)) }
        switch action {
        case let .respond(status, body, headers):
            if let status { object.set("status", .number(status)) }
            if let body { object.set("body", body) }
            if !headers.isEmpty { object.set("headers", .object(JSONObject(headers.map { ($0.0, JSON.string($0.1)) }))) }
        case .drop: object.set("drop", .bool(true))
        case .stuckJob: object.set("job", "stuck")
        case .failJob(let message): object.set("job", "fail"); object.set("message", .string(message))
        }
        if delayMs > 0 { object.set("delay_ms", .number(delayMs)) }
        object.set("times", remaining.map { .number($0) } ?? .null)
        object.set("probability", .double(probability))
        object.set("hits", .number(hits))
        return .object(object)
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same hits, run after run.
struct SplitMix64: Sendable {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
