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
