import Foundation
import QTestStore

/// `ui/projects/{projectId}/design[?module=]`: the test-design tree: modules, and in each its
/// test cases at their latest version with Automation Content and steps. `module` roots the
/// view at one module; `ui/projects/{projectId}/modules/{moduleId}` pages all cases of one.
enum DesignTreePage {
    static func render(_ request: DashboardRequest) throws -> DashboardPage {
        let projectID = try request.pathID("projectId")
        let moduleID = try request.queryInt("module") ?? 0
        let page = try request.page()
        let (project, design) = try request.app.read { db in
            (try Projects.get(db, projectID), try DesignOverview.load(db, projectId: projectID, casesPerModule: TreeView.defaultItemsPerNode))
        }
        guard let root = design.position(of: moduleID), let path = design.path(to: moduleID) else {
            throw APIError.notFound("Module \(moduleID) is not in project \(projectID)")
        }
        let modules = design.modules
        let base = "projects/\(projectID)"
        func zoomLink(_ id: Int64) -> String { id == 0 ? "\(base)/design" : "\(base)/design?module=\(id)" }
        func heading(_ module: DesignOverview.Module) -> HTML {
            "<span class=\"kind module\">MD</span> <span class=\"pid\">\(module.pid)</span> <span class=\"name\">\(module.name)</span> <span class=\"muted\">\(module.totalCases) test cases</span>"
        }
        let drawing = TreeView(open: modules[root].totalCases <= 300)
        let source = TreeView.Source(
            children: { modules[$0].children },
            summary: { heading(modules[$0]) },
            itemCount: { modules[$0].cases.count },
            items: { modules[$0].cases.map(testCase) },
            moreItems: { index in
                let module = modules[index]
                guard module.directCases > module.cases.count else { return .empty }
                return "<div class=\"more\"><a href=\"\(base)/modules/\(module.id)\">all \(module.directCases) test cases directly in it →</a></div>"
            },
            zoom: { index in
                "\(heading(modules[index])) <a href=\"\(zoomLink(modules[index].id))\">open this part →</a> <span class=\"muted\">(\(modules[index].descendants) modules inside)</span>"
            },
            anchor: { "m-\(modules[$0].id)" })
        let crumbs = HTML.join(path.map { module -> HTML in
            module.id == 0 ? "<a href=\"\(zoomLink(0))\">\(project.name)</a>" : "<a href=\"\(zoomLink(module.id))\">\(module.pid) \(module.name)</a>"
        }, separator: " › ")
        let top = modules[root]
        let pager = DashboardFormat.pager(page: page, pageSize: drawing.childrenPerNode, total: top.children.count,
                                          link: { "\(zoomLink(moduleID))\(moduleID == 0 ? "?" : "&")page=\($0)" })
        let main: HTML = """
            <p class="crumbs"><a href="./">Projects</a> › \(crumbs) › design</p>
            <h1>\(moduleID == 0 ? "\(project.name): test design" : "\(top.pid) \(top.name)")</h1>
            <div class="panel">\(top.totalCases) test cases in \(top.descendants) modules · <a href="\(base)">execution tree →</a></div>
            \(page > drawing.pages(root: root, source) ? "<p class=\"muted\">No modules on this page.</p>" as HTML : drawing.render(root: root, page: page, source))
            \(pager)\(top.totalCases == 0 && top.children.isEmpty ? "<p class=\"muted\">No modules or test cases yet.</p>" as HTML : .empty)
            """
        return DashboardPage(title: "\(project.name) · design", section: .projects, watch: [.store], main: main)
    }

    /// A test case line: PID, name, version, Automation Content, and its steps folded inside.
    static func testCase(_ item: DesignOverview.Case) -> HTML {
        let steps = item.steps.map { step -> HTML in
            let call: HTML = step.calledTestCaseId.map { "<span class=\"muted\"> (calls test case \($0))</span>" } ?? .empty
            return "<li>\(step.description)\(call)\(step.expected.isEmpty ? HTML.empty : " <span class=\"muted\">→ \(step.expected)</span>" as HTML)</li>"
        }
        let automation: HTML = item.automationContent.map { " · automation <code>\($0)</code>" } ?? .empty
        let facts: HTML = "<span class=\"muted\">v\(item.version)\(item.isApproved ? " approved" : "") · \(item.steps.count) steps\(automation)</span>"
        return """
            <li class="case"><details id="c-\(item.id)"><summary><span class="pid">\(item.pid)</span> \(item.name) \(facts)</summary>\
            \(steps.isEmpty ? "<p class=\"muted steps\">No steps.</p>" as HTML : "<ol class=\"steps\">\(steps)</ol>")</details></li>
            """
    }
}
