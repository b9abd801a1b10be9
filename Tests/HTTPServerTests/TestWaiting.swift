import Foundation

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: TimeInterval = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        if Date() >= deadline { return false }
        usleep(10_000)
    }
    return true
}

/// Starts `work` on a dedicated thread (not the cooperative pool, which may have one thread);
/// `wait()` on the returned group joins it.
func onThread(_ work: @escaping @Sendable () -> Void) -> DispatchGroup {
    let group = DispatchGroup()
    group.enter()
    let thread = Thread {
        work()
        group.leave()
    }
    thread.stackSize = 256 * 1024
    thread.start()
    return group
}
