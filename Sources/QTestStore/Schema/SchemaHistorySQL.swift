// The SQL of migration "v7 recorded histories": triggers that write a `histories` row in the
// same statement (so the same transaction) as every insert, update and delete of releases,
// builds, cycles, suites, runs, logs, test cases (and their versions), requirements and
// defects, and of their field values.
//
// Triggers rather than calls in each store operation: every path that changes these tables
// (single-object routes, automation uploads and their multi-row INSERTs, Tosca imports,
// cascading deletes, seeds) is recorded without being touched, and a rolled-back request
// leaves no history. Each row records one change event; ``Histories`` groups the rows of one
// write transaction and one object into the one entry qTest shows (`write_id` says which
// transaction, from `history_context`, which ``QTestDatabase/write(_:)`` updates first).
//
// Frozen with the migration: the generator below and its inputs are part of the migration's
// text. A later change to what is recorded is a new migration that drops and recreates triggers.

extension Schema {
    /// A table whose rows are recorded: the object kind it holds and the columns whose changes
    /// are recorded (the rest, such as `last_modified_date` and `sort_order`, are bookkeeping).
    struct HistoryTable {
        let table: String
        let kind: String
        let columns: [String]
    }

    static let historyTables: [HistoryTable] = [
        HistoryTable(table: "releases", kind: "releases", columns: ["name", "description", "note", "start_date", "end_date"]),
        HistoryTable(table: "builds", kind: "builds", columns: ["name", "release_id"]),
        HistoryTable(table: "test_cycles", kind: "test-cycles",
                     columns: ["name", "description", "parent_type", "release_id", "parent_cycle_id", "target_release_id", "target_build_id"]),
        HistoryTable(table: "test_suites", kind: "test-suites",
                     columns: ["name", "parent_type", "release_id", "test_cycle_id", "target_release_id", "target_build_id"]),
        HistoryTable(table: "test_runs", kind: "test-runs",
                     columns: ["name", "status_id", "parent_type", "release_id", "test_cycle_id", "test_suite_id", "test_case_version_id", "automation"]),
        HistoryTable(table: "test_logs", kind: "test-logs",
                     columns: ["name", "status_id", "note", "exe_start_date", "exe_end_date", "build_number", "build_url",
                               "planned_exe_time", "actual_exe_time"]),
        HistoryTable(table: "test_cases", kind: "test-cases", columns: ["module_id", "automation_content"]),
        HistoryTable(table: "requirements", kind: "requirements", columns: ["name", "module_id"]),
        HistoryTable(table: "defects", kind: "defects", columns: []),
    ]

    /// The kinds whose field values are recorded, with the SQL that finds the owning object's
    /// project (`field_values` has no project column).
    static let historyValueKinds: [(kind: String, table: String)] = [
        ("releases", "releases"), ("builds", "builds"), ("test-cycles", "test_cycles"), ("test-suites", "test_suites"),
        ("test-runs", "test_runs"), ("requirements", "requirements"), ("defects", "defects"),
    ]

