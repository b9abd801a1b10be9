// The SQL of "v12 integration settings". Migrations are append-only: this text never changes
// once released.

extension Schema {
    /// A project's Jira connections (IntegrationSettingsApi) and their mappings.
    ///
    /// A connection holds what `POST …/settings/integration/connections` was given (the
    /// credentials too, which no answer ever shows) and its switches: active, populating
    /// unlinked defects, requirement and release integration with the release options.
    ///
    /// A mapping ties one Jira project and issue type (for releases `fixVersions` or `Sprint`)
    /// to a connection, for one artifact kind (`defect`, `requirement`, `release`); its
    /// settings are the columns of that kind, the others stay NULL. Deleting a connection
    /// deletes its mappings. `auto_fill` is the defect mapping's `configures` as JSON text
    /// (`[{"externalFieldId":"summary","qTestFieldIds":"Name"}]`); `data_retrieval_options` the
    /// release mapping's options, comma-separated (`released,unreleased`).
    static let integrationSQL = """
    CREATE TABLE integration_connections (
        \(SchemaColumns.projectKey)
        external_system TEXT NOT NULL,
        connection_name TEXT NOT NULL,
        server_url TEXT NOT NULL,
        web_url TEXT,
        authentication_type TEXT NOT NULL,
        username TEXT,
        token TEXT,
        jira_token TEXT,
        jira_secret TEXT,
        jira_verifier TEXT,
        active BOOLEAN NOT NULL DEFAULT 0,
        store_unlinked_defects BOOLEAN NOT NULL DEFAULT 0,
        requirement_integration BOOLEAN NOT NULL DEFAULT 0,
        release_integration BOOLEAN NOT NULL DEFAULT 0,
        auto_filter_test_run BOOLEAN NOT NULL DEFAULT 0,
        merge_duplicated_fix_versions BOOLEAN NOT NULL DEFAULT 0,
        \(SchemaColumns.authored)
    );
    CREATE INDEX integration_connections_project ON integration_connections(project_id);
    CREATE INDEX integration_connections_creator ON integration_connections(creator_id);
    CREATE TABLE integration_mappings (
        \(SchemaColumns.projectKey)
        connection_id INTEGER NOT NULL REFERENCES integration_connections(id) ON DELETE CASCADE,
        artifact TEXT NOT NULL,
        external_project_id TEXT NOT NULL,
        external_type_id TEXT NOT NULL,
        send_attachment_to_jira BOOLEAN,
        auto_fill TEXT,
        external_filter TEXT,
        external_field1_id TEXT,
        external_field2_id TEXT,
        active_external_fields TEXT,
        auto_update_release_scope BOOLEAN,
        data_retrieval_options TEXT,
        created_date DATETIME NOT NULL,
        last_modified_date DATETIME NOT NULL,
        UNIQUE (connection_id, artifact, external_project_id, external_type_id)
    );
    CREATE INDEX integration_mappings_project ON integration_mappings(project_id);
    """
}
