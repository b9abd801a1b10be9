#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM / SIGINT handling for `serve`, with no window in which a signal is lost.
///
/// Why not Dispatch signal sources plus `signal(SIG_IGN)` (the old way): on Linux, libdispatch
/// installs its own handler when the source registers, asynchronously on its manager thread.
/// When that registration won the race against our `signal(SIG_IGN)` (about 1 start in 20
/// under load), the disposition ended up "ignore" with the signal unblocked in the main thread,
/// so the kernel discarded SIGTERM and the emulator kept running.
///
/// Now: `block()` runs first thing in `main`, before any thread exists, so every thread
/// (inheriting the mask) has both signals blocked and the kernel keeps them *pending* for the
/// process instead of acting on them; `wait()` takes them with `sigwait`. A signal that arrives
/// at any point after `block()`, even before the ready line is printed, stays pending until
/// `wait()` returns it. The disposition is never changed, so nothing can discard a pending signal.
enum TerminationSignals {
    private static var set: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }

    /// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts later.
    static func block() {
        var set = set
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// For commands other than `serve`: restore the default action (a pending signal then
    /// terminates the process at once, as the user asked).
    static func unblock() {
        var set = set
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Blocks until SIGTERM or SIGINT is (or already was) pending; returns which one.
    @discardableResult
    static func wait() -> Int32 {
        var set = set
        var received: Int32 = 0
        // sigwait fails only with EINVAL (an invalid set, which this is not); stopping is the
        // safe reading of a failure, rather than spinning or serving forever.
        guard sigwait(&set, &received) == 0 else { return SIGTERM }
        return received
    }
}
