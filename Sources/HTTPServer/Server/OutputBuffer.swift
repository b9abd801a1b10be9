import Foundation

/// Response bytes a connection has accepted but not yet written to its socket.
///
/// Small pieces (heads, JSON bodies) are copied into one contiguous array, so a flush of many
/// small pipelined responses is one `send`. A large body (`sharedThreshold` bytes or more) is
/// queued as the responder's own `Data`, not copied: a 50 MiB download is in memory once, not
/// twice. The sent prefix of the array is dropped once it dominates it (amortised O(1) per byte),
/// so a client that keeps reading slowly while pipelining cannot make it grow without bound; how
/// much may be *unsent* is the connection's business (`HTTPServerConfiguration.maxOutputBytes`).
struct OutputBuffer {
    /// Bodies at least this large are sent from the caller's storage instead of being copied.
    static let sharedThreshold = 64 * 1024

    private enum Piece {
        case owned([UInt8])
        case shared(Data)

        var count: Int {
            switch self {
            case .owned(let bytes): bytes.count
            case .shared(let data): data.count
            }
        }
    }

    /// Queued pieces in send order; `offset` bytes of the first one are already sent.
    private var pieces: [Piece] = []
    private var offset = 0
    /// A sent array kept for the next response, so small responses do not allocate each time.
    private var spare: [UInt8] = []

    /// Bytes queued and not yet sent.
    private(set) var unsentCount = 0

    var isEmpty: Bool { unsentCount == 0 }

    mutating func append(_ head: [UInt8]) {
        appendCopy(head)
    }

    mutating func append(_ data: Data) {
        guard data.count >= Self.sharedThreshold else {
            data.withUnsafeBytes { appendCopy($0) }
            return
        }
        pieces.append(.shared(data))
        unsentCount += data.count
    }

    /// Calls `body` with the unsent bytes of the first queued piece (empty when nothing is
    /// queued) and returns what it returns. Send them, `consume` what went, and ask again
    /// while `isEmpty` is false.
    func withUnsentBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch pieces.first {
        case .owned(let bytes)?:
            return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[min(offset, $0.count)...])) }
        case .shared(let data)?:
            return data.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[min(offset, $0.count)...])) }
        case nil:
            return body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }

    /// Marks `count` bytes as sent (clamped to what is queued).
    mutating func consume(_ count: Int) {
        var left = max(0, count)
        while left > 0, let first = pieces.first {
            let remaining = first.count - offset
            if left < remaining {
                offset += left
                unsentCount -= left
                return
            }
            left -= remaining
            unsentCount -= remaining
            dropFirstPiece()
        }
    }

    /// Drops everything; releases big arrays, keeps a small one for the next response.
    mutating func reset() {
        while !pieces.isEmpty { dropFirstPiece() }
        unsentCount = 0
    }

    private mutating func dropFirstPiece() {
        guard !pieces.isEmpty else { return }
        let first = pieces.removeFirst()
        offset = 0
        if case .owned(var bytes) = first, bytes.capacity <= 1 << 20 {
            bytes.removeAll(keepingCapacity: true)
            spare = bytes
        }
    }

    private mutating func appendCopy<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        guard !bytes.isEmpty else { return }
        compactIfWorthwhile()
        unsentCount += bytes.count
        let last = pieces.count - 1
        if last >= 0, case .owned(var tail) = pieces[last] {
            pieces[last] = .owned([]) // leaves `tail` uniquely referenced, so it grows in place
            tail.append(contentsOf: bytes)
            pieces[last] = .owned(tail)
        } else {
            var fresh = spare
            spare = []
            fresh.append(contentsOf: bytes)
            pieces.append(.owned(fresh))
        }
    }

    /// Drops the sent prefix of a lone array before more is appended to it.
    private mutating func compactIfWorthwhile() {
        guard pieces.count == 1, offset >= 64 * 1024, case .owned(var bytes) = pieces[0], offset * 2 >= bytes.count else { return }
        pieces[0] = .owned([])
        bytes.removeFirst(min(offset, bytes.count))
        pieces[0] = .owned(bytes)
        offset = 0
    }
}
