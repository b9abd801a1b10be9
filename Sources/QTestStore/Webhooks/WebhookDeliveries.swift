import Foundation
import GRDB

/// Where a delivery stands.
public enum WebhookDeliveryState: String, Codable, Sendable, CaseIterable {
    /// Queued, or waiting for its next attempt.
    case pending
    /// A 2xx answered one attempt.
    case delivered
    /// Every attempt failed, or the URL is one the emulator does not send to.
    case failed
    /// The webhook was deleted before the delivery was made.
    case cancelled
}

/// One event for one webhook, queued by the delivery triggers (see ``WebhookTriggers``).
public struct WebhookDeliveryRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var webhookId: Int64
    public var event: String
    public var projectId: Int64
    public var objectId: Int64
    /// The other end of a link event (`test-cases`, …), empty otherwise.
    public var linkedType: String
    public var linkedId: Int64
    /// The write transaction that queued it.
    public var writeId: Int64
    /// The exact body every attempt sends.
    public var payload: String
    public var queuedDate: Date
    public var state: WebhookDeliveryState
    /// Attempts made so far.
    public var attempts: Int
    /// Wall-clock Unix seconds of the next attempt (0: at once).
    public var dueAt: Double
}

/// One attempt to send a delivery.
public struct WebhookAttemptRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var deliveryId: Int64
    /// 1 for the first attempt.
    public var attempt: Int
    /// Where it went (the webhook's URL when it was made).
    public var url: String
    /// The receiver's HTTP status, nil when there was none (see `error`).
    public var status: Int?
    /// Why there was no 2xx: a refused connection, a timeout, a non-2xx status.
    public var error: String?
    public var durationMs: Double
    public var attemptedDate: Date
}

/// A delivery to make now, with what its webhook says at this moment.
public struct DueDelivery: Sendable, Equatable {
    public var delivery: WebhookDeliveryRecord
    public var url: String
    public var secretKey: String?
    public var responseType: String
}

/// What an attempt came to, for ``WebhookDeliveries/record(_:_:attempt:url:status:error:durationMs:outcome:at:)``.
public enum WebhookAttemptOutcome: Sendable, Equatable {
    case delivered
    /// Try again at this wall-clock Unix time.
    case retry(dueAt: Double)
    case failed
}

/// Which deliveries ``WebhookDeliveries/list(_:_:)`` returns.
public struct WebhookDeliveryFilter: Sendable, Equatable {
    public var webhookId: Int64?
    public var event: String?
    public var state: WebhookDeliveryState?
    public var limit: Int

    /// Creates a filter (newest first, at most `limit`).
    public init(webhookId: Int64? = nil, event: String? = nil, state: WebhookDeliveryState? = nil, limit: Int = 1000) {
        self.webhookId = webhookId; self.event = event; self.state = state; self.limit = limit
    }
}

