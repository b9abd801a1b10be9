// The SQL of "v8 CI settings". Migrations are append-only: this text never changes once
// released.

extension Schema {
    /// The CI settings the Jenkins plugin saves per job (`/api/v3/projects/{p}/ci`): which CI
    /// server and job a setting belongs to, where its results go (a release, or a container
    /// with the "new suite every day" flag), the module its test cases go under, and the
    /// environment new suites get. `container_id` names a release, cycle or suite by
    /// `container_type`, so it has no foreign key; `test_suite_id` is the suite the last upload
    /// used, kept even after that suite is deleted (an upload checks it still exists).
    static let ciSettingsSQL = """
    CREATE TABLE ci_settings (
        \(SchemaColumns.projectKey)
        ci_type TEXT NOT NULL,
        ci_server TEXT NOT NULL,
        ci_project TEXT NOT NULL,
        ciid TEXT NOT NULL DEFAULT '',
        release_id INTEGER REFERENCES releases(id) ON DELETE SET NULL,
        container_type TEXT,
        container_id INTEGER,
        create_new_test_suite BOOLEAN NOT NULL DEFAULT 0,
        test_suite_id INTEGER NOT NULL DEFAULT 0,
        module_id INTEGER REFERENCES modules(id) ON DELETE SET NULL,
        environment_id INTEGER NOT NULL DEFAULT 0,
        overwrite_existing_test_steps BOOLEAN NOT NULL DEFAULT 0,
        \(SchemaColumns.authored)
    );
    CREATE INDEX ci_settings_lookup ON ci_settings(project_id, ci_server, ci_project);
    CREATE INDEX ci_settings_release ON ci_settings(release_id);
    CREATE INDEX ci_settings_module ON ci_settings(module_id);
    CREATE INDEX ci_settings_creator ON ci_settings(creator_id);
    """
}
