import Foundation
import HTTPServer
import Synchronization

/// One request as the journal keeps it.
struct JournalEntry: Sendable {
    var sequence: Int64
    var time: Date
    var method: String
    var path: String
    var query: String
    /// `METHOD pattern` of the route that answered, nil for 404/405 and faults.
    var route: String?
    var status: Int
    var durationMs: Double
    /// The caller's username when the request carried a known token.
    var caller: String?
    /// Header fields as received; ``headers`` masks `Authorization`.
    var rawHeaders: HTTPHeaders
    /// The bodies' first bytes as received (enough for ``RequestJournal/bodyLimit``
    /// characters); ``requestBody`` and ``responseBody`` are their masked, cut text. Masking
    /// when read, not when recorded, keeps the journal's cost per request to a copy.
    var rawRequestBody: Data
    var rawResponseBody: Data
    var fault: Int64?

    /// Header fields, `Authorization` masked.
    var headers: [(String, String)] { RequestJournal.maskedHeaders(rawHeaders) }
    /// The request body as text, secrets masked, cut at ``RequestJournal/bodyLimit``.
    var requestBody: String { RequestJournal.text(rawRequestBody) }
    /// The response body as text, secrets masked, cut at ``RequestJournal/bodyLimit``.
    var responseBody: String { RequestJournal.text(rawResponseBody) }

    func json() -> JSON {
        [
            "sequence": .int(sequence),
            "time": Wire.date(time),
            "method": .string(method),
            "path": .string(path),
            "query": .string(query),
            "route": .optional(route),
            "status": .number(status),
            "duration_ms": .double((durationMs * 1000).rounded() / 1000),
            "caller": .optional(caller),
            "headers": .object(JSONObject(headers.map { ($0.0, JSON.string($0.1)) })),
            "request_body": .string(requestBody),
            "response_body": .string(responseBody),
            "fault_id": .optional(fault),
        ]
    }
}

/// The request journal: the last `capacity` requests a client made (control routes aside), so a
/// test can check what its client really sent ("exactly two upload batches"). A ring: old
/// entries fall off, memory stays bounded (bodies are kept up to ``keptBytes``). Secrets never
/// leave it in clear: `Authorization` values and passwords (form fields and JSON members) are
/// masked, bodies cut at ``bodyLimit`` characters, when entries are shown.
final class RequestJournal: Sendable {
    static let bodyLimit = 4096
    /// The body bytes an entry keeps: what ``text(_:)`` reads of a body, whatever its length.
    static let keptBytes = bodyLimit * 2

    /// The first ``keptBytes`` of `body` (shares its storage when it is no longer).
    static func kept(_ body: Data) -> Data {
        body.count <= keptBytes ? body : Data(body.prefix(keptBytes))
    }

    let capacity: Int
    private struct State {
        var entries: [JournalEntry] = []
        var next = 0
        var sequence: Int64 = 0
    }
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// Adds an entry (its `sequence` is set here). The entry is built by the caller, outside
    /// the lock: only the ring update is serialized.
    func record(_ entry: JournalEntry) {
        guard capacity > 0 else { return }
        var entry = entry
        state.withLock { s in
            s.sequence += 1
            entry.sequence = s.sequence
            if s.entries.count < capacity { s.entries.append(entry) } else { s.entries[s.next] = entry }
            s.next = (s.next + 1) % capacity
        }
    }

    var isOn: Bool { capacity > 0 }

    /// Newest first.
    func entries() -> [JournalEntry] {
        state.withLock { s in
            s.entries.count < capacity ? s.entries.reversed() : Array((s.entries[s.next...] + s.entries[..<s.next]).reversed())
        }
    }

    func clear() { state.withLock { $0.entries = []; $0.next = 0 } }

    /// How many entries it holds now.
    var count: Int { state.withLock { $0.entries.count } }

    /// The sequence number of the latest entry (0 before the first): what the dashboard polls
    /// to see that a request came in.
    var lastSequence: Int64 { state.withLock { $0.sequence } }

    // MARK: Masking

    static func maskedHeaders(_ headers: HTTPHeaders) -> [(String, String)] {
        headers.map { name, value in
            name.caseInsensitiveCompare("Authorization") == .orderedSame ? (name, mask(authorization: value)) : (name, value)
        }
    }

    /// `Bearer 9bbf04fd-…-7fc5ecff7bb8` → `Bearer 9bbf…7bb8`: enough to tell tokens apart.
    static func mask(authorization value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1)
        let secret = String(parts.last ?? "")
        let shown = secret.count > 8 ? "\(secret.prefix(4))…\(secret.suffix(4))" : "…"
        return parts.count == 2 ? "\(parts[0]) \(shown)" : shown
    }

    /// The body as text, secrets masked (passwords in forms and JSON, issued tokens in JSON, a
    /// Jira connection's `token` and OAuth secret and verifier), cut at ``bodyLimit``.
    static func text(_ body: Data) -> String {
        guard !body.isEmpty else { return "" }
        var text = String(decoding: body.prefix(bodyLimit * 2), as: UTF8.self)
        // Most bodies hold no secret: skip the regular expressions for them.
        if text.range(of: "password", options: .caseInsensitive) != nil || text.contains("_token") || text.contains("\"token\"")
            || text.contains("jiraSecret") || text.contains("jiraVerifier") {
            for (regex, template) in maskers {
                text = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
            }
        }
        return text.count > bodyLimit ? String(text.prefix(bodyLimit)) + "…" : text
    }

    /// Compiled once; matching with them is thread-safe.
    static let maskers: [(NSRegularExpression, String)] = [
        (#"(password=)[^&]*"#, "$1***"),
        (#"("(?:password|access_token|refresh_token|token|jiraSecret|jiraVerifier)"\s*:\s*")(?:[^"\\]|\\.)*(")"#, "$1***$2"),
    ].compactMap { pattern, template in
        (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])).map { ($0, template) }
    }
}
