import Foundation
import QTestStore

extension WebhookDeliveryRoutes {
    /// The dashboard's queue page reads the latest deliveries through this: each with its
    /// webhook's name, its last attempt's answer or error, and its outcome (a delivery
    /// cancelled because its webhook went away counts as failed, with that as the reason).
    static let dashboardRows: WebhookDeliveryReader = { db, limit in
        var filter = WebhookDeliveryFilter()
        filter.limit = limit
        let names = Dictionary(try Webhooks.list(db).map { ($0.record.id, $0.record.name) }, uniquingKeysWith: { first, _ in first })
        return try WebhookDeliveries.list(db, filter).items.map { item in
            let d = item.delivery
            let last = item.attempts.max { $0.attempt < $1.attempt }
            let outcome: WebhookDeliveryRow.Outcome = switch d.state {
            case .delivered: .delivered
            case .pending: .pending
            case .failed, .cancelled: .failed
            }
            return WebhookDeliveryRow(
                id: d.id, webhook: names[d.webhookId] ?? String(d.webhookId), url: last?.url ?? "", event: d.event,
                outcome: outcome, attempts: d.attempts, responseStatus: last?.status,
                error: d.state == .cancelled ? (last?.error ?? "cancelled: the webhook was deleted") : last?.error,
                createdDate: d.queuedDate, lastAttemptDate: last?.attemptedDate)
        }
    }
}
