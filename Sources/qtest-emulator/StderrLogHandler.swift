import Foundation
import Logging

/// The emulator's log lines on stderr: each entry's message alone, one line, written at once.
///
/// The lines predate swift-log and are read by people and scripts as they are (the access
/// line `GET /path 200 1.2ms`, which `scripts/fuzz-api.sh` parses), so no timestamp, level or
/// label is added. Metadata are not printed: what a line should say is in its message, and the
/// metadata are there for handlers that want structure (tests read the access log's).
///
/// Each line is one `write(2)`, so lines from concurrent requests never interleave, and
/// nothing is buffered: CI logs show the lines next to the test runner's output.
struct StderrLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(logLevel: Logger.Level) {
        self.logLevel = logLevel
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        FileHandle.standardError.write(Data((event.message.description + "\n").utf8))
    }
}
