import GRDB

/// The triggers that queue webhook deliveries: each writes, in the statement (so the
/// transaction) of a change, one `webhook_deliveries` row per webhook subscribed to the event in
/// the object's project, with the body to send.
///
/// Triggers rather than calls in each store operation, as for histories: every path that
/// changes these tables (single-object routes, automation uploads and their multi-row INSERTs,
/// Tosca imports, cascading deletes) queues its events without being touched, and a rolled-back
/// request queues none. A trigger exists only while some webhook subscribes to its event
/// (``sync(_:)``, run by every change of webhooks), so a store without webhooks, or with webhooks
/// for other events, pays nothing for them; the one subscribed pays one insert per event.
///
/// What counts as one event:
/// - one per object, webhook, event and write transaction (a unique key on the outbox: a case
///   update that renames it and edits three steps is one `testcase_updated`);
/// - an object created in a write has no `…_updated`, `…_modified` or `testcase_approved` in
///   that write (its `created` history row of the write says so): an upload that creates a run
///   and sets its status is one `testrun_created`;
/// - an object deleted in a write has no update events in that write (a deletion removes its
///   properties and steps first);
/// - objects of a project being deleted send nothing (there is no `project_deleted`);
/// - a link is one `requirement_linked` (or `defect_linked`) per link, naming the other end in
///   `linked_object`.
///
/// Payload: `{"event_timestamp": <ms since 1970, store clock>, "event_type": "<event>",
/// "<object>": {"id", "project_id", …}}`, the object keyed `project`, `testcase`, `testrun`
/// (adds `test_case_id`), `testlog` (adds `test_run_id`), `requirement` or `defect`.
///
/// ```swift
/// try WebhookTriggers.sync(db)   // after subscriptions changed: creates and drops triggers
/// ```
public enum WebhookTriggers {
    /// Makes the triggers that exist exactly those the subscribed events need (and as this
    /// version of the store writes them).
    public static func sync(_ db: Database) throws {
        let events = Set(try String.fetchAll(db, sql: "SELECT DISTINCT event FROM webhook_subscriptions"))
        var wanted: [String: String] = [:]
        for spec in specs where !events.isDisjoint(with: spec.events) { wanted[spec.name] = spec.sql }
        var existing: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'webhook%'") {
            let name: String = row["name"]
            guard name.hasPrefix(prefix) else { continue }
            existing[name] = row["sql"]
        }
        for (name, sql) in existing where wanted[name] != sql {
            try db.execute(sql: "DROP TRIGGER \(name)")
        }
        for (name, sql) in wanted.sorted(by: { $0.key < $1.key }) where existing[name] != sql {
            try db.execute(sql: sql)
        }
    }

    /// The names of the delivery triggers present, sorted (for tests and diagnostics).
    public static func installed(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").filter { $0.hasPrefix(prefix) }
    }

    static let prefix = "webhook_event_"

    // MARK: What each trigger sends

    /// An object a payload names: its key there, its table, its kind in histories, the column
    /// holding its project, and the members beyond `id` and `project_id`.
    struct Subject {
        let key: String
        let table: String
        let historyKind: String?
        let projectColumn: String
        let members: [String]
    }

    static let project = Subject(key: "project", table: "projects", historyKind: nil, projectColumn: "id", members: [])
    static let testCase = Subject(key: "testcase", table: "test_cases", historyKind: "test-cases", projectColumn: "project_id", members: [])
    static let testRun = Subject(key: "testrun", table: "test_runs", historyKind: "test-runs", projectColumn: "project_id", members: ["test_case_id"])
    static let testLog = Subject(key: "testlog", table: "test_logs", historyKind: "test-logs", projectColumn: "project_id", members: ["test_run_id"])
    static let requirement = Subject(key: "requirement", table: "requirements", historyKind: "requirements", projectColumn: "project_id", members: [])
    static let defect = Subject(key: "defect", table: "defects", historyKind: "defects", projectColumn: "project_id", members: [])

    /// How a trigger reaches its subject: the changed row is the subject (`NEW`/`OLD`), or the
    /// SQL expression gives the subject's id (a step → its test case).
    enum Reference {
        case row(String)
        case id(String)
    }

    /// A trigger and the events whose subscription needs it.
    struct Installed {
        let name: String
        let events: Set<String>
        let sql: String
    }

    /// A trigger that queues one event.
    struct Spec {
        let name: String
        let event: String
        /// `INSERT ON t`, `UPDATE ON t`, `DELETE ON t`.
        let on: String
        let when: String?
        let subject: Subject
        let reference: Reference
        /// Skips a subject created earlier in the same write (updates of a new object).
        let afterCreation: Bool
        /// The other end of a link: SQL for its type and id.
        let linked: (type: String, id: String)?

        var sql: String {
            let id: String, project: String, members: [String]
            switch reference {
            case .row(let row):
                id = "\(row).id"
                project = "\(row).\(subject.projectColumn)"
                members = subject.members.map { "'\($0)', \(row).\($0)" }
            case .id(let expression):
                id = "(\(expression))"
                project = "(SELECT \(subject.projectColumn) FROM \(subject.table) WHERE id = \(id))"
                members = subject.members.map { "'\($0)', (SELECT \($0) FROM \(subject.table) WHERE id = \(id))" }
            }
            // The store clock's reading for this write (``HistoryContext``), as text and as ms.
            let now = "COALESCE(ctx.now, strftime('%Y-%m-%d %H:%M:%f', 'now'))"
            let millis = "(CAST(strftime('%s', \(now)) AS INTEGER) * 1000 + CAST(substr(\(now), 21, 3) AS INTEGER))"
            let object = "json_object(" + (["'id', \(id)", "'project_id', \(project)"] + members).joined(separator: ", ") + ")"
            var payload = "json_object('event_timestamp', \(millis), 'event_type', '\(event)', '\(subject.key)', \(object)"
            if let linked { payload += ", 'linked_object', json_object('type', \(linked.type), 'id', \(linked.id))" }
            payload += ")"
            var conditions = ["ctx.webhooks_muted = 0", "EXISTS (SELECT 1 FROM projects WHERE id = \(project))"]
            if afterCreation, let kind = subject.historyKind {
                conditions.append("""
                    NOT EXISTS (SELECT 1 FROM histories h WHERE h.project_id = \(project) AND h.object_type = '\(kind)' \
                    AND h.object_id = \(id) AND h.write_id = ctx.write_id AND h.description = 'created')
                    """)
            }
            return """
                CREATE TRIGGER \(name) AFTER \(on)\(when.map { " WHEN \($0)" } ?? "") BEGIN
                INSERT OR IGNORE INTO webhook_deliveries (webhook_id, event, project_id, object_id, linked_type, linked_id, write_id, payload, queued_date)
                SELECT s.webhook_id, '\(event)', \(project), \(id), \(linked?.type ?? "''"), \(linked?.id ?? "0"), ctx.write_id, \(payload), \(now)
                FROM history_context ctx JOIN webhook_subscriptions s ON s.event = '\(event)' AND (s.project_id = \(project) OR s.project_id IS NULL)
                WHERE \(conditions.joined(separator: " AND "));
                END
                """
        }
    }

    /// `OLD.a IS NOT NEW.a OR …`: an update that changes one of `columns`.
    static func changes(_ columns: [String]) -> String {
        columns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
    }

    /// A trigger that drops the updates an object got earlier in the write that deletes it: a
    /// deletion removes properties and steps first, which are no change anyone should hear of.
    static func purge(_ table: String, _ events: [String]) -> Installed {
        let list = events.map { "'\($0)'" }.joined(separator: ", ")
        return Installed(name: prefix + table + "_purge", events: Set(events), sql: """
            CREATE TRIGGER \(prefix)\(table)_purge AFTER DELETE ON \(table) BEGIN
            DELETE FROM webhook_deliveries WHERE write_id = (SELECT write_id FROM history_context) AND object_id = OLD.id \
            AND linked_type = '' AND event IN (\(list)) AND state = 'pending' AND attempts = 0;
            END
            """)
    }

    static let specs: [Installed] = {
        var specs: [Installed] = []
        func add(_ name: String, _ event: String, _ on: String, when: String? = nil, _ subject: Subject, _ reference: Reference,
                 afterCreation: Bool = false, linked: (type: String, id: String)? = nil) {
            let spec = Spec(name: prefix + name, event: event, on: on, when: when, subject: subject, reference: reference,
                            afterCreation: afterCreation, linked: linked)
            specs.append(Installed(name: spec.name, events: [event], sql: spec.sql))
        }
        // Projects.
        add("projects_insert", "project_created", "INSERT ON projects", project, .row("NEW"))
        add("projects_update", "project_updated", "UPDATE ON projects",
            when: changes(["name", "description", "start_date", "end_date", "status_id", "sample", "automation", "template_id",
                           "x_explorer_access_level", "date_format"]), project, .row("NEW"))
        // Test cases: the case row, its versions (a new version, an approval, edited texts), its
        // steps and its properties (which live on its versions).
        let versionCase = "SELECT test_case_id FROM test_case_versions WHERE id = "
        add("test_cases_insert", "testcase_created", "INSERT ON test_cases", testCase, .row("NEW"))
        add("test_cases_update", "testcase_updated", "UPDATE ON test_cases", when: changes(["module_id", "automation_content"]),
            testCase, .row("NEW"), afterCreation: true)
        add("test_cases_delete", "testcase_deleted", "DELETE ON test_cases", testCase, .row("OLD"))
        add("test_case_versions_insert", "testcase_updated", "INSERT ON test_case_versions",
            when: "EXISTS (SELECT 1 FROM test_case_versions w WHERE w.test_case_id = NEW.test_case_id AND w.id != NEW.id)",
            testCase, .id("NEW.test_case_id"), afterCreation: true)
        add("test_case_versions_update", "testcase_updated", "UPDATE ON test_case_versions",
            when: changes(["name", "description", "precondition"]), testCase, .id("NEW.test_case_id"), afterCreation: true)
        add("test_case_versions_approve", "testcase_approved", "INSERT ON test_case_versions", when: "NEW.is_approved",
            testCase, .id("NEW.test_case_id"), afterCreation: true)
        add("test_case_versions_approve_update", "testcase_approved", "UPDATE ON test_case_versions",
            when: "NEW.is_approved AND NOT OLD.is_approved", testCase, .id("NEW.test_case_id"), afterCreation: true)
        add("test_steps_insert", "testcase_updated", "INSERT ON test_steps", testCase, .id(versionCase + "NEW.test_case_version_id"),
            afterCreation: true)
        add("test_steps_update", "testcase_updated", "UPDATE ON test_steps",
            when: changes(["description", "expected", "sort_order", "plain_value_text", "called_test_case_id", "parent_test_step_id"]),
            testCase, .id(versionCase + "NEW.test_case_version_id"), afterCreation: true)
        add("test_steps_delete", "testcase_updated", "DELETE ON test_steps", testCase, .id(versionCase + "OLD.test_case_version_id"),
            afterCreation: true)
        // Test runs and test logs (with their step logs).
        add("test_runs_insert", "testrun_created", "INSERT ON test_runs", testRun, .row("NEW"))
        add("test_runs_update", "testrun_updated", "UPDATE ON test_runs",
            when: changes(["name", "status_id", "parent_type", "release_id", "test_cycle_id", "test_suite_id", "test_case_version_id", "automation"]),
            testRun, .row("NEW"), afterCreation: true)
        add("test_runs_delete", "testrun_deleted", "DELETE ON test_runs", testRun, .row("OLD"))
        add("test_logs_insert", "testlog_submitted", "INSERT ON test_logs", testLog, .row("NEW"))
        add("test_logs_update", "testlog_modified", "UPDATE ON test_logs",
            when: changes(["name", "status_id", "note", "exe_start_date", "exe_end_date", "build_number", "build_url",
                           "planned_exe_time", "actual_exe_time"]), testLog, .row("NEW"), afterCreation: true)
        add("test_step_logs_insert", "testlog_modified", "INSERT ON test_step_logs", testLog, .id("NEW.test_log_id"), afterCreation: true)
        add("test_step_logs_update", "testlog_modified", "UPDATE ON test_step_logs",
            when: changes(["status_id", "description", "expected_result", "actual_result", "sort_order"]),
            testLog, .id("NEW.test_log_id"), afterCreation: true)
        add("test_step_logs_delete", "testlog_modified", "DELETE ON test_step_logs", testLog, .id("OLD.test_log_id"), afterCreation: true)
        // Requirements and defects.
        add("requirements_insert", "requirement_created", "INSERT ON requirements", requirement, .row("NEW"))
        add("requirements_update", "requirement_updated", "UPDATE ON requirements", when: changes(["name", "module_id"]),
            requirement, .row("NEW"), afterCreation: true)
        add("requirements_delete", "requirement_deleted", "DELETE ON requirements", requirement, .row("OLD"))
        add("defects_insert", "defect_submitted", "INSERT ON defects", defect, .row("NEW"))
        add("defects_update", "defect_modified", "UPDATE ON defects", defect, .row("NEW"), afterCreation: true)
        // Properties (field values) of runs, requirements, defects and test case versions.
        let valueOwners: [(kind: String, event: String, subject: Subject, id: (String) -> String)] = [
            ("test-runs", "testrun_updated", testRun, { "\($0).object_id" }),
            ("requirements", "requirement_updated", requirement, { "\($0).object_id" }),
            ("defects", "defect_modified", defect, { "\($0).object_id" }),
            ("test-case-versions", "testcase_updated", testCase, { versionCase + "\($0).object_id" }),
        ]
        for owner in valueOwners {
            let table = owner.kind.replacingOccurrences(of: "-", with: "_")
            add("field_values_insert_\(table)", owner.event, "INSERT ON field_values", when: "NEW.object_type = '\(owner.kind)'",
                owner.subject, .id(owner.id("NEW")), afterCreation: true)
            add("field_values_update_\(table)", owner.event, "UPDATE ON field_values",
                when: "NEW.object_type = '\(owner.kind)' AND OLD.value IS NOT NEW.value", owner.subject, .id(owner.id("NEW")), afterCreation: true)
            add("field_values_delete_\(table)", owner.event, "DELETE ON field_values", when: "OLD.object_type = '\(owner.kind)'",
                owner.subject, .id(owner.id("OLD")), afterCreation: true)
        }
        // Links with a requirement or a defect at either end.
        for (kind, subject, noun) in [("requirements", requirement, "requirement"), ("defects", defect, "defect")] {
            for (end, other) in [("source", "target"), ("target", "source")] {
                for (op, row, verb) in [("INSERT", "NEW", "linked"), ("DELETE", "OLD", "unlinked")] {
                    add("object_links_\(op.lowercased())_\(noun)_\(end)", "\(noun)_\(verb)", "\(op) ON object_links",
                        when: "\(row).\(end)_type = '\(kind)'", subject, .id("\(row).\(end)_id"),
                        linked: (type: "\(row).\(other)_type", id: "\(row).\(other)_id"))
                }
            }
        }
        specs.append(purge("test_cases", ["testcase_updated", "testcase_approved"]))
        specs.append(purge("test_runs", ["testrun_updated"]))
        specs.append(purge("test_logs", ["testlog_modified"]))
        specs.append(purge("requirements", ["requirement_updated"]))
        specs.append(purge("defects", ["defect_modified"]))
        return specs
    }()
}
