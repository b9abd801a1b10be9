import Foundation
import QTestStore

/// `ui/projects/{projectId}/modules/{moduleId}[?page=]`: every test case directly in one module
/// (0: in none), 100 a page.
enum ModuleCasesPage {
    static let pageSize = 100

    static func render(_ request: DashboardRequest) throws -> DashboardPage {
        let projectID = try request.pathID("projectId")
        let moduleID = try request.pathID("moduleId")
        let page = try request.page()
        let (project, design, cases) = try request.app.read { db in
            (try Projects.get(db, projectID), try DesignOverview.load(db, projectId: projectID, casesPerModule: 0),
             try DesignOverview.cases(db, projectId: projectID, moduleId: moduleID, paging: Paging(page: page, pageSize: pageSize)))
        }
        guard let module = design.module(moduleID) else { throw APIError.notFound("Module \(moduleID) is not in project \(projectID)") }
        let base = "projects/\(projectID)"
        let main: HTML = """
            <p class="crumbs"><a href="./">Projects</a> › <a href="\(base)/design">\(project.name)</a> › test cases</p>
            <h1>\(moduleID == 0 ? "Test cases in no module" : "Test cases in \(module.pid) \(module.name)")</h1>
            <ul class="tree runs">\(cases.items.map(DesignTreePage.testCase))</ul>
            \(cases.items.isEmpty ? "<p class=\"muted\">No test cases on this page.</p>" as HTML : .empty)
            \(DashboardFormat.pager(page: page, pageSize: pageSize, total: cases.total, link: { "\(base)/modules/\(moduleID)?page=\($0)" }))
            """
        return DashboardPage(title: "\(project.name) · test cases", section: .projects, watch: [.store], main: main)
    }
}
