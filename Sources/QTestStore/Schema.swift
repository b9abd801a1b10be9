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
                    id INTEGER PRIMARY KEY NOT NULL,
                    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    host_id INTEGER NOT NULL,
                    host_name TEXT NOT NULL,
                    framework TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT 1,
                    configuration TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX automation_agents_project ON automation_agents(project_id);
                CREATE TABLE automation_schedules (
                    id INTEGER PRIMARY KEY NOT NULL,
                    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
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
        return m
    }

    /// Every table created by the migrations, children before parents (delete order).
    public static let tablesInDeleteOrder = [
        "automation_schedules", "automation_agents", "jobs", "webhook_projects", "webhooks",
        "histories", "object_links", "comments", "attachments", "field_values",
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
        for table in tablesInDeleteOrder where try db.tableExists(table) {
            try db.execute(sql: "DELETE FROM \(table)")
        }
    }

    static let sequencesSQL = """
    CREATE TABLE id_sequences (
        object_type TEXT PRIMARY KEY NOT NULL,
        next_id INTEGER NOT NULL
    );
    CREATE TABLE pid_sequences (
        project_id INTEGER NOT NULL,
        object_type TEXT NOT NULL,
        next_value INTEGER NOT NULL,
        PRIMARY KEY (project_id, object_type)
    );
    """

    static let identitySQL = """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY NOT NULL,
        username TEXT NOT NULL COLLATE NOCASE UNIQUE,
        email TEXT NOT NULL COLLATE NOCASE,
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL DEFAULT '',
        password_salt TEXT,
        password_hash TEXT,
        status INTEGER NOT NULL DEFAULT 1,
        avatar TEXT,
        ldap_username TEXT,
        external_auth_config_id INTEGER,
        external_user_name TEXT,
        authentication_system TEXT,
        timezone_offset TEXT,
        country_name TEXT,
        is_site_admin INTEGER NOT NULL DEFAULT 0,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL
    );
    CREATE INDEX users_email ON users(email);

    CREATE TABLE profiles (
        id INTEGER PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('admin', 'project')),
        name TEXT NOT NULL,
        is_admin INTEGER NOT NULL DEFAULT 0,
        is_readonly INTEGER NOT NULL DEFAULT 0,
        is_default INTEGER NOT NULL DEFAULT 0,
        permissions TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX profiles_kind ON profiles(kind);

    CREATE TABLE site_templates (
        id INTEGER PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        description TEXT
    );

    CREATE TABLE projects (
        id INTEGER PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        start_date DATETIME,
        end_date DATETIME,
        status_id INTEGER NOT NULL DEFAULT 101,
        sample INTEGER NOT NULL DEFAULT 0,
        automation INTEGER NOT NULL DEFAULT 1,
        uuid TEXT NOT NULL,
        template_id INTEGER REFERENCES site_templates(id) ON DELETE SET NULL,
        x_explorer_access_level INTEGER NOT NULL DEFAULT 0,
        date_format TEXT NOT NULL DEFAULT 'MM/dd/yyyy',
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL
    );
    CREATE INDEX projects_template ON projects(template_id);
    CREATE INDEX projects_creator ON projects(creator_id);

    CREATE TABLE project_members (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
        PRIMARY KEY (project_id, user_id)
    );
    CREATE INDEX project_members_user ON project_members(user_id);
    CREATE INDEX project_members_profile ON project_members(profile_id);

    CREATE TABLE user_admin_profiles (
        user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE
    );
    CREATE INDEX user_admin_profiles_profile ON user_admin_profiles(profile_id);

    CREATE TABLE tokens (
        token TEXT PRIMARY KEY NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh', 'api')),
        refresh_token TEXT,
        scope TEXT NOT NULL DEFAULT '',
        agent TEXT,
        created_at DATETIME NOT NULL,
        expires_at DATETIME
    );
    CREATE INDEX tokens_user ON tokens(user_id);
    CREATE INDEX tokens_refresh ON tokens(refresh_token);

    CREATE TABLE user_groups (
        id INTEGER PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        is_default INTEGER NOT NULL DEFAULT 0,
        is_system INTEGER NOT NULL DEFAULT 0,
        authorities TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE user_group_members (
        group_id INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, user_id)
    );
    CREATE INDEX user_group_members_user ON user_group_members(user_id);

    CREATE TABLE ldap_configs (
        id INTEGER PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',
        base TEXT NOT NULL DEFAULT '',
        base_search TEXT NOT NULL DEFAULT '',
        search_filter TEXT NOT NULL DEFAULT '',
        username TEXT NOT NULL DEFAULT '',
        auth_type TEXT NOT NULL DEFAULT 'LDAP',
        is_activated INTEGER NOT NULL DEFAULT 1,
        is_active_directory INTEGER NOT NULL DEFAULT 0,
        is_ldap_ssl INTEGER NOT NULL DEFAULT 0,
        mapped_username TEXT NOT NULL DEFAULT 'uid',
        mapped_email TEXT NOT NULL DEFAULT 'mail',
        mapped_firstname TEXT NOT NULL DEFAULT 'givenName',
        mapped_lastname TEXT NOT NULL DEFAULT 'sn'
    );
    CREATE TABLE ldap_users (
        id INTEGER PRIMARY KEY NOT NULL,
        ldap_config_id INTEGER NOT NULL REFERENCES ldap_configs(id) ON DELETE CASCADE,
        ldap_username TEXT NOT NULL COLLATE NOCASE,
        email TEXT NOT NULL DEFAULT '',
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL DEFAULT '',
        user_dn TEXT NOT NULL DEFAULT '',
        disabled INTEGER NOT NULL DEFAULT 0,
        mapped_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        UNIQUE (ldap_config_id, ldap_username)
    );
    CREATE INDEX ldap_users_config ON ldap_users(ldap_config_id);
    CREATE INDEX ldap_users_mapped ON ldap_users(mapped_user_id);

    CREATE TABLE site_template_projects (
        template_id INTEGER NOT NULL REFERENCES site_templates(id) ON DELETE CASCADE,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        PRIMARY KEY (template_id, project_id)
    );
    CREATE INDEX site_template_projects_project ON site_template_projects(project_id);
    """

    static let fieldsSQL = """
    -- project_id NULL = a site-level field. object_type = ObjectKind raw value ("test-runs").
    -- System fields may have negative ids (qTest: -194 Planned Start …).
    CREATE TABLE fields (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
        object_type TEXT NOT NULL,
        label TEXT NOT NULL,
        attribute_type TEXT NOT NULL DEFAULT 'Text',
        data_type INTEGER NOT NULL DEFAULT 1,
        required INTEGER NOT NULL DEFAULT 0,
        constrained INTEGER NOT NULL DEFAULT 0,
        sort_order INTEGER NOT NULL DEFAULT 0,
        multiple INTEGER NOT NULL DEFAULT 0,
        searchable INTEGER NOT NULL DEFAULT 1,
        free_text_search INTEGER NOT NULL DEFAULT 0,
        search_key TEXT,
        system_field INTEGER NOT NULL DEFAULT 0,
        original_name TEXT,
        is_active INTEGER NOT NULL DEFAULT 1,
        default_value TEXT,
        instance_type TEXT
    );
    CREATE INDEX fields_project_type ON fields(project_id, object_type);
    CREATE INDEX fields_label ON fields(label COLLATE NOCASE);

    CREATE TABLE field_allowed_values (
        field_id INTEGER NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
        value INTEGER NOT NULL,
        label TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0,
        is_default INTEGER NOT NULL DEFAULT 0,
        is_active INTEGER NOT NULL DEFAULT 1,
        color TEXT,
        PRIMARY KEY (field_id, value)
    );
    CREATE INDEX field_allowed_values_value ON field_allowed_values(value);

    -- project_id NULL = site default statuses (601 Passed … 605 Unexecuted).
    CREATE TABLE execution_statuses (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        color TEXT NOT NULL DEFAULT '',
        is_default INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        sort_order INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX execution_statuses_project ON execution_statuses(project_id);

    -- Values of custom and system fields of any object ("properties" on the wire).
    CREATE TABLE field_values (
        object_type TEXT NOT NULL,
        object_id INTEGER NOT NULL,
        field_id INTEGER NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        PRIMARY KEY (object_type, object_id, field_id)
    );
    CREATE INDEX field_values_field ON field_values(field_id);
    """

    static let designSQL = """
    CREATE TABLE modules (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        parent_id INTEGER REFERENCES modules(id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL DEFAULT 0,
        shared INTEGER NOT NULL DEFAULT 0,
        tosca_guid TEXT,
        tosca_node_path TEXT,
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (project_id, pid)
    );
    CREATE INDEX modules_parent ON modules(parent_id);

    CREATE TABLE test_cases (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        pid TEXT NOT NULL,
        module_id INTEGER REFERENCES modules(id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL DEFAULT 0,
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        tosca_guid TEXT,
        tosca_node_path TEXT,
        tosca_test_case_unique_id TEXT,
        tosca_url TEXT,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (project_id, pid)
    );
    CREATE INDEX test_cases_module ON test_cases(module_id);

    -- One row per saved version ("0.1", "0.2", "1.0" …); the latest is max(major, minor).
    -- Properties of a version: field_values with object_type 'test-case-versions'.
    CREATE TABLE test_case_versions (
        id INTEGER PRIMARY KEY NOT NULL,
        test_case_id INTEGER NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
        major INTEGER NOT NULL,
        minor INTEGER NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        precondition TEXT NOT NULL DEFAULT '',
        is_approved INTEGER NOT NULL DEFAULT 0,
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (test_case_id, major, minor)
    );
    CREATE INDEX test_case_versions_case ON test_case_versions(test_case_id);

    -- Optional cache: the version a test case shows by default (aggregate code may use it).
    CREATE TABLE test_cases_current (
        test_case_id INTEGER PRIMARY KEY NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
        test_case_version_id INTEGER NOT NULL REFERENCES test_case_versions(id) ON DELETE CASCADE
    );
    CREATE INDEX test_cases_current_version ON test_cases_current(test_case_version_id);

    CREATE TABLE test_steps (
        id INTEGER PRIMARY KEY NOT NULL,
        test_case_version_id INTEGER NOT NULL REFERENCES test_case_versions(id) ON DELETE CASCADE,
        description TEXT NOT NULL DEFAULT '',
        expected TEXT NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL DEFAULT 1,
        step_group INTEGER NOT NULL DEFAULT 0,
        plain_value_text TEXT,
        called_test_case_id INTEGER REFERENCES test_cases(id) ON DELETE SET NULL,
        parent_test_step_id INTEGER REFERENCES test_steps(id) ON DELETE CASCADE
    );
    CREATE INDEX test_steps_version ON test_steps(test_case_version_id);
    CREATE INDEX test_steps_called ON test_steps(called_test_case_id);
    CREATE INDEX test_steps_parent ON test_steps(parent_test_step_id);
    """

    static let executionSQL = """
    CREATE TABLE releases (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        note TEXT,
        start_date DATETIME,
        end_date DATETIME,
        sort_order INTEGER NOT NULL DEFAULT 0,
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (project_id, pid)
    );

    CREATE TABLE builds (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0,
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (project_id, pid)
    );
    CREATE INDEX builds_release ON builds(release_id);

    -- parent_type: 'root' | 'release' | 'test-cycle'; exactly the matching FK column is set.
    CREATE TABLE test_cycles (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        parent_type TEXT NOT NULL DEFAULT 'root' CHECK (parent_type IN ('root', 'release', 'test-cycle')),
        release_id INTEGER REFERENCES releases(id) ON DELETE CASCADE,
        parent_cycle_id INTEGER REFERENCES test_cycles(id) ON DELETE CASCADE,
        target_release_id INTEGER REFERENCES releases(id) ON DELETE SET NULL,
        target_build_id INTEGER REFERENCES builds(id) ON DELETE SET NULL,
        sort_order INTEGER NOT NULL DEFAULT 0,
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (project_id, pid)
    );
    CREATE INDEX test_cycles_release ON test_cycles(release_id);
    CREATE INDEX test_cycles_parent ON test_cycles(parent_cycle_id);
    CREATE INDEX test_cycles_target_release ON test_cycles(target_release_id);
    CREATE INDEX test_cycles_target_build ON test_cycles(target_build_id);

    CREATE TABLE test_suites (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        parent_type TEXT NOT NULL DEFAULT 'root' CHECK (parent_type IN ('root', 'release', 'test-cycle')),
        release_id INTEGER REFERENCES releases(id) ON DELETE CASCADE,
        test_cycle_id INTEGER REFERENCES test_cycles(id) ON DELETE CASCADE,
        target_release_id INTEGER REFERENCES releases(id) ON DELETE SET NULL,
        target_build_id INTEGER REFERENCES builds(id) ON DELETE SET NULL,
        sort_order INTEGER NOT NULL DEFAULT 0,
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (project_id, pid)
    );
    CREATE INDEX test_suites_release ON test_suites(release_id);
    CREATE INDEX test_suites_cycle ON test_suites(test_cycle_id);
    CREATE INDEX test_suites_target_release ON test_suites(target_release_id);
    CREATE INDEX test_suites_target_build ON test_suites(target_build_id);

    -- parent_type: 'root' | 'release' | 'test-cycle' | 'test-suite'.
    CREATE TABLE test_runs (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        parent_type TEXT NOT NULL DEFAULT 'root' CHECK (parent_type IN ('root', 'release', 'test-cycle', 'test-suite')),
        release_id INTEGER REFERENCES releases(id) ON DELETE CASCADE,
        test_cycle_id INTEGER REFERENCES test_cycles(id) ON DELETE CASCADE,
        test_suite_id INTEGER REFERENCES test_suites(id) ON DELETE CASCADE,
        test_case_id INTEGER NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
        test_case_version_id INTEGER NOT NULL REFERENCES test_case_versions(id) ON DELETE CASCADE,
        status_id INTEGER NOT NULL DEFAULT 605,
        automation TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        tosca_guid TEXT,
        tosca_node_path TEXT,
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (project_id, pid)
    );
    CREATE INDEX test_runs_release ON test_runs(release_id);
    CREATE INDEX test_runs_cycle ON test_runs(test_cycle_id);
    CREATE INDEX test_runs_suite ON test_runs(test_suite_id);
    CREATE INDEX test_runs_case ON test_runs(test_case_id);
    CREATE INDEX test_runs_case_version ON test_runs(test_case_version_id);

    CREATE TABLE test_logs (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        test_run_id INTEGER NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
        test_case_version_id INTEGER REFERENCES test_case_versions(id) ON DELETE SET NULL,
        status_id INTEGER NOT NULL,
        name TEXT,
        note TEXT,
        exe_start_date DATETIME NOT NULL,
        exe_end_date DATETIME NOT NULL,
        build_number TEXT,
        build_url TEXT,
        planned_exe_time INTEGER,
        actual_exe_time INTEGER,
        result_number INTEGER,
        automation_content TEXT,
        tester_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL
    );
    CREATE INDEX test_logs_run ON test_logs(test_run_id);
    CREATE INDEX test_logs_project ON test_logs(project_id);
    CREATE INDEX test_logs_version ON test_logs(test_case_version_id);
    CREATE INDEX test_logs_tester ON test_logs(tester_id);

    CREATE TABLE test_step_logs (
        id INTEGER PRIMARY KEY NOT NULL,
        test_log_id INTEGER NOT NULL REFERENCES test_logs(id) ON DELETE CASCADE,
        test_step_id INTEGER REFERENCES test_steps(id) ON DELETE SET NULL,
        status_id INTEGER NOT NULL,
        description TEXT,
        expected_result TEXT,
        actual_result TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        step_group INTEGER,
        exe_date DATETIME,
        user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        called_test_case_id INTEGER REFERENCES test_cases(id) ON DELETE SET NULL,
        parent_test_step_id INTEGER
    );
    CREATE INDEX test_step_logs_log ON test_step_logs(test_log_id);
    CREATE INDEX test_step_logs_step ON test_step_logs(test_step_id);
    CREATE INDEX test_step_logs_user ON test_step_logs(user_id);
    CREATE INDEX test_step_logs_called ON test_step_logs(called_test_case_id);
    """

    static let trackingSQL = """
    CREATE TABLE requirements (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        pid TEXT NOT NULL,
        module_id INTEGER REFERENCES modules(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0,
        creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (project_id, pid)
    );
    CREATE INDEX requirements_module ON requirements(module_id);

    -- Summary, description, status … are field values (properties).
    CREATE TABLE defects (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
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
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        object_type TEXT NOT NULL,
        object_id INTEGER NOT NULL,
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
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
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
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        object_type TEXT NOT NULL,
        object_id INTEGER NOT NULL,
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
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        object_type TEXT NOT NULL,
        object_id INTEGER NOT NULL,
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
    CREATE TABLE webhook_projects (
        webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        PRIMARY KEY (webhook_id, project_id)
    );
    CREATE INDEX webhook_projects_project ON webhook_projects(project_id);

    -- Batch-submission queue (QueueProcessingResponse). state: PENDING | IN_WAITING |
    -- IN_PROCESSING | FAILED | SUCCESS.
    CREATE TABLE jobs (
        id INTEGER PRIMARY KEY NOT NULL,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
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
