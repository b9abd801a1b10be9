import Foundation
import QTestStore

/// `GET /__emulator/journal?method=&path=&route=&status=&since=&limit=`: which entries to show.
/// `path` matches like a fault rule's (literal, `*`, `{name}`); `route` is the answering
/// route's `METHOD pattern` (or just the pattern); `status` a code or a class (`4xx`).
struct JournalFilter {
    var method: String?
    var path: String?
    var route: String?
    var status: String?
    var since: Date?
    var limit: Int

    init(_ context: some RequestReading) throws {
        method = context.queryString("method")
        path = context.queryString("path")
        route = context.queryString("route")
        status = context.queryString("status")
        if let status, !(status.count == 3 && status.allSatisfy { $0.isNumber || $0 == "x" || $0 == "X" }) {
            throw APIError.badRequest("Query parameter 'status' must be a status code (201) or class (4xx)")
        }
        if let text = context.queryString("since") {
            guard let date = QTestDate.parse(text) else { throw APIError.badRequest("Query parameter 'since' must be an ISO 8601 date") }
            since = date
        }
        let limit = try context.queryInt("limit") ?? 100
        guard limit >= 1 else { throw APIError.badRequest("Query parameter 'limit' must be at least 1") }
        self.limit = Int(clamping: limit)
    }

    func admits(_ entry: JournalEntry) -> Bool {
        if let method, method.caseInsensitiveCompare(entry.method) != .orderedSame { return false }
        if let path, !FaultRule.matches(pattern: path, entry.path) { return false }
        if let route {
            guard let answered = entry.route else { return false }
            if answered != route, !answered.hasSuffix(" " + route) { return false }
        }
        if let status {
            let code = String(entry.status)
            for (wanted, actual) in zip(status.lowercased(), code) where wanted != "x" && wanted != actual { return false }
        }
        if let since, entry.time < since { return false }
        return true
    }
}
