import GRDB

/// SQLite errors that a request can cause, as the store's own errors.
///
/// The store validates references before it writes, so these are a safety net: a constraint
/// that fires anyway is still the client's mistake (400/409), and a lock that cannot be had is
/// a 503 to retry, never a bare 500.
enum DatabaseErrorMapping {
    static func storeError(for error: DatabaseError) -> StoreError? {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .badRequest("The request refers to an object that does not exist")
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return .conflict("An object with the same identifier already exists")
        case .SQLITE_CONSTRAINT_NOTNULL, .SQLITE_CONSTRAINT_CHECK:
            return .badRequest("A required value is missing or invalid")
        default:
            break
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy("The database is busy; retry the request")
        case .SQLITE_TOOBIG:
            return .payloadTooLarge("A value in the request is too large to store")
        default:
            return nil
        }
    }

    /// Runs `body`, rethrowing mappable SQLite errors as ``StoreError``s.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            throw storeError(for: error) ?? error
        }
    }
}
