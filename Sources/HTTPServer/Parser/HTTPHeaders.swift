/// Ordered header fields with ASCII case-insensitive names.
/// Order and repetition are preserved because some fields (Set-Cookie, Link) are lists.
public struct HTTPHeaders: Sendable, Sequence {
    public typealias Element = (name: String, value: String)
    private var fields: [Element]

    public init(_ pairs: [(String, String)] = []) {
        fields = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// First value for `name`; setting replaces every existing field of that name (nil removes).
    public subscript(name: String) -> String? {
        get { fields.first { ASCII.caseInsensitiveEquals($0.name, name) }?.value }
        set {
            if let newValue {
                if let i = fields.firstIndex(where: { ASCII.caseInsensitiveEquals($0.name, name) }) {
                    fields[i] = (name: name, value: newValue)
                    var j = fields.count - 1
                    while j > i {
                        if ASCII.caseInsensitiveEquals(fields[j].name, name) { fields.remove(at: j) }
                        j -= 1
                    }
                } else {
                    fields.append((name: name, value: newValue))
                }
            } else {
                remove(name)
            }
        }
    }

    public func values(_ name: String) -> [String] {
        fields.filter { ASCII.caseInsensitiveEquals($0.name, name) }.map(\.value)
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { ASCII.caseInsensitiveEquals($0.name, name) }
    }

    public var count: Int { fields.count }

    public func contains(_ name: String) -> Bool {
        fields.contains { ASCII.caseInsensitiveEquals($0.name, name) }
    }

    /// True when a comma-separated list header (e.g. Connection) contains `token`, case-insensitively.
    public func hasToken(_ token: String, in name: String) -> Bool {
        ASCII.tokenList(values(name)).contains(token.lowercased())
    }

    public func makeIterator() -> IndexingIterator<[Element]> {
        fields.makeIterator()
    }
}
