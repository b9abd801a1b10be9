/// Why a request could not be accepted. `status` is what the client gets; the connection is then closed
/// because after a framing error the byte stream cannot be trusted (RFC 9112 §6.3, no smuggling).
public struct HTTPParseError: Error, Sendable, Equatable {
    public let status: Int
    public let reason: String

    static func badRequest(_ reason: String) -> HTTPParseError { .init(status: 400, reason: reason) }
    static func headersTooLarge(_ reason: String) -> HTTPParseError { .init(status: 431, reason: reason) }
    static func bodyTooLarge(_ reason: String) -> HTTPParseError { .init(status: 413, reason: reason) }
    static func notImplemented(_ reason: String) -> HTTPParseError { .init(status: 501, reason: reason) }
    static func versionNotSupported(_ reason: String) -> HTTPParseError { .init(status: 505, reason: reason) }
}
