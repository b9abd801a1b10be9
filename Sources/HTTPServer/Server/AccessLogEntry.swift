import Foundation

/// One line of access log, reported once per answered request.
/// `duration` runs from the request being fully parsed to its response being produced.
public struct AccessLogEntry: Sendable {
    public let method: String
    public let path: String
    public let status: Int
    public let duration: TimeInterval
    public let remoteAddress: String

    public init(method: String, path: String, status: Int, duration: TimeInterval, remoteAddress: String) {
        self.method = method
        self.path = path
        self.status = status
        self.duration = duration
        self.remoteAddress = remoteAddress
    }
}
