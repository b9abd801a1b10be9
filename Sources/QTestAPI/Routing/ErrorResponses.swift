import Foundation
import HTTPServer
import Logging

/// The boundary where errors become qTest answers: ``APIError`` and anything that converts to
/// one keep their status and body; anything else is logged and answered as a bare 500, with
/// no internals in the body.
struct ErrorResponses: Sendable {
    let logger: Logger

    func response(for error: Error, request: HTTPRequest) -> HTTPResponse {
        if let apiError = error as? APIError { return apiError.response }
        if let convertible = error as? APIErrorConvertible { return convertible.apiError.response }
        logger.warning("internal error on \(request.method) \(request.path): \(error)")
        return HTTPResponse.json(500, ["message": "Internal server error"] as JSON)
    }
}

/// Errors from lower layers (the store) that know their qTest status and message.
public protocol APIErrorConvertible: Error {
    var apiError: APIError { get }
}
