import Foundation
import HTTPServer
import QTestStore

/// WebhookApi: the event names, and registering, reading, changing and deleting webhooks. Every
/// operation needs qTest's "Manage Webhooks" permission (site admins have it; an admin profile
/// grants it with `manage_webhooks`); others get 403. What is delivered, and when, is
/// ``WebhookDispatcher``'s.
enum WebhookRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.site("GET", "/api/v3/webhooks/events") { context in
            try requireManager(context)
            return .json(200, .array(WebhookEvents.all.map { .string($0) }))
        }

        table.site("GET", "/api/v3/webhooks") { context in
            try requireManager(context)
            return try context.read(answering: 200) { db in .array(try Webhooks.list(db).map(WebhookWire.encode)) }
        }

        table.site("POST", "/api/v3/webhooks") { context in
            try requireManager(context)
            let draft = try WebhookWire.draft(try context.jsonBody())
            return try context.write(answering: 201) { db in
                WebhookWire.encode(try Webhooks.create(db, draft, by: context.caller.userID, at: context.now))
            }
        }

        table.site("GET", "/api/v3/webhooks/{webhookId}") { context in
            try requireManager(context)
            let id = try webhookID(context)
            return try context.read(answering: 200) { db in WebhookWire.encode(try Webhooks.get(db, id)) }
        }

        table.site("PUT", "/api/v3/webhooks/{webhookId}") { context in
            try requireManager(context)
            let id = try webhookID(context)
            let patch = try WebhookWire.patch(try context.jsonBody())
            return try context.write(answering: 200) { db in WebhookWire.encode(try Webhooks.update(db, id, patch, at: context.now)) }
        }

        table.site("DELETE", "/api/v3/webhooks/{webhookId}") { context in
            try requireManager(context)
            let id = try webhookID(context)
            try context.write { db in try Webhooks.delete(db, id) }
            return .okMessage("Webhook \(id) was deleted")
        }
    }

    /// 403 unless the caller has "Manage Webhooks".
    static func requireManager(_ context: SiteRequest) throws {
        if context.caller.isSiteAdmin { return }
        guard try context.read({ db in try Webhooks.mayManage(db, userId: context.caller.userID) }) else {
            throw APIError.forbidden("You do not have the 'Manage Webhooks' permission")
        }
    }

    /// The path's webhook id: the spec types it as a string, but ids are numbers, so anything
    /// else names no webhook (404).
    static func webhookID(_ context: SiteRequest) throws -> Int64 {
        let raw = context.pathString("webhookId")
        guard let id = Int64(raw) else { throw APIError.notFound("Webhook '\(raw)' does not exist") }
        return id
    }
}
