// The first migrations' SQL: fields with allowed values and stored field values, execution
// statuses, then modules, test cases, versions and steps.
// Kept apart from `Schema.swift` (the migrator) because it is long; migrations are
// append-only, so this text never changes once released.

extension Schema {
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
        \(SchemaColumns.projectKey)
        pid TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT,
        parent_id INTEGER REFERENCES modules(id) ON DELETE CASCADE,
        sort_order INTEGER NOT NULL DEFAULT 0,
        shared INTEGER NOT NULL DEFAULT 0,
        tosca_guid TEXT,
        tosca_node_path TEXT,
        \(SchemaColumns.audit)
    );
    CREATE INDEX modules_parent ON modules(parent_id);

    CREATE TABLE test_cases (
        \(SchemaColumns.projectKey)
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
}
