import Dispatch
import Foundation

/// Blocks the main thread until SIGTERM or SIGINT arrives.
///
/// The default actions are disabled first so that the signal is delivered to a Dispatch source
/// instead of killing the process: shutdown then drains in-flight requests and exits 0, which
/// is what CI runners and `docker stop` expect.
enum SignalWaiter {
    static func waitForTermination() {
        let semaphore = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "qtest-emulator.signals")
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { semaphore.signal() }
            source.resume()
            sources.append(source)
        }
        semaphore.wait()
        sources.forEach { $0.cancel() }
    }
}
