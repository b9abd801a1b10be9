// The SQL of migration "v11 webhooks": what a webhook subscribes to, the outbox of deliveries
// and the record of every attempt to send one.
//
// Deliveries are queued by triggers (see `WebhookTriggers`), in the statement, so the
// transaction, of the change that caused them: a rolled-back request queues nothing, and a
// committed one has its deliveries on disk with it. Those triggers are not part of this
// migration: they exist only while a webhook subscribes to one of their events (so a store
// without webhooks pays nothing on its bulk uploads), and the store creates and drops them as
// subscriptions change.

extension Schema {
    static let webhookSQL = """
    -- A webhook for every project: `projectIds` empty or holding 0 at registration.
    ALTER TABLE webhooks ADD COLUMN all_projects INTEGER NOT NULL DEFAULT 0;
    -- Set while a seed or an import loads: loaded objects are state, not events.
    ALTER TABLE history_context ADD COLUMN webhooks_muted INTEGER NOT NULL DEFAULT 0;

    -- One row per event and project a webhook listens to; project_id NULL: every project.
    -- Derived from `webhooks.events` and `webhook_projects` by the store on every change.
    CREATE TABLE webhook_subscriptions (
        id INTEGER PRIMARY KEY NOT NULL,
        event TEXT NOT NULL,
        project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
        webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE
    );
    CREATE INDEX webhook_subscriptions_event ON webhook_subscriptions(event, project_id);
    CREATE INDEX webhook_subscriptions_webhook ON webhook_subscriptions(webhook_id);
    CREATE INDEX webhook_subscriptions_project ON webhook_subscriptions(project_id);

    -- The outbox: one row per event and webhook. `payload` is the exact body sent. state:
    -- pending | delivered | failed (attempts used up, or a URL that cannot be sent to) |
    -- cancelled (the webhook was deleted first). `due_at`: wall-clock Unix seconds of the next
    -- attempt (0: at once). One event per object, webhook and write transaction (an update
    -- that touches a case's name and three of its steps is one testcase_updated).
    -- No foreign keys to webhooks or projects: the record outlives what it names.
    CREATE TABLE webhook_deliveries (
        id INTEGER PRIMARY KEY NOT NULL,
        webhook_id INTEGER NOT NULL,
        event TEXT NOT NULL,
        project_id INTEGER NOT NULL,
        object_id INTEGER NOT NULL,
        linked_type TEXT NOT NULL DEFAULT '',
        linked_id INTEGER NOT NULL DEFAULT 0,
        write_id INTEGER NOT NULL,
        payload TEXT NOT NULL,
        queued_date DATETIME NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at REAL NOT NULL DEFAULT 0,
        UNIQUE (write_id, webhook_id, event, object_id, linked_type, linked_id)
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, due_at);
    CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id);

    -- Every attempt: the URL it went to, the HTTP status or the error, how long it took.
    CREATE TABLE webhook_attempts (
        id INTEGER PRIMARY KEY NOT NULL,
        delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        url TEXT NOT NULL,
        status INTEGER,
        error TEXT,
        duration_ms REAL NOT NULL,
        attempted_date DATETIME NOT NULL
    );
    CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, attempt);
    """
}