/// The outbox: deliveries to make, the attempts made, and the record of both.
///
/// ```swift
/// let due = try WebhookDeliveries.due(db, at: Date().timeIntervalSince1970, limit: 8)
/// try WebhookDeliveries.record(db, due[0].delivery.id, attempt: 1, url: due[0].url, status: 200, error: nil,
///                              durationMs: 3.1, outcome: .delivered, at: now)
/// ```
public enum WebhookDeliveries {
    /// The newest delivery's id (0 for none): compared before and after a write, it tells
    /// whether the write queued deliveries without reading them.
    public static func lastID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) FROM webhook_deliveries")) ?? 0
    }

    /// Pending deliveries due by `wallTime` (oldest due first), leaving out `excluding` (those in
    /// flight), with their webhook's URL, key and response type.
    public static func due(_ db: Database, at wallTime: Double, limit: Int, excluding: Set<Int64> = []) throws -> [DueDelivery] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.*, w.url AS hook_url, w.secret_key AS hook_secret, w.response_type AS hook_type
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.state = 'pending' AND d.due_at <= ? ORDER BY d.due_at, d.id LIMIT ?
            """, arguments: [wallTime, limit + excluding.count])
        return try rows.compactMap { row in
            let delivery = try WebhookDeliveryRecord(row: row)
            guard !excluding.contains(delivery.id) else { return nil }
            return DueDelivery(delivery: delivery, url: row["hook_url"], secretKey: row["hook_secret"], responseType: row["hook_type"])
        }.prefix(limit).map { $0 }
    }

    /// The wall-clock time the next pending delivery is due, nil when none is pending.
    public static func nextDue(_ db: Database, excluding: Set<Int64> = []) throws -> Double? {
        guard excluding.isEmpty else {
            let ids = excluding.map(String.init).joined(separator: ",")
            return try Double.fetchOne(db, sql: "SELECT MIN(due_at) FROM webhook_deliveries WHERE state = 'pending' AND id NOT IN (\(ids))")
        }
        return try Double.fetchOne(db, sql: "SELECT MIN(due_at) FROM webhook_deliveries WHERE state = 'pending'")
    }

    /// Records attempt `attempt` of delivery `id` and moves the delivery on (unless it is no
    /// longer pending: its webhook was deleted meanwhile).
    public static func record(_ db: Database, _ id: Int64, attempt: Int, url: String, status: Int?, error: String?, durationMs: Double,
                              outcome: WebhookAttemptOutcome, at now: Date) throws {
        guard try WebhookDeliveryRecord.exists(db, key: id) else { return }
        try db.execute(sql: """
            INSERT INTO webhook_attempts (delivery_id, attempt, url, status, error, duration_ms, attempted_date) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, attempt, url, status, error, durationMs, StorageDate.text(now)])
        let state: WebhookDeliveryState, due: Double
        switch outcome {
        case .delivered: (state, due) = (.delivered, 0)
        case .retry(let at): (state, due) = (.pending, at)
        case .failed: (state, due) = (.failed, 0)
        }
        try db.execute(sql: "UPDATE webhook_deliveries SET attempts = ?, state = ?, due_at = ? WHERE id = ? AND state = 'pending'",
                       arguments: [attempt, state.rawValue, due, id])
    }

    /// Makes every pending delivery due at `wallTime` (at startup: waits for retries measured
    /// in the wall time of a process that is gone mean nothing). Returns how many are pending.
    @discardableResult
    public static func resumeAll(_ db: Database, at wallTime: Double) throws -> Int {
        try db.execute(sql: "UPDATE webhook_deliveries SET due_at = ? WHERE state = 'pending' AND due_at > ?", arguments: [wallTime, wallTime])
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'pending'") ?? 0
    }

    /// Counts of deliveries by state.
    public static func countsByState(_ db: Database) throws -> [WebhookDeliveryState: Int] {
        var counts: [WebhookDeliveryState: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM webhook_deliveries GROUP BY state") {
            if let state = WebhookDeliveryState(rawValue: row["state"]) { counts[state] = row["n"] }
        }
        return counts
    }

    /// Deliveries matching `filter`, newest first, each with its attempts in order; and how many match.
    public static func list(_ db: Database, _ filter: WebhookDeliveryFilter) throws
        -> (total: Int, items: [(delivery: WebhookDeliveryRecord, attempts: [WebhookAttemptRecord])]) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let id = filter.webhookId { conditions.append("webhook_id = ?"); arguments += [id] }
        if let event = filter.event { conditions.append("event = ?"); arguments += [event] }
        if let state = filter.state { conditions.append("state = ?"); arguments += [state.rawValue] }
        let whereSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhook_deliveries \(whereSQL)", arguments: arguments) ?? 0
        let deliveries = try WebhookDeliveryRecord.fetchAll(db, sql: "SELECT * FROM webhook_deliveries \(whereSQL) ORDER BY id DESC LIMIT ?",
                                                            arguments: arguments + [filter.limit])
        guard !deliveries.isEmpty else { return (total, []) }
        let ids = deliveries.map { String($0.id) }.joined(separator: ",")
        let attempts = try WebhookAttemptRecord.fetchAll(db, sql: """
            SELECT * FROM webhook_attempts WHERE delivery_id IN (\(ids)) ORDER BY delivery_id, attempt, id
            """)
        let byDelivery = Dictionary(grouping: attempts, by: \.deliveryId)
        return (total, deliveries.map { ($0, byDelivery[$0.id] ?? []) })
    }
}
