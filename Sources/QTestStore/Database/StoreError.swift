/// The one error type that QTestStore throws for domain failures.
///
/// The API layer maps it to an HTTP status (``httpStatus``) and a qTest body
/// `{"message": …}`:
///
/// ```swift
/// throw StoreError.notFound("Project does not exist")
/// ```
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of failure; each kind has one HTTP status.
    public enum Kind: String, Sendable, Equatable {
        case badRequest, unauthorized, forbidden, notFound, conflict, payloadTooLarge, busy, internalError

        /// The HTTP status code the API layer should answer with.
        public var httpStatus: Int {
            switch self {
            case .badRequest: 400
            case .unauthorized: 401
            case .forbidden: 403
            case .notFound: 404
            case .conflict: 409
            case .payloadTooLarge: 413
            case .busy: 503
            case .internalError: 500
            }
        }
    }

    /// The category of failure.
    public let kind: Kind
    /// A human-readable message, sent to clients as `{"message": …}`.
    public let message: String

    /// Creates an error of the given kind.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The HTTP status code of ``kind``.
    public var httpStatus: Int { kind.httpStatus }

    /// `"<status> <message>"`.
    public var description: String { "\(httpStatus) \(message)" }

    /// 400, e.g. `StoreError.badRequest("Field value is invalid.")`.
    public static func badRequest(_ message: String) -> StoreError { StoreError(.badRequest, message) }
    /// 401, e.g. `StoreError.unauthorized("Invalid access token")`.
    public static func unauthorized(_ message: String) -> StoreError { StoreError(.unauthorized, message) }
    /// 403, e.g. `StoreError.forbidden("User need to be assigned to project to performs this action!")`.
    public static func forbidden(_ message: String) -> StoreError { StoreError(.forbidden, message) }
    /// 404, e.g. `StoreError.notFound("Project does not exist")`.
    public static func notFound(_ message: String) -> StoreError { StoreError(.notFound, message) }
    /// 409. qTest documents no 409; use sparingly (e.g. duplicate usernames).
    public static func conflict(_ message: String) -> StoreError { StoreError(.conflict, message) }
    /// 413, e.g. `StoreError.payloadTooLarge("The attachment is too large")`.
    public static func payloadTooLarge(_ message: String) -> StoreError { StoreError(.payloadTooLarge, message) }
    /// 503: the database could not be locked in time (a long write, or another process holding
    /// the file); the client may retry.
    public static func busy(_ message: String) -> StoreError { StoreError(.busy, message) }
    /// 500 for broken invariants; the API layer should not leak the message.
    public static func internalError(_ message: String) -> StoreError { StoreError(.internalError, message) }
}
