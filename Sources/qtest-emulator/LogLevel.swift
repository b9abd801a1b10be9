import ArgumentParser
import Foundation

/// How chatty the process is on stderr/stdout.
enum LogLevel: String, ExpressibleByArgument, CaseIterable, Comparable, Sendable {
    case error, warning, info, debug

    /// Chattiness rank: error < warning < info < debug.
    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        case .debug: 3
        }
    }

    static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}

/// A minimal line logger: one line per event, flushed at once so that CI logs interleave
/// correctly with the test runner's output.
struct Logger: Sendable {
    let level: LogLevel

    func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard level <= self.level else { return }
        let line = message() + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
