import Foundation
import HTTPServer
import QTestStore

/// The dashboard under `/__emulator/ui/`: read-only HTML pages rendered by the emulator from
/// its own state, for demos and for seeing what a client did. Part of the control plane: the
/// same token and the same `--control off` (see ``DashboardAccess``).
///
/// | page | shows |
/// |---|---|
/// | `ui/` | projects with their runs by status; jobs, journal, faults, clock |
/// | `ui/projects/{projectId}` | the execution tree, each run's latest status as a colour (`?parentType=&parentId=` roots it at a container) |
/// | `ui/projects/{projectId}/runs` | the runs directly in one container, paged |
/// | `ui/projects/{projectId}/runs/{testRunId}` | a run: properties, logs newest first with steps and files |
/// | `ui/projects/{projectId}/design` | modules → test cases with version, Automation Content, steps |
/// | `ui/projects/{projectId}/modules/{moduleId}` | the test cases of one module, paged |
/// | `ui/queue` | upload jobs and webhook deliveries |
/// | `ui/journal` | the request journal, filtered |
/// | `ui/control` | clock, faults, snapshots; reset and snapshot buttons |
///
/// Errors a page meets (an unknown project, a bad `page`) are HTML pages with the status the
/// API would answer; anything unexpected goes to the route table's boundary (a logged 500).
enum DashboardRoutes {
    static func register(in table: inout RouteTable, app: EmulatorContext, deliveries: WebhookDeliveryReader? = nil) {
        let ui = DashboardAccess.root
        table.add("GET", ui, access: .open) { try page($0, app, ProjectsPage.render) }
        table.add("GET", ui + "/projects/{projectId}", access: .open) { try page($0, app, ExecutionTreePage.render) }
        table.add("GET", ui + "/projects/{projectId}/runs", access: .open) { try page($0, app, RunListPage.render) }
        table.add("GET", ui + "/projects/{projectId}/runs/{testRunId}", access: .open) { try page($0, app, RunPage.render) }
        table.add("GET", ui + "/projects/{projectId}/design", access: .open) { try page($0, app, DesignTreePage.render) }
        table.add("GET", ui + "/projects/{projectId}/modules/{moduleId}", access: .open) { try page($0, app, ModuleCasesPage.render) }
        table.add("GET", ui + "/queue", access: .open) { try page($0, app) { try QueuePage.render($0, deliveries: deliveries) } }
        table.add("GET", ui + "/journal", access: .open) { try page($0, app, JournalPage.render) }
        table.add("GET", ui + "/control", access: .open) { try page($0, app, ControlPage.render) }

        table.add("GET", ui + "/projects/{projectId}/attachments/{attachmentId}", access: .open) { context in
            guard let request = DashboardRequest(context, app: app) else { return DashboardAccess.redirect(to: "ui/", status: 301) }
            do { return try AttachmentPreview.respond(request) } catch { return try errorPage(error, request) }
        }
        table.add("GET", ui + "/stamp", access: .open) { _ in .json(200, stamp(app)) }
        table.add("GET", ui + "/statuses.css", access: .open) { _ in
            let css = StatusStyles.stylesheet(try app.read { db in try ProjectSummaries.statuses(db) })
            return DashboardPage.respond(200, contentType: "text/css; charset=utf-8", Data(css.utf8))
        }
        table.add("GET", ui + "/dashboard.css", access: .open) { _ in
            DashboardPage.respond(200, contentType: "text/css; charset=utf-8", Data(DashboardStylesheet.source.utf8))
        }
        table.add("GET", ui + "/dashboard.js", access: .open) { _ in
            DashboardPage.respond(200, contentType: "text/javascript; charset=utf-8", Data(DashboardScript.source.utf8))
        }
        table.add("POST", ui + "/login", access: .open) { context in DashboardAccess.login(context, app: app) }
    }

    /// Answers a page: its HTML, or an error page for an error the API knows the status of.
    private static func page(_ context: RequestContext, _ app: EmulatorContext,
                             _ render: (DashboardRequest) throws -> DashboardPage) throws -> HTTPResponse {
        // Only `…/ui` itself has no slash after `ui`: send it to `…/ui/` so links resolve.
        guard let request = DashboardRequest(context, app: app) else { return DashboardAccess.redirect(to: "ui/", status: 301) }
        do { return try render(request).response(request) } catch { return try errorPage(error, request) }
    }

    /// An error a page knows the status of, as an HTML page; anything else is rethrown.
    static func errorPage(_ error: Error, _ request: DashboardRequest) throws -> HTTPResponse {
        let apiError: APIError
        if let known = error as? APIError { apiError = known }
        else if let convertible = error as? APIErrorConvertible { apiError = convertible.apiError }
        else { throw error }
        let message = (try? apiError.body.optionalString("message")) ?? nil
        let main: HTML = """
            <div class="error-page"><h1>\(apiError.status == 404 ? "Not found" : "Cannot show this page")</h1>
            <p class="notice error">\(message ?? "Error \(apiError.status)")</p>
            <p><a href="./">Back to the projects</a></p></div>
            """
        return DashboardPage(title: "Error \(apiError.status)", section: nil, main: main).response(request, status: apiError.status)
    }

    /// What the pages' script polls: a counter per thing a page can watch. `store` moves with
    /// every write, `journal` with every journaled request (and a clear), `control` with the
    /// fault rules, their hits, the clock's mode and the snapshots.
    static func stamp(_ app: EmulatorContext) -> JSON {
        let control = app.control
        var digest = StableDigest()
        for rule in control.faults.rules { digest.add("\(rule.id):\(rule.hits);") }
        switch control.clock.current {
        case .frozen(let date): digest.add("frozen \(date.timeIntervalSince1970)")
        case .running(let offset): digest.add("running \(offset)")
        }
        for snapshot in control.snapshotList() { digest.add("|\(snapshot.name) \(snapshot.created.timeIntervalSince1970)") }
        return [
            "store": .int(Int64(truncatingIfNeeded: app.database.generation)),
            "journal": .string("\(control.journal.lastSequence)-\(control.journal.count)"),
            "control": .string(digest.hex),
        ]
    }
}

/// FNV-1a over text: a short fingerprint that is the same for the same text in every process
/// (`Hasher` is seeded per process).
struct StableDigest {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    var hex: String { String(value, radix: 16) }
}
