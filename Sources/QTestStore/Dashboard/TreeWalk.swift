/// Walks over a tree kept as nodes with child and parent indexes (the dashboard's read models),
/// without recursion: trees from a database may nest deeper than a stack should go, and a
/// damaged parent chain must end rather than loop.
enum TreeWalk {
    /// The nodes reachable from `root`, each parent before its children, siblings in order.
    /// A node reached twice is taken once.
    static func preorder(from root: Int, children: (Int) -> [Int]) -> [Int] {
        var order: [Int] = []
        var stack = [root]
        var seen = Set<Int>()
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            order.append(next)
            stack.append(contentsOf: children(next).reversed())
        }
        return order
    }

    /// `node` and its ancestors, the root first; at most `limit` of them.
    static func path(to node: Int, limit: Int, parent: (Int) -> Int?) -> [Int] {
        var path = [node]
        var at = node
        while let up = parent(at), path.count <= limit {
            path.append(up)
            at = up
        }
        return path.reversed()
    }
}
