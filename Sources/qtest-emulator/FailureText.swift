import GRDB
import QTestAPI
import QTestStore

/// Errors of the command line as a person reads them: without the HTTP status a `StoreError`
/// carries for API answers (`400 $.projects[1].id: …` is not an HTTP answer), and with the file
/// each one is about, since SQLite's own text ("file is not a database") names none.
///
///     FailureText.describe(error, database: "state.sqlite", seed: "fixture.json")
///     // "fixture fixture.json: $.projects[1].id: duplicate project id 5"
///     // "database state.sqlite: SQLite error 26: file is not a database"
enum FailureText {
    /// - Parameters:
    ///   - database: the `--db` path, nil for the temporary database.
    ///   - seed: the fixture argument (`demo`, a path), nil when no seed was being loaded.
    static func describe(_ error: any Error, database: String?, seed: String?) -> String {
        let file = database ?? "(temporary)"
        switch error {
        case let error as DatabaseError:
            return "database \(file): SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
        case let error as StoreError where error.kind == .busy:
            return "database \(file) is locked by another process (another emulator on the same --db?)"
        case let error as StoreError:
            return seed.map { "fixture \($0): \(error.message)" } ?? error.message
        default:
            return "\(error)"
        }
    }
}
