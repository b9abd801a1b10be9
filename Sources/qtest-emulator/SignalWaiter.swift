import Dispatch
import Foundation

/// Waits for SIGTERM or SIGINT.
///
/// The default actions are replaced by Dispatch sources so that the signal is delivered to
/// us instead of killing the process: shutdown then drains in-flight requests and exits 0,
/// which is what CI runners and `docker stop` expect. Create it *before* announcing the port,
/// so a signal sent right after the announcement is not lost.
final class SignalWaiter {
    private let semaphore = DispatchSemaphore(value: 0)
    private let sources: [any DispatchSourceSignal]

    init() {
        let queue = DispatchQueue(label: "qtest-emulator.signals")
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            sources.append(source)
        }
        self.sources = sources
        let semaphore = self.semaphore
        for source in sources {
            source.setEventHandler { semaphore.signal() }
            source.resume()
        }
        // Only after the sources are live do we stop the default action.
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
    }

    /// Blocks until a termination signal arrives.
    func wait() {
        semaphore.wait()
        sources.forEach { $0.cancel() }
    }
}
