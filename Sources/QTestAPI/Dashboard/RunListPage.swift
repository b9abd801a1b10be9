import Foundation
import QTestStore

/// `ui/projects/{projectId}/runs?parentType=&parentId=&page=`: the runs directly in one
/// container, 100 a page, each with its latest status: where the tree's "all N runs" leads.
enum RunListPage {
    static let pageSize = 100

    static func render(_ request: DashboardRequest) throws -> DashboardPage {
        let projectID = try request.pathID("projectId")
        let container = try ContainerQuery.parent(request) ?? .root
        let page = try request.page()
        let (project, overview, runs, statuses) = try request.app.read { db in
            (try Projects.get(db, projectID),
             try ExecutionOverview.load(db, projectId: projectID, runsPerNode: 0),
             try TestRuns.list(db, projectId: projectID, under: container, descendants: false, paging: Paging(page: page, pageSize: pageSize)),
             DashboardFormat.Statuses(try Fields.executionStatuses(db, projectId: projectID)))
        }
        let base = "projects/\(projectID)"
        let path = overview.path(to: container) ?? []
        let crumbs = HTML.join(path.map { node -> HTML in
            node.container == .root
                ? "<a href=\"\(base)\">\(project.name)</a>"
                : "<a href=\"\(base)?parentType=\(node.container.type.rawValue)&parentId=\(node.container.id)\">\(node.pid) \(node.name)</a>"
        }, separator: " › ")
        let title = path.last.map { $0.container == .root ? "Runs at the project's root" : "Runs in \($0.pid) \($0.name)" } ?? "Runs"
        let rows = runs.items.map { run -> HTML in
            """
            <tr><td>\(statuses.dot(run.statusId)) <a href="\(base)/runs/\(run.id)"><span class="pid">\(run.pid)</span> \(run.name)</a></td>
            <td>\(statuses.label(run.statusId))</td><td>\(DashboardFormat.date(run.lastModifiedDate))</td></tr>
            """
        }
        let link = { (n: Int) -> String in "\(base)/runs?parentType=\(container.type.rawValue)&parentId=\(container.id)&page=\(n)" }
        let main: HTML = """
            <p class="crumbs"><a href="./">Projects</a> › \(crumbs)</p>
            <h1>\(title)</h1>
            <table><thead><tr><th>run</th><th>latest status</th><th>last modified</th></tr></thead><tbody>\(rows)</tbody></table>
            \(runs.items.isEmpty ? "<p class=\"muted\">No runs on this page.</p>" as HTML : .empty)
            \(DashboardFormat.pager(page: page, pageSize: pageSize, total: runs.total, link: link))
            """
        return DashboardPage(title: "\(project.name) · runs", section: .projects, watch: [.store], main: main)
    }
}
