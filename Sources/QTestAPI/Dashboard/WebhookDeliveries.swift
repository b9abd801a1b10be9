import Foundation
import QTestStore

/// One webhook delivery as the dashboard's queue page lists it.
///
/// The dashboard does not know how webhooks are stored: the webhooks area hands it a
/// ``WebhookDeliveryReader`` that turns its deliveries into these rows (see
/// ``DashboardRoutes/register(in:app:deliveries:)``). Until one is installed the panel says
/// that webhooks are not available.
public struct WebhookDeliveryRow: Sendable, Equatable {
    /// What became of a delivery.
    public enum Outcome: String, Sendable {
        /// The receiver answered 2xx.
        case delivered
        /// Given up on: the receiver answered otherwise or could not be reached, retries spent.
        case failed
        /// Not sent yet, or waiting for a retry.
        case pending
    }

    public var id: Int64
    /// The webhook's name (or its id as text).
    public var webhook: String
    /// Where it was sent.
    public var url: String
    /// The qTest event (`testlog_submitted`, …).
    public var event: String
    public var outcome: Outcome
    /// Attempts made so far.
    public var attempts: Int
    /// The receiver's last status code, nil when none answered.
    public var responseStatus: Int?
    /// Why the last attempt failed (connection refused, timeout …), nil when it did not.
    public var error: String?
    /// When the event happened (by the emulator's clock).
    public var createdDate: Date
    /// When the last attempt was made, nil before the first.
    public var lastAttemptDate: Date?

    public init(id: Int64, webhook: String, url: String, event: String, outcome: Outcome, attempts: Int, responseStatus: Int? = nil,
                error: String? = nil, createdDate: Date, lastAttemptDate: Date? = nil) {
        self.id = id; self.webhook = webhook; self.url = url; self.event = event; self.outcome = outcome; self.attempts = attempts
        self.responseStatus = responseStatus; self.error = error; self.createdDate = createdDate; self.lastAttemptDate = lastAttemptDate
    }
}

/// Reads the latest `limit` webhook deliveries, newest first, in a read transaction of the store.
public typealias WebhookDeliveryReader = @Sendable (_ db: StoreDatabase, _ limit: Int) throws -> [WebhookDeliveryRow]

/// The webhook deliveries panel of the queue page.
enum WebhookDeliveriesPanel {
    static let limit = 50

    /// The panel for `rows`, or for "no reader installed" when `rows` is nil.
    static func render(_ rows: [WebhookDeliveryRow]?) -> HTML {
        guard let rows else {
            return "<p class=\"muted\" id=\"webhooks-unavailable\">Webhook deliveries are not available in this build.</p>"
        }
        guard !rows.isEmpty else { return "<p class=\"muted\">No webhook deliveries yet.</p>" }
        let lines = rows.map { row -> HTML in
            let answer: HTML = row.responseStatus.map { "<span class=\"http\($0 / 100)\">\($0)</span>" } ?? "<span class=\"muted\">no answer</span>"
            let error: HTML = row.error.map { "<div class=\"failed\">\($0)</div>" } ?? .empty
            return """
                <tr class="delivery"><td class="pid">\(row.id)</td><td>\(row.webhook)<div class="muted"><code>\(row.url)</code></div></td>
                <td><code>\(row.event)</code></td><td class="\(row.outcome.rawValue)">\(row.outcome.rawValue)</td>
                <td>\(answer)\(error)</td><td>\(row.attempts)</td><td>\(DashboardFormat.date(row.createdDate))</td>
                <td>\(row.lastAttemptDate.map(DashboardFormat.date) ?? "—")</td></tr>
                """
        }
        return """
            <table class="deliveries"><thead><tr><th>id</th><th>webhook</th><th>event</th><th>outcome</th><th>answer</th>\
            <th>attempts</th><th>event time</th><th>last attempt</th></tr></thead><tbody>\(lines)</tbody></table>
            """
    }
}
