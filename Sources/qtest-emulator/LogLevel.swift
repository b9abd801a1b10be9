import ArgumentParser
import Logging

/// `--log-level`: the four levels the README documents, each one of swift-log's.
///
/// - `error`: only failures to start or listen.
/// - `warning`: also job-queue problems and unexpected (500) errors.
/// - `info`: also one access-log line per request, and shutdown.
/// - `debug`: also the route of each request, what it carried (headers, body), job worker
///   steps, write-lock waits and the effective settings at startup.
enum LogLevel: String, ExpressibleByArgument, CaseIterable, Sendable {
    case error, warning, info, debug

    /// The swift-log level this stands for.
    var level: Logger.Level {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        case .debug: .debug
        }
    }
}
