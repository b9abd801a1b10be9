import Foundation
import Synchronization

/// The emulator's clock: real time shifted by an offset, or frozen at an instant; moved by the
/// control plane (`/__emulator/clock`). Every timestamp, token expiry and job delay reads it,
/// so advancing it two hours expires an issued access token.
///
/// ```swift
/// let clock = VirtualClock()
/// clock.advance(by: 7200)        // real time, two hours ahead
/// clock.freeze(at: QTestDate.parse("2026-01-05T10:00:00Z")!)
/// clock.resume()                 // back to real time, no offset
/// ```
public final class VirtualClock: StoreClock {
    /// What the clock is doing.
    public enum Mode: Sendable, Equatable {
        /// Real time (from `base`) plus an offset in seconds.
        case running(offset: TimeInterval)
        /// Stands at an instant until moved.
        case frozen(Date)
    }

    private let base: any StoreClock
    private let mode: Mutex<Mode>

    /// A clock on `base` (the wall clock unless a test injects one), running, or frozen at `frozenAt`.
    public init(base: any StoreClock = SystemClock(), frozenAt: Date? = nil) {
        self.base = base
        mode = Mutex(frozenAt.map(Mode.frozen) ?? .running(offset: 0))
    }

    public func now() -> Date {
        switch mode.withLock({ $0 }) {
        case .running(let offset):
            // Whole seconds, as qTest dates carry none.
            Date(timeIntervalSince1970: (base.now().timeIntervalSince1970 + offset).rounded(.down))
        case .frozen(let date):
            date
        }
    }

    /// The current instant with its fraction of a second: for measuring short waits on this
    /// clock (`--job-delay`), where ``now()``'s whole seconds would cut a wait short.
    public func preciseNow() -> Date {
        switch mode.withLock({ $0 }) {
        case .running(let offset): base.now().addingTimeInterval(offset)
        case .frozen(let date): date
        }
    }

    /// The current mode.
    public var current: Mode { mode.withLock { $0 } }

    /// Stops the clock at `date`.
    public func freeze(at date: Date) { mode.withLock { $0 = .frozen(date) } }

    /// Moves the clock by `seconds` (negative moves it back), running or frozen.
    public func advance(by seconds: TimeInterval) {
        mode.withLock { mode in
            switch mode {
            case .running(let offset): mode = .running(offset: offset + seconds)
            case .frozen(let date): mode = .frozen(date.addingTimeInterval(seconds))
            }
        }
    }

    /// Back to real time with no offset.
    public func resume() { mode.withLock { $0 = .running(offset: 0) } }
}
