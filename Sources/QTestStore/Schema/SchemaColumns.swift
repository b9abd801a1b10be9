// Column runs that many tables of the first migrations share, and the shape of their
// many-to-many tables, written once and interpolated into their SQL. The SQL each migration
// runs is unchanged by this but for white space (append-only still holds: SQLite receives the
// same statements); a new migration may use them or spell its own.

enum SchemaColumns {
    /// The key of an object that belongs to a project (deleting the project deletes it).
    static let projectKey = """
    id INTEGER PRIMARY KEY NOT NULL,
            project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    """

    /// ``projectKey`` for an artifact attached to any object (comments, attachments, histories).
    static let projectObjectKey = """
    \(projectKey)
            object_type TEXT NOT NULL,
            object_id INTEGER NOT NULL,
    """

    /// Who created an object and when, and when it last changed.
    static let authored = """
    creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_date DATETIME NOT NULL,
            last_modified_date DATETIME NOT NULL
    """

    /// ``authored`` for an object with a PID, and the PID's uniqueness in its project.
    static let audit = """
    \(authored),
            UNIQUE (project_id, pid)
    """

    /// ``audit`` after the order among siblings.
    static let sortedAudit = """
    sort_order INTEGER NOT NULL DEFAULT 0,
            \(audit)
    """

    /// ``sortedAudit`` after the target release/build a cycle or suite is planned for.
    static let targetedSortedAudit = """
    target_release_id INTEGER REFERENCES releases(id) ON DELETE SET NULL,
            target_build_id INTEGER REFERENCES builds(id) ON DELETE SET NULL,
            \(sortedAudit)
    """

    /// A many-to-many table: one row per pair, deleted with either side, found from the first
    /// side through the primary key and from the second through an index (`<table>_<second
    /// without _id>`): `links("user_group_members", ("group_id", "user_groups"), ("user_id", "users"))`.
    static func links(_ table: String, _ first: (column: String, table: String), _ second: (column: String, table: String)) -> String {
        """
        CREATE TABLE \(table) (
            \(first.column) INTEGER NOT NULL REFERENCES \(first.table)(id) ON DELETE CASCADE,
            \(second.column) INTEGER NOT NULL REFERENCES \(second.table)(id) ON DELETE CASCADE,
            PRIMARY KEY (\(first.column), \(second.column))
        );
        CREATE INDEX \(table)_\(second.column.dropLast(3)) ON \(table)(\(second.column));
        """
    }
}
