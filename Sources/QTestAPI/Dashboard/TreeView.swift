/// Draws a tree of containers (releases → cycles → suites, or modules) as nested `<details>`
/// within a budget of lines, so a project of any size gives a page of bounded size.
///
/// The budget is spent breadth-first: the top levels are drawn whole, and a container whose
/// children and items no longer fit is drawn as one line that links to a view rooted at it
/// (``Source/zoom``). Each container shows at most ``itemsPerNode`` items (runs, test cases) and
/// ``childrenPerNode`` child containers; the rest are behind links. Walks use explicit stacks
/// and queues: trees may nest deeper than any recursion should go.
struct TreeView {
    /// What the view asks of the tree it draws; `Int` is a node's index.
    struct Source {
        var children: (Int) -> [Int]
        /// The `<summary>` content of a node.
        var summary: (Int) -> HTML
        /// How many item lines a node has (cheaper than drawing them, for the budget).
        var itemCount: (Int) -> Int
        /// The item lines (`<li>…</li>`) of a node, at most ``TreeView/itemsPerNode`` of them.
        var items: (Int) -> [HTML]
        /// A line after the items: "all 120 runs →" (or nothing when all are shown).
        var moreItems: (Int) -> HTML
        /// A node drawn without its contents: its summary and a link to a view rooted at it.
        var zoom: (Int) -> HTML
        /// The `id` of a node's `<details>`, stable across renders (live refresh keeps the
        /// open/closed state by it).
        var anchor: (Int) -> String
    }

    var lineBudget = 1_200
    var itemsPerNode = TreeView.defaultItemsPerNode
    static let defaultItemsPerNode = 20
    var childrenPerNode = 200
    /// Whether containers start open (small trees) or closed.
    var open: Bool

    /// The nodes under `root` (not `root` itself) as `<li>` lines, and the root's own items.
    /// The root's children are shown ``childrenPerNode`` at a time: `page` (1-based) picks
    /// which (the caller draws the pager, see ``pages(root:_:)``).
    func render(root: Int, page: Int = 1, _ source: Source) -> HTML {
        let offset = (max(1, page) - 1).multipliedReportingOverflow(by: childrenPerNode)
        let top = Array(source.children(root).dropFirst(offset.overflow ? Int.max : offset.partialValue).prefix(childrenPerNode))
        // Which nodes show their contents: breadth-first while the budget lasts.
        var expanded = Set<Int>()
        var queue = [root]
        var head = 0
        var lines = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            let children = node == root ? top[...] : source.children(node).prefix(childrenPerNode)
            let cost = children.count + min(itemsPerNode, source.itemCount(node))
            guard node == root || lines + cost <= lineBudget else { continue }
            expanded.insert(node)
            lines += cost
            queue.append(contentsOf: children)
        }

        enum Step { case enter(Int), leave(Int) }
        var out: [HTML] = []
        var stack: [Step] = top.reversed().map { .enter($0) }
        while let step = stack.popLast() {
            switch step {
            case .enter(let node):
                guard expanded.contains(node) else {
                    out.append("<li>\(source.zoom(node))</li>")
                    continue
                }
                out.append("<li><details id=\"\(source.anchor(node))\"\(open ? " open" as HTML : .empty)><summary>\(source.summary(node))</summary>")
                stack.append(.leave(node))
                let children = source.children(node)
                if !children.isEmpty {
                    out.append("<ul>")
                    stack.append(contentsOf: children.prefix(childrenPerNode).reversed().map { .enter($0) })
                }
            case .leave(let node):
                let children = source.children(node)
                if children.count > childrenPerNode {
                    out.append("<li class=\"more\">\(children.count - childrenPerNode) more containers: \(source.zoom(node))</li>")
                }
                if !children.isEmpty { out.append("</ul>") }
                out.append(items(of: node, source))
                out.append("</details></li>")
            }
        }
        return "<ul class=\"tree\">\(out)</ul>\(items(of: root, source))"
    }

    /// How many pages the root's children take.
    func pages(root: Int, _ source: Source) -> Int {
        max(1, (source.children(root).count + childrenPerNode - 1) / childrenPerNode)
    }

    private func items(of node: Int, _ source: Source) -> HTML {
        let items = source.items(node).prefix(itemsPerNode)
        guard !items.isEmpty else { return source.moreItems(node) }
        return "<ul class=\"runs\">\(Array(items))</ul>\(source.moreItems(node))"
    }
}
