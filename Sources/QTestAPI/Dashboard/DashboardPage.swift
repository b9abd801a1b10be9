import Foundation
import HTTPServer

/// The frame every dashboard page shares (head, navigation, the live indicator), and how a
/// page becomes a response: HTML with a strict Content-Security-Policy and the render time in
/// `Server-Timing`.
///
/// Only `<main id="main">` is swapped by a live refresh (``DashboardScript``), so what sits in
/// ``tools`` (the journal filter, the snapshot name field) keeps what the reader typed.
struct DashboardPage {
    /// The navigation entries; a page names the one it belongs to.
    enum Section: CaseIterable {
        case projects, queue, journal, control

        var title: String {
            switch self {
            case .projects: "Projects"
            case .queue: "Queue"
            case .journal: "Journal"
            case .control: "Control"
            }
        }

        /// Relative to the dashboard root.
        var link: String {
            switch self {
            case .projects: "./"
            case .queue: "queue"
            case .journal: "journal"
            case .control: "control"
            }
        }
    }

    /// What a live page refreshes on: keys of `ui/stamp`.
    struct Watch: OptionSet {
        let rawValue: Int
        static let store = Watch(rawValue: 1)
        static let journal = Watch(rawValue: 2)
        static let control = Watch(rawValue: 4)

        var names: String {
            [(Watch.store, "store"), (.journal, "journal"), (.control, "control")].filter { contains($0.0) }.map(\.1).joined(separator: " ")
        }
    }

    var title: String
    var section: Section?
    var watch: Watch = []
    var tools: HTML = .empty
    var main: HTML

    /// The whole document for `request`.
    func document(_ request: DashboardRequest) -> HTML {
        let nav = HTML.join(Section.allCases.map { item in
            item == section ? "<a class=\"here\" href=\"\(item.link)\">\(item.title)</a>" : "<a href=\"\(item.link)\">\(item.title)</a>"
        })
        // The page was served to a holder of the control token (ControlResponder checked it),
        // so it may carry it for the script's control-plane POSTs.
        let token: HTML = request.app.control.token.map { "<meta name=\"control-token\" content=\"\($0)\">\n" } ?? .empty
        let live: HTML = watch.isEmpty ? .empty : "<button id=\"live\" class=\"live\" type=\"button\" title=\"Pause or resume live refresh\">live</button>"
        let rendered = String(format: "%.1f", request.elapsedMs)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <base href="\(request.base)">
            <title>\(title) · qtest-emulator</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(token)<link rel="stylesheet" href="dashboard.css">
            <link rel="stylesheet" href="statuses.css">
            <script src="dashboard.js" defer></script>
            </head>
            <body data-watch="\(watch.names)">
            <header><nav><a class="brand" href="./">qtest-emulator</a>\(nav)\(live)</nav></header>
            <div class="tools"><div id="notice" class="notice"></div>\(tools)</div>
            <main id="main">
            \(main)
            </main>
            <footer>Rendered in \(rendered) ms · qtest-emulator \(EmulatorVersion.emulator) answering as qTest \(EmulatorVersion.qTest)</footer>
            </body>
            </html>

            """
    }

    /// The page as a response.
    func response(_ request: DashboardRequest, status: Int = 200) -> HTTPResponse {
        let html = document(request)
        var response = DashboardPage.respond(status, contentType: "text/html; charset=utf-8", Data(html.markup.utf8))
        response.headers["Server-Timing"] = String(format: "render;dur=%.3f", request.elapsedMs)
        return response
    }

    /// A response with the dashboard's headers: nothing but this origin's own files may load
    /// or run (no inline script or style at all, so even markup that slipped through could not
    /// act), no framing, no sniffing, no caching of pages that show live state.
    static func respond(_ status: Int, contentType: String?, _ body: Data) -> HTTPResponse {
        var response = HTTPResponse(status: status, body: body)
        if let contentType { response.headers["Content-Type"] = contentType }
        response.headers["Content-Security-Policy"] = contentSecurityPolicy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'self'; frame-ancestors 'none'"
}
