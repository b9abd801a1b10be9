// Column runs that many tables of the first migrations share, written once and interpolated
// into their SQL. The SQL each migration runs is unchanged by this (append-only still holds:
// the text SQLite receives is the same); a new migration may use them or spell its own.

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

    /// Who created an object with a PID and when, and the PID's uniqueness in its project.
    static let audit = """
    creator_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_date DATETIME NOT NULL,
            last_modified_date DATETIME NOT NULL,
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
}
