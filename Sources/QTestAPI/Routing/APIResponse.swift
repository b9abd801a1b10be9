import Foundation
import HTTPServer

extension HTTPResponse {
    /// A JSON response from an ordered `JSON` value.
    static func json(_ status: Int, _ value: JSON) -> HTTPResponse {
        .json(status, value.serialized())
    }

    /// `{"message": ...}` with status 200, the body qTest returns for deletes.
    static func okMessage(_ message: String) -> HTTPResponse {
        .json(200, ["message": .string(message)] as JSON)
    }
}
