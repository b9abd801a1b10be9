// The first migrations' SQL: id and PID counters, then users, projects, membership, tokens,
// profiles, groups, LDAP and site templates.
// Kept apart from `Schema.swift` (the migrator) because it is long; migrations are
// append-only, so this text never changes once released.

extension Schema {
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
        \(SchemaColumns.authored)
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
    \(SchemaColumns.links("user_group_members", ("group_id", "user_groups"), ("user_id", "users")))

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

    \(SchemaColumns.links("site_template_projects", ("template_id", "site_templates"), ("project_id", "projects")))
    """
}
