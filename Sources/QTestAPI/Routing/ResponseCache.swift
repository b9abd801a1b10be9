import Foundation
import HTTPServer
import Synchronization

/// Successful GET answers of the API, kept until the next write to the store.
///
/// Clients poll (queue-processing, test-run lists) far more than they write. A response is
/// keyed by caller, host and request target, stamped with the store generation read before
/// the handler ran, and stored only if no write happened while it was built; any later write
/// makes every entry stale. Bounded by entry count and bytes; on overflow it starts over.
final class ResponseCache: Sendable {
    struct Key: Hashable {
        let user: Int64
        let host: String
        let target: String
    }

    private struct Entry {
        let generation: UInt64
        let response: HTTPResponse
    }

    private struct Entries {
        var byKey: [Key: Entry] = [:]
        /// Body and target bytes of everything in `byKey`.
        var bytes = 0
    }

    private let entries = Mutex(Entries())
    private let maxEntries: Int
    private let maxBytes: Int

    init(maxEntries: Int = 4096, maxBytes: Int = 64 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    func lookup(_ key: Key, generation: UInt64) -> HTTPResponse? {
        guard let entry = entries.withLock({ $0.byKey[key] }), entry.generation == generation else { return nil }
        return entry.response
    }

    func store(_ response: HTTPResponse, for key: Key, generation: UInt64) {
        let size = response.body.count + key.target.utf8.count
        guard size <= maxBytes / 16 else { return }
        let entry = Entry(generation: generation, response: response)
        entries.withLock { entries in
            if entries.byKey.count >= maxEntries || entries.bytes + size > maxBytes {
                entries.byKey.removeAll(keepingCapacity: true)
                entries.bytes = 0
            }
            if let old = entries.byKey[key] { entries.bytes -= old.response.body.count + key.target.utf8.count }
            entries.byKey[key] = entry
            entries.bytes += size
        }
    }
}
