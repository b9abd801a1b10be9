// The first migrations' SQL for requirements and defects, the artifacts shared by every object
// (comments, links, attachments, histories), webhooks and the job queue.
// Kept apart from `Schema.swift` (the migrator) because it is long; migrations are
// append-only, so this text never changes once released.

extension Schema {
    static let trackingSQL = """
    CREATE TABLE requirements (
        \(SchemaColumns.projectKey)
        pid TEXT NOT NULL,
        module_id INTEGER REFERENCES modules(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        \(SchemaColumns.sortedAudit)
    );
    CREATE INDEX requirements_module ON requirements(module_id);

    -- Summary, description, status … are field values (properties).
    CREATE TABLE defects (
        \(SchemaColumns.projectKey)
        pid TEXT NOT NULL,
        submitter_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        last_modified_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        submitted_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (project_id, pid)
    );
    CREATE INDEX defects_submitter ON defects(submitter_id);
    CREATE INDEX defects_modifier ON defects(last_modified_user_id);
    CREATE INDEX defects_last_modified ON defects(project_id, last_modified_date);
    """

    static let sharedSQL = """
    CREATE TABLE comments (
        \(SchemaColumns.projectObjectKey)
        content TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created DATETIME NOT NULL,
        updated DATETIME NOT NULL
    );
    CREATE INDEX comments_object ON comments(object_type, object_id);
    CREATE INDEX comments_project ON comments(project_id);
    CREATE INDEX comments_user ON comments(user_id);

    -- Links between artifacts (requirement ↔ test case, test run/log ↔ defect …).
    CREATE TABLE object_links (
        \(SchemaColumns.projectKey)
        source_type TEXT NOT NULL,
        source_id INTEGER NOT NULL,
        target_type TEXT NOT NULL,
        target_id INTEGER NOT NULL,
        link_type TEXT NOT NULL DEFAULT '',
        created_date DATETIME NOT NULL,
        UNIQUE (source_type, source_id, target_type, target_id, link_type)
    );
    CREATE INDEX object_links_target ON object_links(target_type, target_id);
    CREATE INDEX object_links_project ON object_links(project_id);

    CREATE TABLE attachments (
        \(SchemaColumns.projectObjectKey)
        name TEXT NOT NULL,
        content_type TEXT NOT NULL DEFAULT 'application/octet-stream',
        data BLOB NOT NULL,
        size INTEGER NOT NULL,
        author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL
    );
    CREATE INDEX attachments_object ON attachments(object_type, object_id);
    CREATE INDEX attachments_project ON attachments(project_id);
    CREATE INDEX attachments_author ON attachments(author_id);

    CREATE TABLE histories (
        \(SchemaColumns.projectObjectKey)
        author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        description TEXT NOT NULL DEFAULT '',
        changes TEXT NOT NULL DEFAULT '[]',
        created DATETIME NOT NULL
    );
    CREATE INDEX histories_object ON histories(object_type, object_id);
    CREATE INDEX histories_project ON histories(project_id, created);
    CREATE INDEX histories_author ON histories(author_id);
    """

    static let webhooksJobsSQL = """
    CREATE TABLE webhooks (
        id INTEGER PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        url TEXT NOT NULL,
        secret_key TEXT,
        response_type TEXT NOT NULL DEFAULT 'json',
        events TEXT NOT NULL DEFAULT '[]',
        owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL
    );
    CREATE INDEX webhooks_owner ON webhooks(owner_id);
    \(SchemaColumns.links("webhook_projects", ("webhook_id", "webhooks"), ("project_id", "projects")))

    -- Batch-submission queue (QueueProcessingResponse). state: PENDING | IN_WAITING |
    -- IN_PROCESSING | FAILED | SUCCESS.
    CREATE TABLE jobs (
        \(SchemaColumns.projectKey)
        user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        type TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'PENDING',
        request_json TEXT NOT NULL,
        content TEXT,
        content_type TEXT,
        created_date DATETIME NOT NULL,
        updated_date DATETIME NOT NULL
    );
    CREATE INDEX jobs_project ON jobs(project_id);
    CREATE INDEX jobs_state ON jobs(state, id);
    CREATE INDEX jobs_user ON jobs(user_id);
    """
}
