import Foundation
import HTTPServer
import Logging

/// The emulator's log lines on stderr: each entry's message alone, one line, written at once.
///
/// The lines predate swift-log and are read by people and scripts as they are (the access
/// line `GET /path 200 1.2ms`, which `scripts/fuzz-api.sh` parses), so no timestamp, level or
/// label is added. Metadata are not printed: what a line should say is in its message, and the
/// metadata are there for handlers that want structure (tests read the access log's).
///
/// Lines go out through ``LogLineWriter/standardError``: in order and whole, gathered into
/// one `write(2)` per batch (at most 50 ms after the first line of it), so the access log costs
/// no system call per request. Warnings and errors are written at once, behind whatever was
/// waiting; `serve` flushes the rest when it stops.
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
        LogLineWriter.standardError.write(event.message.description, urgent: event.level >= .warning)
    }
}