    static let historySQL: String = {
        var sql = """
        -- One row: the current write transaction's number, author and time.
        CREATE TABLE history_context (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            write_id INTEGER NOT NULL DEFAULT 0,
            author_id INTEGER,
            now TEXT
        );
        INSERT INTO history_context (id) VALUES (1);
        ALTER TABLE histories ADD COLUMN write_id INTEGER;
        -- Entries are read per project, type and object, then per write: this one index
        -- answers that and the cascade from projects. Every index costs each recorded change,
        -- so the two it makes redundant go ((project_id, created): nothing reads histories by
        -- time alone; (object_type, object_id): a prefix of this one after the project).
        CREATE INDEX histories_write ON histories(project_id, object_type, object_id, write_id);
        DROP INDEX histories_project;
        DROP INDEX histories_object;

        """
        // Ids are SQLite's own next rowid: a MAX(id) + 1 per recorded change made recording a
        // third slower, and history ids are only ever read back.
        let created = "COALESCE(ctx.now, strftime('%Y-%m-%d %H:%M:%f', 'now'))"
        func insert(_ project: String, _ kind: String, _ object: String, _ action: String, _ changes: String, _ condition: String) -> String {
            """
                INSERT INTO histories (project_id, object_type, object_id, author_id, description, changes, created, write_id)
                SELECT \(project), \(kind), \(object), ctx.author_id, '\(action)', \(changes), \(created), ctx.write_id
                FROM history_context ctx WHERE \(condition);
            """
        }
        func changes(_ columns: [String], old: (String) -> String = { "OLD.\($0)" }, new: (String) -> String = { "NEW.\($0)" }) -> String {
            let parts = columns.map { c in
                "SELECT json_object('field', '\(c)', 'old_value', \(old(c)), 'new_value', \(new(c))) AS c WHERE \(old(c)) IS NOT \(new(c))"
            }
            return "(SELECT json_group_array(json(c)) FROM (\(parts.joined(separator: " UNION ALL "))))"
        }
        for t in historyTables {
            let exists = { (row: String) in "EXISTS (SELECT 1 FROM projects WHERE id = \(row).project_id)" }
            sql += """
            CREATE TRIGGER history_\(t.table)_insert AFTER INSERT ON \(t.table) BEGIN
            \(insert("NEW.project_id", "'\(t.kind)'", "NEW.id", "created", "'[]'", exists("NEW")))
            END;
            CREATE TRIGGER history_\(t.table)_delete AFTER DELETE ON \(t.table) BEGIN
            \(insert("OLD.project_id", "'\(t.kind)'", "OLD.id", "deleted", "'[]'", exists("OLD")))
            END;

            """
            guard !t.columns.isEmpty else { continue }
            let when = t.columns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
            sql += """
            CREATE TRIGGER history_\(t.table)_update AFTER UPDATE ON \(t.table) WHEN \(when) BEGIN
            \(insert("NEW.project_id", "'\(t.kind)'", "NEW.id", "updated", changes(t.columns), exists("NEW")))
            END;

            """
        }
        // Test case versions: a new version (after the first) and edits of its texts are
        // changes of the case.
        let caseProject = "(SELECT project_id FROM test_cases WHERE id = NEW.test_case_id)"
        let previousVersion = """
            (SELECT w.major || '.' || w.minor FROM test_case_versions w WHERE w.test_case_id = NEW.test_case_id AND w.id != NEW.id \
            ORDER BY w.major DESC, w.minor DESC LIMIT 1)
            """
        sql += """
        CREATE TRIGGER history_test_case_versions_insert AFTER INSERT ON test_case_versions BEGIN
        \(insert(caseProject, "'test-cases'", "NEW.test_case_id", "updated",
                 "json_array(json_object('field', 'version', 'old_value', \(previousVersion), 'new_value', NEW.major || '.' || NEW.minor))",
                 "\(previousVersion) IS NOT NULL AND \(caseProject) IS NOT NULL"))
        END;
        CREATE TRIGGER history_test_case_versions_update AFTER UPDATE ON test_case_versions
        WHEN OLD.name IS NOT NEW.name OR OLD.description IS NOT NEW.description OR OLD.precondition IS NOT NEW.precondition BEGIN
        \(insert(caseProject, "'test-cases'", "NEW.test_case_id", "updated", changes(["name", "description", "precondition"]), "\(caseProject) IS NOT NULL"))
        END;

        """
        // Field values: `field` is `field:<id>`. A test case's values live on its versions; a
        // new version's copies of the previous version's values are not changes.
        func owner(_ row: String) -> (project: String, kind: String, object: String) {
            let cases = historyValueKinds.map { "WHEN '\($0.kind)' THEN (SELECT project_id FROM \($0.table) WHERE id = \(row).object_id)" }
            let versionCase = "(SELECT test_case_id FROM test_case_versions WHERE id = \(row).object_id)"
            let project = """
                (CASE \(row).object_type \(cases.joined(separator: " ")) \
                WHEN 'test-case-versions' THEN (SELECT project_id FROM test_cases WHERE id = \(versionCase)) END)
                """
            let kind = "(CASE \(row).object_type WHEN 'test-case-versions' THEN 'test-cases' ELSE \(row).object_type END)"
            let object = "(CASE \(row).object_type WHEN 'test-case-versions' THEN \(versionCase) ELSE \(row).object_id END)"
            return (project, kind, object)
        }
        let recorded = (historyValueKinds.map { "'\($0.kind)'" } + ["'test-case-versions'"]).joined(separator: ", ")
        let previousValue = """
            (SELECT p.value FROM field_values p WHERE p.object_type = 'test-case-versions' AND p.field_id = NEW.field_id AND p.object_id = \
            (SELECT w.id FROM test_case_versions w, test_case_versions v WHERE v.id = NEW.object_id AND w.test_case_id = v.test_case_id \
            AND w.id != v.id ORDER BY w.major DESC, w.minor DESC LIMIT 1))
            """
        let newOwner = owner("NEW"), oldOwner = owner("OLD")
        func valueChange(_ old: String, _ new: String, field: String) -> String {
            "json_array(json_object('field', 'field:' || \(field), 'old_value', \(old), 'new_value', \(new)))"
        }
        sql += """
        CREATE TRIGGER history_field_values_insert AFTER INSERT ON field_values WHEN NEW.object_type IN (\(recorded)) BEGIN
        \(insert(newOwner.project, newOwner.kind, newOwner.object, "updated", valueChange("NULL", "NEW.value", field: "NEW.field_id"),
                 "\(newOwner.project) IS NOT NULL AND (NEW.object_type != 'test-case-versions' OR NEW.value IS NOT \(previousValue))"))
        END;
        CREATE TRIGGER history_field_values_update AFTER UPDATE ON field_values
        WHEN NEW.object_type IN (\(recorded)) AND OLD.value IS NOT NEW.value BEGIN
        \(insert(newOwner.project, newOwner.kind, newOwner.object, "updated", valueChange("OLD.value", "NEW.value", field: "NEW.field_id"),
                 "\(newOwner.project) IS NOT NULL"))
        END;
        CREATE TRIGGER history_field_values_delete AFTER DELETE ON field_values WHEN OLD.object_type IN (\(recorded)) BEGIN
        \(insert(oldOwner.project, oldOwner.kind, oldOwner.object, "updated", valueChange("OLD.value", "NULL", field: "OLD.field_id"),
                 "\(oldOwner.project) IS NOT NULL"))
        END;

        """
        return sql
    }()
}
