import Foundation
import Synchronization

/// A source of "now" for the store. Injected so tests and `--deterministic` runs
/// produce byte-identical timestamps and token expiries.
///
/// ```swift
/// let db = try QTestDatabase(clock: FixedClock(QTestDate.parse("2026-01-05T10:00:00Z")!))
/// ```
public protocol StoreClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The wall clock, truncated to whole seconds (qTest dates carry no fraction).
public struct SystemClock: StoreClock {
    /// Creates the wall clock.
    public init() {}
    /// The current time, truncated to the second.
    public func now() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }
}

/// A clock that stands still until moved: for tests and deterministic runs.
///
/// ```swift
/// let clock = FixedClock(Date(timeIntervalSince1970: 0))
/// clock.advance(by: 3600)
/// clock.set(QTestDate.parse("2026-01-05")!)
/// ```
public final class FixedClock: StoreClock {
    private let current: Mutex<Date>

    /// Creates a clock frozen at `date` (default 2026-01-05T10:00:00+00:00).
    public init(_ date: Date = Date(timeIntervalSince1970: 1_767_607_200)) {
        current = Mutex(date)
    }

    /// The frozen instant.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward (or back, with a negative interval).
    public func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    /// Sets the clock to `date`.
    public func set(_ date: Date) { current.withLock { $0 = date } }
}

/// A clock that moves forward by `step` seconds each time it is read: gives
/// distinct, ordered, deterministic timestamps.
public final class SteppingClock: StoreClock {
    private let next: Mutex<Date>
    private let step: TimeInterval

    /// Creates a clock that returns `start`, then `start + step`, and so on.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_607_200), step: TimeInterval = 1) {
        next = Mutex(start)
        self.step = step
    }

    /// Returns the current instant and moves it forward by `step`.
    public func now() -> Date {
        next.withLock { next in
            let result = next
            next += step
            return result
        }
    }
}
