import Foundation

/// A fixed set of threads running submitted work in FIFO order.
///
/// Responders for unsafe methods (POST, PUT, DELETE, …) run here instead of on Dispatch's
/// concurrent queue. They may block for seconds waiting for a database write lock, and
/// Dispatch on Linux adds threads for blocked work only slowly: a dozen such writers used to
/// hold every worker thread, so a health check or a plain read waited 6–14 s behind them.
/// Blocking work is confined to these threads; safe-method requests never queue behind it.
///
/// `@unchecked Sendable`: `queue`, `head` and `stopped` are guarded by `condition`, a condition variable idle threads wait on.
final class WorkerPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var head = 0
    private var stopped = false

    /// Starts `threads` worker threads named `name-1`, `name-2`, ….
    init(threads: Int, name: String) {
        for i in 1...max(1, threads) {
            let thread = Thread { [self] in run() }
            thread.name = "\(name)-\(i)"
            thread.start()
        }
    }

    /// Queues `work` for the next free thread.
    func async(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        queue.append(work)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads exit once the queue is empty.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while let work = next() { work() }
    }

    private func next() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count {
            if stopped { return nil }
            condition.wait()
        }
        let work = queue[head]
        head += 1
        // Drop the consumed prefix now and then instead of shifting the array on every take.
        if head > 1024 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return work
    }
}
