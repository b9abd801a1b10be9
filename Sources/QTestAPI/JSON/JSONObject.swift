/// The members of a JSON object: in order, each key at most once, found by key in constant time.
///
/// Order is kept on purpose (byte-identical responses, fixtures that read like the contract),
/// so the members are an array. Finding a key by scanning that array made parsing quadratic —
/// an 80,000-key request body took 17 s of CPU — so objects larger than ``indexThreshold`` also
/// keep a dictionary from key to position. Small objects, which is nearly all of them
/// (every response object is built from a literal), stay a bare array: a scan of a few short
/// keys is cheaper than hashing them.
///
/// Duplicate keys: the last value wins, at the position where the key first appeared. The
/// parser, literals and ``set(_:_:)`` all apply that rule, so an object never holds a key twice
/// and a lookup has one answer.
public struct JSONObject: Sendable {
    public private(set) var members: [(String, JSON)]
    /// Key → position in `members`; nil while the object is small enough to scan.
    private var positions: [String: Int]?

    /// Above this many members lookups go through the dictionary. Response objects have up to
    /// about 25 members; indexing those made building a test-run list ~1.8× slower, while a
    /// scan of 32 short keys costs less than hashing them.
    static let indexThreshold = 32

    public init() { members = [] }

    /// The members in order, duplicates resolved as described on the type (last value wins).
    public init<S: Sequence>(_ members: S) where S.Element == (String, JSON) {
        self.init()
        self.members.reserveCapacity(members.underestimatedCount)
        for (key, value) in members { set(key, value) }
    }

    /// The value of `key`, or nil.
    public subscript(key: String) -> JSON? {
        guard let i = position(of: key) else { return nil }
        return members[i].1
    }

    /// Replaces the value of `key` in place, or appends the member.
    public mutating func set(_ key: String, _ value: JSON) {
        if let i = position(of: key) {
            members[i].1 = value
            return
        }
        members.append((key, value))
        if positions != nil {
            positions?[key] = members.count - 1
        } else if members.count > JSONObject.indexThreshold {
            var index = [String: Int](minimumCapacity: members.count * 2)
            for (i, member) in members.enumerated() { index[member.0] = i }
            positions = index
        }
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        // Lengths first: they are stored, and most keys of an object differ in length.
        let length = key.utf8.count
        return members.firstIndex { $0.0.utf8.count == length && $0.0 == key }
    }
}

extension JSONObject: RandomAccessCollection {
    public var startIndex: Int { members.startIndex }
    public var endIndex: Int { members.endIndex }
    public subscript(position: Int) -> (String, JSON) { members[position] }
}

extension JSONObject: Equatable {
    /// Same members in the same order (order is part of an object's identity here, as it is
    /// of its serialized bytes).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        // A plain loop: `==` recurses once per nesting level, and closures would make each
        // level's frame several times larger in a debug build.
        for i in lhs.members.indices where lhs.members[i].0 != rhs.members[i].0 || lhs.members[i].1 != rhs.members[i].1 {
            return false
        }
        return true
    }
}
