import Foundation

/// Response bytes a connection has accepted but not yet written to its socket.
///
/// One contiguous array plus a read offset, so a flush is one `send` however many responses are
/// queued. The sent prefix is dropped once it dominates the array (amortised O(1) per byte), so
/// a client that keeps reading slowly while pipelining cannot make the array grow without bound;
/// how much may be *unsent* is the connection's business (`HTTPServerConfiguration.maxOutputBytes`).
struct OutputBuffer {
    private var bytes: [UInt8] = []
    private var offset = 0

    /// Bytes queued and not yet sent.
    var unsentCount: Int { bytes.count - offset }

    var isEmpty: Bool { offset >= bytes.count }

    mutating func append(_ head: [UInt8]) {
        compactIfWorthwhile()
        bytes.append(contentsOf: head)
    }

    mutating func append(_ data: Data) {
        compactIfWorthwhile()
        data.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Calls `body` with the unsent bytes (possibly empty) and returns what it returns.
    func withUnsentBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { all in
            body(UnsafeRawBufferPointer(rebasing: all[min(offset, all.count)...]))
        }
    }

    /// Marks `count` bytes as sent (clamped to what is queued).
    mutating func consume(_ count: Int) {
        offset = min(bytes.count, offset + max(0, count))
        if offset == bytes.count { reset() }
    }

    /// Drops everything; releases a big array, keeps a small one for the next response.
    mutating func reset() {
        if bytes.capacity > 1 << 20 { bytes = [] } else { bytes.removeAll(keepingCapacity: true) }
        offset = 0
    }

    private mutating func compactIfWorthwhile() {
        guard offset > 0 else { return }
        if offset >= bytes.count { reset(); return }
        guard offset >= 64 * 1024, offset * 2 >= bytes.count else { return }
        bytes.removeFirst(offset)
        offset = 0
    }
}
