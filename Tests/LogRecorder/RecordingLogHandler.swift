import Logging

/// The `LogHandler` behind ``LogRecorder/logger(level:)``: hands each entry to its recorder.
struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        recorder.record(LogRecorder.Entry(level: event.level, message: event.message.description, metadata: merged))
    }
}
