import GRDB

/// The database schema, as named, append-only migrations.
///
/// Never edit a shipped migration: add a new one (`"v2 …"`) to change the schema.
/// Conventions: every object `id` is an INTEGER primary key from ``IDs``; PIDs are
/// `TEXT` unique per project; timestamps are GRDB dates (`yyyy-MM-dd HH:mm:ss.SSS`, UTC);
/// every parent/lookup column has a foreign key and an index; field values of any
/// object live in `field_values (object_type, object_id, field_id, value)`.
public enum Schema {
    /// All migrations, in order.
    public static var migrator: DatabaseMigrator {
        // Every migration only creates tables or adds nullable columns, so the deferred
        // whole-database foreign-key check GRDB runs after each one finds nothing; skipping it
        // keeps a fresh in-memory start in the low milliseconds.
        var m = DatabaseMigrator()
        m.registerMigration("v1 sequences", foreignKeyChecks: .immediate) { db in try db.execute(sql: sequencesSQL) }
        m.registerMigration("v1 identity", foreignKeyChecks: .immediate) { db in try db.execute(sql: identitySQL) }
        m.registerMigration("v1 fields", foreignKeyChecks: .immediate) { db in try db.execute(sql: fieldsSQL) }
        m.registerMigration("v1 test design", foreignKeyChecks: .immediate) { db in try db.execute(sql: designSQL) }
        m.registerMigration("v1 test execution", foreignKeyChecks: .immediate) { db in try db.execute(sql: executionSQL) }
        m.registerMigration("v1 requirements and defects", foreignKeyChecks: .immediate) { db in try db.execute(sql: trackingSQL) }
        m.registerMigration("v1 shared artifacts", foreignKeyChecks: .immediate) { db in try db.execute(sql: sharedSQL) }
        m.registerMigration("v1 webhooks and jobs", foreignKeyChecks: .immediate) { db in try db.execute(sql: webhooksJobsSQL) }
        // Parameter values a run was created with (assign-parameter-values), as JSON text.
        m.registerMigration("v2 test run parameter values", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: "ALTER TABLE test_runs ADD COLUMN parameter_values TEXT")
        }
        // The fingerprint automation uploads use to find a test case again.
        m.registerMigration("v3 test case automation content", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                ALTER TABLE test_cases ADD COLUMN automation_content TEXT;
                CREATE INDEX test_cases_automation_content ON test_cases(project_id, automation_content);
                """)
        }
        // Automation agents (per project), the schedules created to run them, and the Tosca
        // unique ids that let a Tosca import find its cycles, cases and runs again.
        m.registerMigration("v4 automation agents, schedules and Tosca ids", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE TABLE automation_agents (
                    \(SchemaColumns.projectKey)
                    name TEXT NOT NULL,
                    host_id INTEGER NOT NULL,
                    host_name TEXT NOT NULL,
                    framework TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT 1,
                    configuration TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX automation_agents_project ON automation_agents(project_id);
                CREATE TABLE automation_schedules (
                    \(SchemaColumns.projectKey)
                    agent_id INTEGER NOT NULL REFERENCES automation_agents(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                    start_date DATETIME NOT NULL,
                    test_run_ids TEXT NOT NULL DEFAULT '[]',
                    dynamic TEXT NOT NULL DEFAULT '{}',
                    created_date DATETIME NOT NULL
                );
                CREATE INDEX automation_schedules_project ON automation_schedules(project_id);
                CREATE INDEX automation_schedules_agent ON automation_schedules(agent_id);
                ALTER TABLE test_cycles ADD COLUMN tosca_unique_id TEXT;
                ALTER TABLE test_cycles ADD COLUMN tosca_node_path TEXT;
                CREATE INDEX test_cycles_tosca ON test_cycles(project_id, tosca_unique_id);
                CREATE INDEX test_runs_tosca ON test_runs(project_id, tosca_guid);
                CREATE INDEX test_cases_tosca ON test_cases(project_id, tosca_guid);
                """)
        }
        // Children are appended at MAX(sort_order) + 1 of their parent; with an index on the
        // parent column alone that lookup visits every sibling, which made large automation
        // uploads quadratic. (parent, sort_order) answers it from the index.
        m.registerMigration("v5 sibling order indexes", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                DROP INDEX test_cases_module;
                CREATE INDEX test_cases_module_order ON test_cases(module_id, sort_order);
                DROP INDEX test_runs_suite;
                DROP INDEX test_runs_cycle;
                DROP INDEX test_runs_release;
                CREATE INDEX test_runs_suite_order ON test_runs(test_suite_id, sort_order);
                CREATE INDEX test_runs_cycle_order ON test_runs(test_cycle_id, sort_order);
                CREATE INDEX test_runs_release_order ON test_runs(release_id, sort_order);
                CREATE INDEX test_runs_root_order ON test_runs(project_id, parent_type, sort_order);
                DROP INDEX test_suites_cycle;
                DROP INDEX test_suites_release;
                CREATE INDEX test_suites_cycle_order ON test_suites(test_cycle_id, sort_order);
                CREATE INDEX test_suites_release_order ON test_suites(release_id, sort_order);
                CREATE INDEX test_suites_root_order ON test_suites(project_id, parent_type, sort_order);
                DROP INDEX test_cycles_parent;
                DROP INDEX test_cycles_release;
                CREATE INDEX test_cycles_parent_order ON test_cycles(parent_cycle_id, sort_order);
                CREATE INDEX test_cycles_release_order ON test_cycles(release_id, sort_order);
                CREATE INDEX test_cycles_root_order ON test_cycles(project_id, parent_type, sort_order);
                DROP INDEX modules_parent;
                CREATE INDEX modules_parent_order ON modules(parent_id, sort_order);
                """)
        }
        // How many times the worker has started a job. It is written (committed) before the job
        // runs, so a job that kills the process every time it runs is recognised on the next
        // start and failed instead of being run forever (a crash loop with `--db`).
        m.registerMigration("v6 job attempts", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")
        }
        // Attachment bytes in a table of their own (see `attachmentBlobsSQL`). The copy keeps
        // every reference intact, so the skipped foreign-key check would find nothing here either.
        m.registerMigration("v7 attachment blobs", foreignKeyChecks: .immediate) { db in try db.execute(sql: attachmentBlobsSQL) }
        // The Jenkins plugin's per-job CI settings (see `ciSettingsSQL`).
        m.registerMigration("v8 CI settings", foreignKeyChecks: .immediate) { db in try db.execute(sql: ciSettingsSQL) }
        // Histories recorded by triggers in the transaction of each change, and the context
        // (write number, author, time) they read; see SchemaHistorySQL.swift.
        m.registerMigration("v9 recorded histories", foreignKeyChecks: .immediate) { db in try db.execute(sql: historySQL) }
        // Searches compare names and field values without regard to case: these indexes answer
        // `name = 'x'` on test cases and `'Automation Content' = 'x'` (the column uploads set,
        // or the field's value) by lookup instead of a scan. (field_id, value) also serves every
        // lookup by field_id alone. With test_case_id the name index also covers a `name ~ 'x'`
        // scan, which then reads the index instead of whole versions (a fifth less work).
        m.registerMigration("v10 search indexes", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE INDEX test_case_versions_name ON test_case_versions(name COLLATE NOCASE, test_case_id);
                CREATE INDEX test_cases_automation_content_nocase ON test_cases(automation_content COLLATE NOCASE);
                DROP INDEX field_values_field;
                CREATE INDEX field_values_field_value ON field_values(field_id, value COLLATE NOCASE);
                """)
        }
        // Webhook subscriptions, the delivery outbox and the record of attempts (see
        // SchemaWebhookSQL.swift; the triggers that fill the outbox are the store's, made and
        // dropped as subscriptions change).
        m.registerMigration("v11 webhooks", foreignKeyChecks: .immediate) { db in try db.execute(sql: webhookSQL) }
        // Jira connections of a project and their defect, requirement and release mappings
        // (IntegrationSettingsApi); see `integrationSQL`.
        m.registerMigration("v12 integration settings", foreignKeyChecks: .immediate) { db in try db.execute(sql: integrationSQL) }
        return m
    }

    /// Every table created by the migrations, children before parents (delete order).
    public static let tablesInDeleteOrder = [
        "integration_mappings", "integration_connections", "ci_settings", "automation_schedules", "automation_agents", "jobs", "webhook_attempts",
        "webhook_deliveries", "webhook_subscriptions", "webhook_projects", "webhooks",
        "histories", "object_links", "comments", "attachment_blobs", "attachments", "field_values",
        "test_step_logs", "test_logs", "test_runs", "test_suites", "test_cycles", "builds", "releases",
        "test_steps", "test_cases_current", "test_case_versions", "test_cases", "requirements", "defects", "modules",
        "execution_statuses", "field_allowed_values", "fields",
        "site_template_projects", "ldap_users", "ldap_configs", "user_group_members", "user_groups",
        "user_admin_profiles", "project_members", "tokens", "projects", "site_templates", "profiles", "users",
        "pid_sequences", "id_sequences",
    ]

    /// Deletes every row of every table (schema stays).
    public static func deleteAllRows(_ db: Database) throws {
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        // A DELETE of a whole tree table would otherwise cascade from each parent down its
        // chain, which SQLite stops after 1,000 levels.
        for tree in [TreeTable.modules, TreeTable.testCycles] where try db.tableExists(tree.table) {
            try tree.cutParentLinks(db, projectId: nil)
        }
        for table in tablesInDeleteOrder where try db.tableExists(table) {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        // No webhook is left, so none of the delivery triggers is needed.
        if try db.tableExists("webhook_subscriptions") { try WebhookTriggers.sync(db) }
    }
}
