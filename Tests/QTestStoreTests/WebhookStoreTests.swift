import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The delivery outbox: triggers exist only for subscribed events, queue in the writing
/// transaction (so not at all when it rolls back), and one event per object and write.
@Suite struct WebhookStoreTests {
    static func store() throws -> QTestDatabase {
        let store = try QTestDatabase()
        try store.write { db in try Seeder.load(try SeedFixture.decode(Data(DemoSeed.json.utf8)), into: db, at: store.clock.now()) }
        return store
    }

    @Test func triggersExistOnlyForSubscribedEvents() throws {
        let store = try Self.store()
        #expect(try store.read { db in try WebhookTriggers.installed(db) }.isEmpty, "no webhook, no trigger")
        let hook = try store.write { db in
            try Webhooks.create(db, WebhookDraft(name: "h", url: "http://127.0.0.1:9/", events: ["testlog_submitted", "defect_submited"],
                                                 projectIds: [108781]), by: nil, at: store.clock.now())
        }
        #expect(try store.read { db in try WebhookTriggers.installed(db) } ==
                ["webhook_event_defects_insert", "webhook_event_test_logs_insert"])
        // Syncing again changes no schema: the stored trigger text is the generated text.
        let version = try store.read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version") }
        try store.write { db in try WebhookTriggers.sync(db) }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version") } == version)
        try store.write { db in try Webhooks.delete(db, hook.record.id) }
        #expect(try store.read { db in try WebhookTriggers.installed(db) }.isEmpty)
    }

    @Test func everyTriggerCompiles() throws {
        let store = try Self.store()
        try store.write { db in
            try Webhooks.create(db, WebhookDraft(name: "all", url: "http://127.0.0.1:9/", events: WebhookEvents.all, projectIds: [0]),
                                by: nil, at: store.clock.now())
        }
        let installed = try store.read { db in try WebhookTriggers.installed(db) }
        #expect(installed.count == WebhookTriggers.specs.count)
        // A statement on each table runs every trigger body it has.
        try store.write { db in
            try db.execute(sql: "UPDATE projects SET name = name || '!' WHERE id = 108781")
            try db.execute(sql: "UPDATE requirements SET name = name || '!'")
            try db.execute(sql: "UPDATE test_runs SET name = name || '!'")
            try db.execute(sql: "UPDATE field_values SET value = value || ' ' WHERE object_type IN ('defects', 'test-runs', 'requirements', 'test-case-versions')")
        }
        let counts = try store.read { db in try WebhookDeliveries.countsByState(db) }
        #expect((counts[.pending] ?? 0) > 0)
    }

    @Test func aRolledBackWriteQueuesNothingAndAWriteQueuesOncePerObject() throws {
        let store = try Self.store()
        try store.write { db in
            try Webhooks.create(db, WebhookDraft(name: "h", url: "http://127.0.0.1:9/", events: ["project_updated", "requirement_updated"],
                                                 projectIds: [108781]), by: nil, at: store.clock.now())
        }
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.write { db in
                try db.execute(sql: "UPDATE projects SET name = 'x' WHERE id = 108781")
                throw Refused()
            }
        }
        #expect(try store.read { db in try WebhookDeliveries.lastID(db) } == 0)
        try store.write { db in
            try db.execute(sql: "UPDATE projects SET name = 'a' WHERE id = 108781")
            try db.execute(sql: "UPDATE projects SET description = 'b' WHERE id = 108781")
        }
        let page = try store.read { db in try WebhookDeliveries.list(db, WebhookDeliveryFilter()) }
        #expect(page.total == 1, "two changes of one project in one write: one event")
        let payload = try #require(page.items.first?.delivery.payload)
        #expect(payload.hasPrefix("{\"event_timestamp\":") && payload.hasSuffix("\"event_type\":\"project_updated\",\"project\":{\"id\":108781,\"project_id\":108781}}"),
                "\(payload)")
    }
}
