import Foundation
import HTTPServer

/// Successful GET answers of the API, kept until the next write to the store.
///
/// Clients poll (queue-processing, test-run lists) far more than they write. A response is
/// keyed by caller, host and request target, stamped with the store generation read before
/// the handler ran, and stored only if no write happened while it was built; any later write
/// makes every entry stale. Bounded by entry count and bytes; on overflow it starts over.
final class ResponseCache: @unchecked Sendable {  // `entries` and `bytes` are guarded by `lock`
    struct Key: Hashable {
        let user: Int64
        let host: String
        let target: String
    }

    private struct Entry {
        let generation: UInt64
        let response: HTTPResponse
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var bytes = 0
    private let maxEntries: Int
    private let maxBytes: Int

    init(maxEntries: Int = 4096, maxBytes: Int = 64 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    func lookup(_ key: Key, generation: UInt64) -> HTTPResponse? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[key], entry.generation == generation else { return nil }
        return entry.response
    }

    func store(_ response: HTTPResponse, for key: Key, generation: UInt64) {
        let size = response.body.count + key.target.utf8.count
        guard size <= maxBytes / 16 else { return }
        lock.lock(); defer { lock.unlock() }
        if entries.count >= maxEntries || bytes + size > maxBytes {
            entries.removeAll(keepingCapacity: true)
            bytes = 0
        }
        if let old = entries[key] { bytes -= old.response.body.count + key.target.utf8.count }
        entries[key] = Entry(generation: generation, response: response)
        bytes += size
    }
}
