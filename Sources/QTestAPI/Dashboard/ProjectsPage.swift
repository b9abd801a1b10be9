import Foundation
import QTestStore

/// The dashboard's first page (`ui/`): every project with its runs by status, and how the
/// emulator is doing (queued jobs, journal, faults, clock).
enum ProjectsPage {
    static func render(_ request: DashboardRequest) throws -> DashboardPage {
        let (projects, statuses, jobs) = try request.app.read { db in
            (try ProjectSummaries.all(db), DashboardFormat.Statuses(try ProjectSummaries.statuses(db)), try Jobs.countsByState(db))
        }
        let rows = projects.map { project -> HTML in
            let id = project.record.id
            return """
                <tr><td class="pid">\(id)</td>
                <td><a href="projects/\(id)">\(project.record.name)</a><div class="muted">\(project.record.description ?? "")</div></td>
                <td>\(statuses.bar(project.runs)) <span class="muted">\(project.totalRuns) runs</span><div>\(statuses.chips(project.runs))</div></td>
                <td><a href="projects/\(id)/design">\(project.testCases) test cases</a></td>
                <td>\(project.releases)</td></tr>
                """
        }
        let control = request.app.control
        let waiting = (jobs[.waiting] ?? 0) + (jobs[.processing] ?? 0)
        let clock = control.clock.current
        let clockText: String = switch clock {
        case .frozen: "frozen at \(DashboardFormat.date(control.clock.now()))"
        case .running(let offset): offset == 0 ? "real time" : "running, \(DashboardFormat.duration(abs(offset))) \(offset < 0 ? "behind" : "ahead")"
        }
        let main: HTML = """
            <h1>Projects</h1>
            <table><thead><tr><th>id</th><th>project</th><th>test runs</th><th>design</th><th>releases</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(projects.isEmpty ? "<p class=\"muted\">No projects: the store is empty (started with <code>--seed none</code>?).</p>" : HTML.empty)
            <h2>Emulator</h2>
            <div class="panel"><dl class="facts">
            <dt>jobs</dt><dd><a href="queue">\(waiting) waiting or running</a> · \(jobs[.success] ?? 0) succeeded · \(jobs[.failed] ?? 0) failed</dd>
            <dt>journal</dt><dd><a href="journal">\(control.journal.count) requests kept</a> (of \(control.journal.capacity))</dd>
            <dt>faults</dt><dd><a href="control">\(control.faults.rules.count) active</a></dd>
            <dt>clock</dt><dd>\(clockText)</dd>
            <dt>seed</dt><dd>\(ControlRoutes.describe(request.app.options.seed))</dd>
            </dl></div>
            """
        return DashboardPage(title: "Projects", section: .projects, watch: [.store], main: main)
    }
}
