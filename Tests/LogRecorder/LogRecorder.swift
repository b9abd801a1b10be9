import Logging
import Synchronization

/// Keeps every entry logged through its loggers, for tests that check what was logged.
///
/// ```swift
/// let recorder = LogRecorder()
/// let server = HTTPServer(configuration: configuration, responder: router, logger: recorder.logger(level: .debug))
/// // … requests …
/// #expect(recorder.entries(at: .info).count == 3)
/// ```
public final class LogRecorder: Sendable {
    /// One logged entry: its level, its message and its metadata (the logger's merged with
    /// the call's).
    public struct Entry: Sendable {
        public let level: Logger.Level
        public let message: String
        public let metadata: Logger.Metadata
    }

    private let recorded = Mutex<[Entry]>([])

    public init() {}

    /// A logger that lets through entries at `level` and above and records them here.
    public func logger(level: Logger.Level) -> Logger {
        var logger = Logger(label: "LogRecorder") { _ in RecordingLogHandler(recorder: self) }
        logger.logLevel = level
        return logger
    }

    /// Everything recorded so far, in order.
    public var entries: [Entry] { recorded.withLock { $0 } }

    /// The entries logged at exactly `level`.
    public func entries(at level: Logger.Level) -> [Entry] { entries.filter { $0.level == level } }

    func record(_ entry: Entry) { recorded.withLock { $0.append(entry) } }
}
