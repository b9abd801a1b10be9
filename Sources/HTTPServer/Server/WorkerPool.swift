import Foundation

/// A fixed set of threads running submitted work in FIFO order.
///
/// Responders for unsafe methods (POST, PUT, DELETE, …) run here instead of on Dispatch's
/// concurrent queue. They may block for seconds waiting for a database write lock, and
/// Dispatch on Linux adds threads for blocked work only slowly: a dozen such writers used to
/// hold every worker thread, so a health check or a plain read waited 6–14 s behind them.
/// Blocking work is confined to these threads; safe-method requests never queue behind it.
///
/// Threads are started when work finds none idle, up to the limit, and then kept: a server
/// that only answers GETs starts none (sixteen thread starts were a fifth of a start-up).
///
/// `@unchecked Sendable`: `queue`, `head`, `stopped`, `started`, `idle` and `woken` are guarded by
/// `condition`, a condition variable idle threads wait on.
final class WorkerPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var head = 0
    private var stopped = false
    private let limit: Int
    private let name: String
    /// Threads started so far, and how many of them wait for work.
    private var started = 0
    private var idle = 0
    /// Idle threads signalled for work they have not picked up yet.
    private var woken = 0

    /// A pool of at most `threads` worker threads named `name-1`, `name-2`, ….
    init(threads: Int, name: String) {
        limit = max(1, threads)
        self.name = name
    }

    /// Queues `work` for the next free thread, starting one if none is free.
    func async(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        queue.append(work)
        // An idle thread not yet woken for earlier work takes it; else a new thread, if allowed.
        var startsThread = false
        if idle > woken {
            woken += 1
            condition.signal()
        } else if !stopped && started < limit {
            started += 1
            startsThread = true
        }
        let number = started
        condition.unlock()
        if startsThread {
            let thread = Thread { [self] in run() }
            thread.name = "\(name)-\(number)"
            thread.start()
        }
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
            idle += 1
            condition.wait()
            idle -= 1
            if woken > 0 { woken -= 1 }
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
