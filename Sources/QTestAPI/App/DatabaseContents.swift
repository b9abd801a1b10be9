import QTestStore

/// How much a database file already holds: `serve` refuses to start with `--seed FILE` on a
/// database that holds data, because the seed is loaded only into an empty one (see
/// ``EmulatorApp/seedIfEmpty(_:from:)``) and would otherwise be skipped without a word.
///
///     let contents = try EmulatorApp.contents(ofDatabaseAt: "state.sqlite")
///     if !contents.isEmpty { print("holds \(contents)") }   // "3 users, 2 projects"
public struct DatabaseContents: Sendable, Equatable, CustomStringConvertible {
    public var users: Int
    public var projects: Int

    /// No user: what `seedIfEmpty` calls empty, so the seed would be loaded.
    public var isEmpty: Bool { users == 0 }

    public var description: String {
        "\(users) user\(users == 1 ? "" : "s"), \(projects) project\(projects == 1 ? "" : "s")"
    }
}

extension EmulatorApp {
    /// What the database file at `path` holds (it is migrated to the current schema first, as
    /// `serve` would do next anyway).
    public static func contents(ofDatabaseAt path: String) throws -> DatabaseContents {
        let database = try QTestDatabase(path: path)
        return try database.read { db in
            DatabaseContents(users: try Users.count(db), projects: try Projects.list(db, visibleTo: nil).total)
        }
    }
}
