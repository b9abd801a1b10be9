import Foundation

/// A thread-safe counter for handlers and client threads.
/// `@unchecked Sendable`: `value` is only touched under `lock`.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add(_ n: Int = 1) { lock.lock(); value += n; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}
