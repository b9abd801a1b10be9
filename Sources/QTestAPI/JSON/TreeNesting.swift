import QTestStore

/// Nests the rows of a tree (modules, test cycles) into JSON without recursion.
///
/// A recursive encoder takes a few stack frames per level, and a tree left 20,000 levels deep
/// by an old database overflows any thread's stack with it. Instead the store hands over the
/// rows parents-first (``Modules/subtrees(_:roots:levels:)``, ``TestCycles/subtrees(_:roots:levels:)``,
/// at most ``TreeLimits/maxDepth`` levels), and they are encoded last-first: every node's
/// children are finished before the node itself.
///
/// Stopping at ``TreeLimits/maxDepth`` levels also bounds the response: each level nests the
/// JSON two levels deeper, and the serializer and the client's parser recurse per JSON level.
/// No tree written within the limit is cut; in a deeper one the nodes of the last level come
/// without their children, and a client reads on by expanding one of them.
enum TreeNesting {
    /// The encoded subtree of each of `roots`, by id. `encode` gets a node and its encoded
    /// children in the rows' order. A node whose parent is not among the rows is dropped.
    static func nest<Node>(_ rows: [Node], roots: Set<Int64>, id: (Node) -> Int64, parent: (Node) -> Int64?,
                           encode: (Node, [JSON]) throws -> JSON) rethrows -> [Int64: JSON] {
        var pending: [Int64: [JSON]] = [:]  // encoded children, last sibling first
        var done: [Int64: JSON] = [:]
        for node in rows.reversed() {
            let key = id(node)
            let json = try encode(node, Array((pending.removeValue(forKey: key) ?? []).reversed()))
            if roots.contains(key) {
                done[key] = json
            } else if let parentID = parent(node) {
                pending[parentID, default: []].append(json)
            }
        }
        return done
    }
}
