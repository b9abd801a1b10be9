import Foundation
import Synchronization

/// Values derived from the store that nearly every read needs and almost no write changes:
/// the field definitions behind each object's `properties`. Reading them was an eighth of
/// answering a test run, and a test case with 50 steps read its steps' fields 50 times.
///
/// An entry belongs to the ``QTestDatabase/generation`` it was read at and is used only while
/// the generation is unchanged, so any write (a field edit, a reset, a snapshot restore) makes
/// it stale. Only reads use it: ``QTestDatabase/read(_:)`` makes the ``Scope`` current, and a
/// write, which may be changing fields itself, never sees one.
final class ReadCache: Sendable {
    /// What a read in progress may use: the cache, and the generation it saw before it began.
    struct Scope: Sendable {
        let cache: ReadCache
        let generation: UInt64
    }

    /// The scope of the read running on this thread, if any.
    @TaskLocal static var current: Scope?

    private struct FieldsKey: Hashable {
        let projectId: Int64
        let kind: ObjectKind
    }

    /// Entries are few (projects × object kinds); past this many the cache starts over rather
    /// than grow with every project a client ever read.
    static let capacity = 1024

    private let fields = Mutex<[FieldsKey: (generation: UInt64, value: [ObjectProperties.FieldInfo])]>([:])
    private let currentGeneration: @Sendable () -> UInt64

    init(generation: @escaping @Sendable () -> UInt64) { currentGeneration = generation }

    /// The field definitions of `kind` in `projectId` at `scope`'s generation: from memory, or
    /// from `read`, kept when no write finished while it ran (so the value is that generation's).
    func fieldInfo(projectId: Int64, _ kind: ObjectKind, at generation: UInt64,
                   _ read: () throws -> [ObjectProperties.FieldInfo]) rethrows -> [ObjectProperties.FieldInfo] {
        let key = FieldsKey(projectId: projectId, kind: kind)
        if let entry = fields.withLock({ $0[key] }), entry.generation == generation { return entry.value }
        let value = try read()
        if currentGeneration() == generation {
            fields.withLock { entries in
                if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = (generation, value)
            }
        }
        return value
    }
}
