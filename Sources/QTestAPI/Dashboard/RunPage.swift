import Foundation
import QTestStore

/// `ui/projects/{projectId}/runs/{testRunId}[?page=]`: one run: its properties by field name,
/// and its logs newest first (20 a page), each with its step logs and files: images shown
/// inline, anything else as a download link.
enum RunPage {
    static let logsPerPage = 20

    static func render(_ request: DashboardRequest) throws -> DashboardPage {
        let projectID = try request.pathID("projectId")
        let runID = try request.pathID("testRunId")
        let page = try request.page()
        let (project, history, overview, statuses) = try request.app.read { db in
            (try Projects.get(db, projectID),
             try RunHistory.load(db, projectId: projectID, runId: runID, logs: Paging(page: page, pageSize: logsPerPage)),
             try ExecutionOverview.load(db, projectId: projectID, runsPerNode: 0),
             DashboardFormat.Statuses(try Fields.executionStatuses(db, projectId: projectID)))
        }
        let run = history.run
        let base = "projects/\(projectID)"
        let crumbs = HTML.join((overview.path(to: run.parent) ?? []).map { node -> HTML in
            node.container == .root
                ? "<a href=\"\(base)\">\(project.name)</a>"
                : "<a href=\"\(base)?parentType=\(node.container.type.rawValue)&parentId=\(node.container.id)\">\(node.pid) \(node.name)</a>"
        }, separator: " › ")

        let properties = history.properties.map { property -> HTML in
            let shown = property.valueName.flatMap { $0.isEmpty ? nil : $0 } ?? property.value
            return "<tr><th>\(property.fieldName)</th><td>\(shown.isEmpty ? "—" : shown)</td></tr>"
        }
        let logs = history.logs.items.map { log(statuses: statuses, projectBase: base, $0) }
        let link = { (n: Int) -> String in "\(base)/runs/\(runID)?page=\(n)" }
        let automation: HTML = run.automation.map { "<dt>automation</dt><dd><code>\($0)</code></dd>" } ?? .empty
        let main: HTML = """
            <p class="crumbs"><a href="./">Projects</a> › \(crumbs)</p>
            <h1>\(statuses.dot(run.statusId)) <span class="pid">\(run.pid)</span> \(run.name)</h1>
            <div class="panel"><dl class="facts">
            <dt>latest status</dt><dd>\(statuses.label(run.statusId))</dd>
            <dt>test case</dt><dd><a href="\(base)/design">\(history.testCasePid ?? "") version \(history.testCaseVersion ?? "?")</a></dd>
            \(automation)<dt>created</dt><dd>\(DashboardFormat.date(run.createdDate))</dd>
            <dt>last modified</dt><dd>\(DashboardFormat.date(run.lastModifiedDate))</dd>
            <dt>logs</dt><dd>\(history.logs.total)</dd>
            </dl></div>
            <h2>Properties</h2>
            \(properties.isEmpty ? "<p class=\"muted\">The project has no test-run fields.</p>" as HTML : "<table class=\"properties\"><tbody>\(properties)</tbody></table>")
            <h2>Test logs, newest first</h2>
            \(logs.isEmpty ? "<p class=\"muted\">Not executed yet: no test logs.</p>" as HTML : HTML.join(logs))
            \(DashboardFormat.pager(page: page, pageSize: logsPerPage, total: history.logs.total, link: link, previous: "newer", next: "older"))
            """
        return DashboardPage(title: "\(run.pid) \(run.name)", section: .projects, watch: [.store], main: main)
    }

    static func log(statuses: DashboardFormat.Statuses, projectBase base: String, _ entry: RunHistory.Log) -> HTML {
        let log = entry.log
        var facts: [HTML] = [
            "<dt>executed</dt><dd>\(DashboardFormat.date(log.exeStartDate)) → \(DashboardFormat.date(log.exeEndDate)) (\(DashboardFormat.duration(log.exeEndDate.timeIntervalSince(log.exeStartDate))))</dd>",
        ]
        if let tester = entry.tester { facts.append("<dt>tester</dt><dd>\(tester)</dd>") }
        if let name = log.name, !name.isEmpty { facts.append("<dt>name</dt><dd>\(name)</dd>") }
        if let note = log.note, !note.isEmpty { facts.append("<dt>note</dt><dd>\(note)</dd>") }
        if let build = log.buildNumber, !build.isEmpty { facts.append("<dt>build</dt><dd>\(build)</dd>") }
        // Shown as text, not a link: it is whatever a client sent.
        if let url = log.buildUrl, !url.isEmpty { facts.append("<dt>build URL</dt><dd><code>\(url)</code></dd>") }
        if let content = log.automationContent { facts.append("<dt>automation content</dt><dd><code>\(content.isEmpty ? "(none sent)" : content)</code></dd>") }
        let steps = entry.steps.map { step -> HTML in
            """
            <tr><td>\(step.step.sortOrder)</td><td>\(step.step.description ?? "")</td><td>\(step.step.expectedResult ?? "")</td>
            <td>\(step.step.actualResult ?? "")\(files(base, step.attachments))</td><td>\(statuses.label(step.step.statusId))</td></tr>
            """
        }
        let more: HTML = entry.stepCount > entry.steps.count
            ? "<tr><td colspan=\"5\" class=\"muted\">\(entry.stepCount - entry.steps.count) more step logs not shown</td></tr>" : .empty
        let stepTable: HTML = steps.isEmpty ? .empty : """
            <table class="steps"><thead><tr><th>#</th><th>step</th><th>expected</th><th>actual</th><th>status</th></tr></thead>
            <tbody>\(steps)\(more)</tbody></table>
            """
        return """
            <section class="panel log s\(log.statusId)" id="log-\(log.id)">
            <h3>\(statuses.label(log.statusId)) <span class="muted">log \(log.resultNumber ?? 0) · id \(log.id)</span></h3>
            <dl class="facts">\(facts)</dl>
            \(stepTable)\(files(base, entry.attachments))
            </section>
            """
    }

    /// Files: images as thumbnails that open the full image, others as download links.
    static func files(_ base: String, _ attachments: [AttachmentRecord]) -> HTML {
        guard !attachments.isEmpty else { return .empty }
        let items = attachments.map { file -> HTML in
            let href = "\(base)/attachments/\(file.id)"
            if AttachmentPreview.inlineType(file) != nil {
                return """
                    <figure><a href="\(href)"><img src="\(href)" alt="\(file.name)"></a>\
                    <figcaption>\(file.name) · \(DashboardFormat.bytes(file.size))</figcaption></figure>
                    """
            }
            return "<div class=\"file\"><a href=\"\(href)\" download>\(file.name)</a> <span class=\"muted\">\(file.contentType) · \(DashboardFormat.bytes(file.size))</span></div>"
        }
        return "<div class=\"files\">\(items)</div>"
    }
}
