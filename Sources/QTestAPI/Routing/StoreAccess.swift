import Foundation
import HTTPServer
import QTestStore

/// Store access for the handler inputs of signed-in routes (``ProjectRequest``,
/// ``SiteRequest``): a read on a snapshot, or one write transaction, and the same two that
/// answer with the JSON they build.
public protocol StoreAccess {
    var app: EmulatorContext { get }
}

extension StoreAccess {
    /// Runs `body` with read access to a snapshot of the store.
    public func read<T>(_ body: (StoreDatabase) throws -> T) throws -> T { try app.read(body) }

    /// Runs `body` as one write transaction: if it throws, nothing it did is kept.
    public func write<T>(_ body: (StoreDatabase) throws -> T) throws -> T { try app.write(body) }

    /// Answers `status` with the JSON that `body` reads from the store.
    public func read(answering status: Int, _ body: (StoreDatabase) throws -> JSON) throws -> HTTPResponse {
        .json(status, try app.read(body))
    }

    /// Answers `status` with the JSON that `body` returns from one write transaction.
    public func write(answering status: Int, _ body: (StoreDatabase) throws -> JSON) throws -> HTTPResponse {
        .json(status, try app.write(body))
    }
}

extension StoreAccess where Self: RequestReading {
    /// Deletes the object named by path parameter `idParameter` with `delete`, in one write
    /// transaction, and answers 200 `{"message": "<what> <id> was deleted"}` as qTest does.
    public func deleting(_ idParameter: String, _ what: String, _ delete: (StoreDatabase, Int64) throws -> Void) throws -> HTTPResponse {
        let id = try pathID(idParameter)
        try app.write { db in try delete(db, id) }
        return .okMessage("\(what) \(id) was deleted")
    }
}
