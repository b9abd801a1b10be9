import Foundation
import HTTPServer

/// The one error type that crosses into HTTP: a status plus a qTest-shaped body.
///
/// API endpoints answer `{"message": "..."}`; the OAuth endpoints answer
/// `{"error": "...", "error_description": "..."}` because clients (Katalon, qtbot) read
/// `error_description` there.
public struct APIError: Error, Sendable {
    public let status: Int
    public let body: JSON
    public var headers: [(String, String)] = []

    public init(status: Int, body: JSON) {
        self.status = status
        self.body = body
    }

    public init(status: Int, message: String) {
        self.init(status: status, body: ["message": .string(message)])
    }

    public static func badRequest(_ message: String) -> APIError { APIError(status: 400, message: message) }
    public static func unauthorized(_ message: String = "Invalid or missing access token") -> APIError {
        APIError(status: 401, body: ["error": "invalid_token", "error_description": .string(message), "message": .string(message)])
    }
    public static func forbidden(_ message: String) -> APIError { APIError(status: 403, message: message) }
    public static func notFound(_ message: String) -> APIError { APIError(status: 404, message: message) }
    public static func payloadTooLarge(_ message: String) -> APIError { APIError(status: 413, message: message) }

    /// An OAuth-style error (`/oauth/token`).
    public static func oauth(status: Int, error: String, description: String) -> APIError {
        APIError(status: status, body: ["error": .string(error), "error_description": .string(description)])
    }

    public var response: HTTPResponse {
        var response = HTTPResponse.json(status, body.serialized())
        for (name, value) in headers { response.headers.add(name, value) }
        return response
    }
}
