import Foundation
import QTestStore

/// `ui/queue[?page=]`: upload jobs newest first (state, timing, request and result), 50 a
/// page, and the latest webhook deliveries with their outcome.
enum QueuePage {
    static let pageSize = 50
    /// How much of a job's request and result is shown.
    static let excerpt = 4_000

    static func render(_ request: DashboardRequest, deliveries: WebhookDeliveryReader?) throws -> DashboardPage {
        let page = try request.page()
        let (jobs, sent) = try request.app.read { db in
            (try JobSummaries.page(db, paging: Paging(page: page, pageSize: pageSize), excerpt: excerpt),
             try deliveries.map { try $0(db, WebhookDeliveriesPanel.limit) })
        }
        let table: HTML = jobs.total == 0
            ? "<p class=\"muted\">No jobs yet: automation uploads (<code>auto-test-logs</code>) queue one each.</p>"
            : """
            <table class="jobs"><thead><tr><th>job</th><th>state</th><th>type</th><th>project</th><th>by</th><th>submitted</th>\
            <th>took</th><th>attempts</th><th>request · result</th></tr></thead><tbody>\(jobs.items.map(row))</tbody></table>
            """
        let main: HTML = """
            <h1>Queue</h1>
            <h2>Upload jobs</h2>
            \(table)
            \(DashboardFormat.pager(page: page, pageSize: pageSize, total: jobs.total, link: { "queue?page=\($0)" }, previous: "newer", next: "older"))
            <h2>Webhook deliveries</h2>
            \(WebhookDeliveriesPanel.render(sent))
            """
        return DashboardPage(title: "Queue", section: .queue, watch: [.store], main: main)
    }

    static func row(_ job: JobSummaries.Job) -> HTML {
        // A finished job's last update is when it finished.
        let took = job.state.isFinished ? DashboardFormat.duration(job.updatedDate.timeIntervalSince(job.createdDate)) : "—"
        let request = text(job.request, of: job.requestLength)
        let result: HTML = job.content.map { "<div class=\"muted\">result</div><pre>\(text($0, of: job.contentLength))</pre>" } ?? .empty
        return """
            <tr class="job" id="job-\(job.id)"><td class="pid">\(job.id)</td><td class="state \(job.state.rawValue)">\(job.state.rawValue)</td>
            <td><code>\(job.type)</code></td><td><a href="projects/\(job.projectId)">\(job.projectId)</a></td><td>\(job.username ?? "—")</td>
            <td>\(DashboardFormat.date(job.createdDate))</td><td>\(took)</td><td>\(job.attempts)</td>
            <td><details id="jd-\(job.id)"><summary>\(DashboardFormat.bytes(job.requestLength)) request</summary>\
            <div class="muted">request</div><pre>\(request)</pre>\(result)</details></td></tr>
            """
    }

    /// `text`, with a note when it was cut from `length` characters.
    static func text(_ text: String, of length: Int) -> String {
        length > text.count ? text + "\n… (\(length - text.count) more characters)" : text
    }
}
