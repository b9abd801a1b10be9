import Foundation

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
public final class FixedClock: StoreClock, @unchecked Sendable {
    // @unchecked: `current` is only touched under `lock`. (Mutex needs macOS 15.)
    private let lock = NSLock()
    private var current: Date

    /// Creates a clock frozen at `date` (default 2026-01-05T10:00:00+00:00).
    public init(_ date: Date = Date(timeIntervalSince1970: 1_767_607_200)) {
        current = date
    }

    /// The frozen instant.
    public func now() -> Date { lock.withLock { current } }

    /// Moves the clock forward (or back, with a negative interval).
    public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }

    /// Sets the clock to `date`.
    public func set(_ date: Date) { lock.withLock { current = date } }
}

/// A clock that moves forward by `step` seconds each time it is read: gives
/// distinct, ordered, deterministic timestamps.
public final class SteppingClock: StoreClock, @unchecked Sendable {
    // @unchecked: `state` is only touched under `lock`.
    private let lock = NSLock()
    private var state: Date
    private let step: TimeInterval

    /// Creates a clock that returns `start`, then `start + step`, and so on.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_607_200), step: TimeInterval = 1) {
        state = start
        self.step = step
    }

    /// Returns the current instant and moves it forward by `step`.
    public func now() -> Date {
        lock.withLock {
            let result = state
            state += step
            return result
        }
    }
}
