import Foundation
import HTTPServer
import QTestStore

/// `GET /__emulator/webhooks/deliveries`: what the emulator queued for each webhook and every
/// attempt to send it (webhook, event, URL, status or error, duration, attempt number), newest
/// delivery first, filtered by `webhook` (id), `event` and `outcome` (`pending`, `delivered`,
/// `failed`, `cancelled`), at most `limit` (1000 unless told). A reset clears them.
enum WebhookDeliveryRoutes {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.add("GET", "/__emulator/webhooks/deliveries", access: .open) { context in
            var filter = WebhookDeliveryFilter()
            filter.webhookId = try context.queryInt("webhook")
            if let event = context.queryString("event") {
                filter.event = WebhookEvents.canonical(event) ?? event
            }
            if let outcome = context.queryString("outcome") {
                guard let state = WebhookDeliveryState(rawValue: outcome.lowercased()) else {
                    throw APIError.badRequest("Query parameter 'outcome' must be pending, delivered, failed or cancelled")
                }
                filter.state = state
            }
            if let limit = try context.queryInt("limit") {
                guard (1...100_000).contains(limit) else { throw APIError.badRequest("Query parameter 'limit' must be between 1 and 100000") }
                filter.limit = Int(limit)
            }
            let page = try app.read { db in try WebhookDeliveries.list(db, filter) }
            return .json(200, ["total": .number(page.total), "items": .array(page.items.map(encode))] as JSON)
        }
    }

    static func encode(_ item: (delivery: WebhookDeliveryRecord, attempts: [WebhookAttemptRecord])) -> JSON {
        let d = item.delivery
        let attempts: [JSON] = item.attempts.map { a in
            [
                "attempt": .number(a.attempt),
                "url": .string(a.url),
                "status": a.status.map { .number($0) } ?? .null,
                "error": .optional(a.error),
                "duration_ms": .double(a.durationMs),
                "date": Wire.date(a.attemptedDate),
            ] as JSON
        }
        return [
            "id": .int(d.id),
            "webhook_id": .int(d.webhookId),
            "event": .string(d.event),
            "project_id": .int(d.projectId),
            "object_id": .int(d.objectId),
            "outcome": .string(d.state.rawValue),
            "attempt_count": .number(d.attempts),
            "queued_date": Wire.date(d.queuedDate),
            "next_attempt_date": d.state == .pending && d.dueAt > 0 ? Wire.date(Date(timeIntervalSince1970: d.dueAt)) : .null,
            "payload": (try? JSON.parse(Data(d.payload.utf8))) ?? .string(d.payload),
            "attempts": .array(attempts),
        ]
    }
}
