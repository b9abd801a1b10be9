import Dispatch
import Foundation

/// A loop on a thread of its own that sleeps until it is woken, stopped or a deadline passes:
/// the lifecycle the job worker and the webhook dispatcher share. It works for a `Context` (the
/// emulator's), which it holds weakly: the context owns the loop's owner, and a loop whose
/// context is gone ends.
///
/// The owner's body runs on the thread; it calls ``sleep(until:)`` between rounds of work and
/// returns once that (or ``isRunning``, or a nil ``context``) says the loop is over. A
/// ``wake(_:)`` that comes while the body is busy is not lost: the next sleep returns at once.
///
/// ```swift
/// let loop = BackgroundLoop<EmulatorContext>(name: "qtest-emulator.jobs")
/// loop.start(for: app) { [weak self] in self?.run() }  // run(): work, then `if !loop.sleep(until: …) { return }`
/// loop.wake()                                         // work was queued
/// loop.stop()                                         // returns once run() has returned
/// ```
///
/// `@unchecked Sendable`: `running`, `pendingWake` and `weakContext` are guarded by
/// `condition`. An owner may keep its own state under the same lock (``withLock(_:)``, and the
/// `update` closures of ``wake(_:)`` and ``stop(_:)``), so that changing that state and waking
/// the loop are one step.
final class BackgroundLoop<Context: AnyObject>: @unchecked Sendable {
    private let name: String
    private let condition = NSCondition()
    private var running = false
    private var pendingWake = false
    private weak var weakContext: Context?
    private let finished = DispatchSemaphore(value: 0)

    /// A stopped loop; `name` names its thread.
    init(name: String) {
        self.name = name
    }

    /// Starts the thread running `body` for `context`, unless the loop runs already. `prepare`
    /// runs first, under the lock, so two starts never both prepare.
    func start(for context: Context, prepare: (Context) -> Void = { _ in }, body: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        guard !running else { return }
        running = true
        weakContext = context
        prepare(context)
        let thread = Thread { [finished] in
            defer { finished.signal() }
            body()
        }
        thread.name = name
        thread.start()
    }

    /// Stops the loop and waits until its body has returned; `update` runs under the lock in
    /// the same step.
    func stop(_ update: () -> Void = {}) {
        condition.lock()
        let wasRunning = running
        running = false
        update()
        condition.broadcast()
        condition.unlock()
        if wasRunning { finished.wait() }
    }

    /// Tells the loop there may be work; `update` runs under the lock in the same step.
    func wake(_ update: () -> Void = {}) {
        condition.lock()
        update()
        pendingWake = true
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the loop runs (until ``stop(_:)``).
    var isRunning: Bool {
        withLock { running }
    }

    /// What the loop works for, while it lives.
    var context: Context? {
        withLock { weakContext }
    }

    /// Runs `body` under the loop's lock.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    /// Sleeps until woken, stopped, or `deadline`. Returns false once stopped.
    func sleep(until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while running && !pendingWake && Date() < deadline {
            _ = condition.wait(until: deadline)
        }
        pendingWake = false
        return running
    }
}
