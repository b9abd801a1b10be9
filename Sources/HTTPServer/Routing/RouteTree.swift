/// Route patterns by path shape: a tree with one level per segment, a literal child per
/// literal and one child for any parameter. A lookup walks the path's own segments instead of
/// matching every pattern of its length against it: that scan, and copying each route it
/// looked at, was a tenth of answering a cached GET.
///
/// The walk tries a segment's literal child before its parameter child, so the first node it
/// finds holding routes is the most specific shape that matches: the one that has a literal
/// at the first position where matching shapes differ ("literal beats parameter": `/runs/current`
/// over `/runs/{id}`). Every route of that node matches the path.
struct RouteTree: Sendable {
    private struct Node: Sendable {
        var literals: [Substring: Int] = [:]
        var parameter: Int?
        /// Indices of the routes whose pattern ends here.
        var routes: [Int] = []
    }

    private var nodes = [Node()]

    /// Adds route number `route`, whose pattern is `pattern`.
    mutating func insert(_ pattern: RoutePattern, route: Int) {
        var node = 0
        for segment in pattern.segments {
            switch segment {
            case .literal(let text):
                let key = Substring(text)
                if let child = nodes[node].literals[key] {
                    node = child
                } else {
                    nodes.append(Node())
                    nodes[node].literals[key] = nodes.count - 1
                    node = nodes.count - 1
                }
            case .parameter:
                if let child = nodes[node].parameter {
                    node = child
                } else {
                    nodes.append(Node())
                    nodes[node].parameter = nodes.count - 1
                    node = nodes.count - 1
                }
            }
        }
        nodes[node].routes.append(route)
    }

    /// The routes of the most specific shape matching `segments`, in the order they were added;
    /// empty when none matches.
    func routes(matching segments: [Substring]) -> [Int] {
        guard let node = find(segments, from: 0, at: 0) else { return [] }
        return nodes[node].routes
    }

    /// Depth-first, literal before parameter. It recurses at most as deep as the longest
    /// pattern: below that there are no children, whatever the length of the path.
    private func find(_ segments: [Substring], from depth: Int, at node: Int) -> Int? {
        if depth == segments.count { return nodes[node].routes.isEmpty ? nil : node }
        if let child = nodes[node].literals[segments[depth]], let found = find(segments, from: depth + 1, at: child) {
            return found
        }
        if let child = nodes[node].parameter, let found = find(segments, from: depth + 1, at: child) {
            return found
        }
        return nil
    }
}
