import Foundation

/// `ui/journal?method=&route=&path=&status=&limit=`: the request journal, newest first, with
/// the filters of `GET /__emulator/journal` (``JournalFilter``) as a form; each request opens
/// to its headers and bodies, secrets masked as the journal keeps them.
enum JournalPage {
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    /// The most entries one page shows.
    static let maxEntries = 500

    static func render(_ request: DashboardRequest) throws -> DashboardPage {
        var filter = try JournalFilter(request)
        // A page, not the whole journal: each entry may carry 8 KiB of bodies.
        filter.limit = request.queryString("limit") == nil ? 50 : min(filter.limit, maxEntries)
        let journal = request.app.control.journal
        let entries = journal.entries().filter(filter.admits).prefix(filter.limit)
        let options = HTML.join((["" ] + methods).map { method -> HTML in
            let selected: HTML = method.caseInsensitiveCompare(filter.method ?? "") == .orderedSame ? " selected" : .empty
            return "<option value=\"\(method)\"\(selected)>\(method.isEmpty ? "any" : method)</option>"
        })
        let tools: HTML = """
            <form class="filter" method="get" action="journal">
            <label>method<select name="method">\(options)</select></label>
            <label>route<input type="text" name="route" value="\(filter.route ?? "")" placeholder="/api/v3/projects/{projectId}/test-runs"></label>
            <label>path<input type="text" name="path" value="\(filter.path ?? "")" placeholder="/api/v3/projects/*/auto-test-logs"></label>
            <label>status<input type="text" name="status" value="\(filter.status ?? "")" placeholder="4xx" size="5"></label>
            <label>show<input type="text" name="limit" value="\(filter.limit)" size="5"></label>
            <button type="submit">Filter</button> <a href="journal">clear filter</a>
            </form>
            """
        let items = entries.map(entry)
        let empty: HTML = !journal.isOn
            ? "<p class=\"muted\">The journal is off (<code>--journal-size 0</code>).</p>"
            : items.isEmpty ? "<p class=\"muted\">No request matches (control-plane calls are never journaled).</p>" : .empty
        let main: HTML = """
            <h1>Request journal</h1>
            <p class="muted">\(items.count) shown of \(journal.count) kept, newest first.</p>
            <div class="journal">\(items)</div>\(empty)
            """
        return DashboardPage(title: "Journal", section: .journal, watch: [.journal], tools: tools, main: main)
    }

    static func entry(_ entry: JournalEntry) -> HTML {
        let target = entry.query.isEmpty ? entry.path : entry.path + "?" + entry.query
        let headers = entry.headers.map { name, value -> HTML in "<tr><th>\(name)</th><td><code>\(value)</code></td></tr>" }
        let fault: HTML = entry.fault.map { " · <a href=\"control\">fault \($0)</a>" } ?? .empty
        let body = { (title: String, text: String) -> HTML in
            text.isEmpty ? "<div class=\"muted\">\(title): empty</div>" : "<div class=\"muted\">\(title)</div><pre>\(text)</pre>"
        }
        return """
            <details class="entry panel" id="j-\(entry.sequence)"><summary><span class="pid">#\(entry.sequence)</span> \
            <span class="http\(entry.status / 100)">\(entry.status)</span> <code>\(entry.method) \(target)</code> \
            <span class="muted">\(DashboardFormat.date(entry.time)) · \(String(format: "%.1f", entry.durationMs)) ms\
            \(entry.caller.map { " · \($0)" } ?? "")\(entry.route.map { " · \($0)" } ?? "")</span>\(fault)</summary>
            <table class="headers"><tbody>\(headers)</tbody></table>
            \(body("request body", entry.requestBody))\(body("response body", entry.responseBody))
            </details>
            """
    }
}
