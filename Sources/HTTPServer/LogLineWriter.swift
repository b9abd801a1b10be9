import Dispatch
import Foundation
import Glibc

/// Log lines to a file descriptor, gathered and written in batches: at most `delay` after the
/// first unwritten line, or at once when `limit` bytes are waiting, when a line is urgent, and
/// on ``flush()``. An access line is then an append to a buffer, not a `write(2)` of its own;
/// under load one write carries hundreds of lines.
///
/// Lines keep their order and are never split: a batch is whole lines, and an urgent line
/// (a warning, an error) goes out behind the lines before it, at once.
///
/// `@unchecked Sendable`: `pending` and `scheduled` are guarded by `lock`; `writing` orders
/// the batches (taken and written under it, so they leave in the order they were taken).
public final class LogLineWriter: @unchecked Sendable {
    /// Standard error, as the emulator's command line writes its log.
    public static let standardError = LogLineWriter(fileDescriptor: 2)

    private let fileDescriptor: Int32
    private let delay: DispatchTimeInterval
    private let limit: Int
    private let lock = NSLock()
    private let writing = NSLock()
    private var pending: [UInt8] = []
    private var scheduled = false
    private let flusher = DispatchQueue(label: "LogLineWriter.flush", qos: .utility)

    /// - Parameters:
    ///   - delay: the longest a line waits for company (50 ms: still "at once" to a person).
    ///   - limit: waiting bytes that are written without waiting for the delay.
    public init(fileDescriptor: Int32, delay: DispatchTimeInterval = .milliseconds(50), limit: Int = 64 * 1024) {
        self.fileDescriptor = fileDescriptor
        self.delay = delay
        self.limit = limit
        pending.reserveCapacity(limit)
    }

    /// Adds `line` (a newline is appended). `urgent` writes it, and whatever waits, now.
    public func write(_ line: String, urgent: Bool = false) {
        var line = line
        let now: Bool = lock.withLock {
            line.withUTF8 { pending.append(contentsOf: $0) }
            pending.append(10)
            if urgent || pending.count >= limit { return true }
            if !scheduled {
                scheduled = true
                flusher.asyncAfter(deadline: .now() + delay) { [self] in flush() }
            }
            return false
        }
        if now { flush() }
    }

    /// Writes every waiting line now.
    public func flush() {
        writing.withLock {
            let batch = lock.withLock { () -> [UInt8]? in
                scheduled = false
                return pending.isEmpty ? nil : takePending()
            }
            if let batch { send(batch) }
        }
    }

    /// The waiting bytes, leaving a fresh buffer. Called with `lock` held.
    private func takePending() -> [UInt8] {
        var batch: [UInt8] = []
        batch.reserveCapacity(limit)
        swap(&batch, &pending)
        return batch
    }

    /// One `write(2)` for the batch (more only if the descriptor takes it in parts).
    private func send(_ batch: [UInt8]) {
        batch.withUnsafeBytes { raw in
            guard var base = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = Glibc.write(fileDescriptor, base, left)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return } // a closed stderr: the lines have nowhere to go
                left -= n
                base += n
            }
        }
    }
}
