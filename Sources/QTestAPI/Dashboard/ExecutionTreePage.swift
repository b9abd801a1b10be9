import Foundation
import QTestStore

/// `ui/projects/{projectId}[?parentType=&parentId=]`: the execution tree of a project
/// (releases → cycles → suites → runs), each container with its runs by status as chips and a
/// bar, each run as a coloured dot with its latest status. With a container named, the view
/// is rooted there (how a large tree is read a part at a time).
enum ExecutionTreePage {
    /// Trees with more runs than this in view start closed.
    static let openLimit = 500

    static func render(_ request: DashboardRequest) throws -> DashboardPage {
        let projectID = try request.pathID("projectId")
        let view = try ContainerQuery.parent(request) ?? .root
        let page = try request.page()
        let (project, overview, statuses) = try request.app.read { db in
            (try Projects.get(db, projectID),
             try ExecutionOverview.load(db, projectId: projectID, runsPerNode: TreeView.defaultItemsPerNode),
             DashboardFormat.Statuses(try Fields.executionStatuses(db, projectId: projectID)))
        }
        guard let root = overview.position(of: view), let path = overview.path(to: view) else {
            throw APIError.notFound("\(ContainerQuery.title(view.type)) \(view.id) is not in project \(projectID)")
        }
        let nodes = overview.nodes
        let base = "projects/\(projectID)"
        func runsLink(_ container: ExecutionParent) -> String {
            "\(base)/runs?parentType=\(container.type.rawValue)&parentId=\(container.id)"
        }
        func zoomLink(_ container: ExecutionParent) -> String {
            container == .root ? base : "\(base)?parentType=\(container.type.rawValue)&parentId=\(container.id)"
        }
        func heading(_ node: ExecutionOverview.Node) -> HTML {
            let (kind, label): (String, String) = switch node.container.type {
            case .release: ("release", "RL")
            case .testCycle: ("cycle", "CL")
            case .testSuite: ("suite", "TS")
            case .root: ("", "")
            }
            return "<span class=\"kind \(kind)\">\(label)</span> <span class=\"pid\">\(node.pid)</span> <span class=\"name\">\(node.name)</span>"
        }
        func counts(_ node: ExecutionOverview.Node) -> HTML {
            "\(statuses.bar(node.counts)) <span class=\"counts\">\(statuses.chips(node.counts))</span><span class=\"muted\">\(node.totalRuns) runs</span>"
        }
        let drawing = TreeView(open: nodes[root].totalRuns <= openLimit)
        let source = TreeView.Source(
            children: { nodes[$0].children },
            summary: { "\(heading(nodes[$0])) \(counts(nodes[$0]))" },
            itemCount: { nodes[$0].runs.count },
            items: { index in
                nodes[index].runs.map { run in
                    "<li class=\"run\"><a href=\"\(base)/runs/\(run.id)\">\(statuses.dot(run.statusId)) <span class=\"pid\">\(run.pid)</span> \(run.name)</a> \(statuses.label(run.statusId))</li>"
                }
            },
            moreItems: { index in
                let node = nodes[index]
                guard node.directRuns > node.runs.count else { return .empty }
                return "<div class=\"more\"><a href=\"\(runsLink(node.container))\">all \(node.directRuns) runs directly in it →</a></div>"
            },
            zoom: { index in
                let node = nodes[index]
                return "\(heading(node)) \(counts(node)) <a href=\"\(zoomLink(node.container))\">open this part →</a> <span class=\"muted\">(\(node.descendants) containers inside)</span>"
            },
            anchor: { "n-\(nodes[$0].container.type.rawValue)-\(nodes[$0].container.id)" })

        let crumbs = HTML.join(path.map { node -> HTML in
            node.container == .root ? "<a href=\"\(base)\">\(project.name)</a>" : "<a href=\"\(zoomLink(node.container))\">\(node.pid) \(node.name)</a>"
        }, separator: " › ")
        let top = nodes[root]
        let pages = drawing.pages(root: root, source)
        let pager = DashboardFormat.pager(page: page, pageSize: drawing.childrenPerNode, total: top.children.count,
                                          link: { "\(zoomLink(view))\(view == .root ? "?" : "&")page=\($0)" })
        let empty: HTML = top.totalRuns == 0 && top.children.isEmpty
            ? "<p class=\"muted\">Nothing in the execution tree yet: create a release, cycle, suite or run, or upload results.</p>" : .empty
        let main: HTML = """
            <p class="crumbs"><a href="./">Projects</a> › \(crumbs)</p>
            <h1>\(view == .root ? project.name : "\(top.pid) \(top.name)")</h1>
            <div class="panel">\(counts(top)) <span class="muted">· \(top.descendants) containers</span>
            · <a href="\(base)/design">test design →</a>\(view == .root ? HTML.empty : " · <a href=\"\(runsLink(view))\">runs directly in it →</a>" as HTML)</div>
            \(page > pages ? "<p class=\"muted\">No containers on this page.</p>" as HTML : drawing.render(root: root, page: page, source))
            \(pager)\(empty)
            """
        return DashboardPage(title: "\(project.name) · execution", section: .projects, watch: [.store], main: main)
    }
}
