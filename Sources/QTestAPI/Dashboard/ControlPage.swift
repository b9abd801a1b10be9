import Foundation

/// `ui/control`: what the control plane holds (the clock, fault rules, snapshots) and buttons
/// that POST to it: reset, snapshot save, restore and delete, clear the journal and the faults.
/// The buttons are ``DashboardScript``'s `data-post` buttons; their URLs are relative to the
/// dashboard root (`../reset` is `/__emulator/reset`), so they work behind a prefix too.
enum ControlPage {
    static func render(_ request: DashboardRequest) throws -> DashboardPage {
        let control = request.app.control
        let tools: HTML = """
            <div class="actions panel">
            <button type="button" class="danger" id="reset" data-post="../reset" \
            data-confirm="Reset the emulator to its start state? Every change, the journal and the fault rules go.">Reset to the start state</button>
            <input type="text" id="snapshot-name" placeholder="snapshot name" pattern="[A-Za-z0-9._-]{1,64}">
            <button type="button" id="save-snapshot" data-post="../snapshots" data-name-from="snapshot-name">Save snapshot</button>
            <button type="button" data-post="../journal" data-method="DELETE">Clear the journal</button>
            <button type="button" data-post="../faults" data-method="DELETE">Delete all faults</button>
            </div>
            """
        let now = control.clock.now()
        let clock: HTML = switch control.clock.current {
        case .frozen: "frozen at <strong>\(DashboardFormat.date(now))</strong>"
        case .running(let offset) where offset == 0: "real time: <strong>\(DashboardFormat.date(now))</strong>"
        case .running(let offset):
            "<strong>\(DashboardFormat.date(now))</strong>, running \(DashboardFormat.duration(abs(offset))) \(offset < 0 ? "behind" : "ahead of") real time"
        }
        let faults = control.faults.rules.map { rule -> HTML in
            """
            <tr class="fault"><td class="pid">\(rule.id)</td><td><code>\(rule.method ?? "any")</code></td><td><code>\(rule.path ?? "any path")</code></td>
            <td><code>\(rule.json().serializedString())</code></td><td>\(rule.hits)</td>
            <td><button type="button" data-post="../faults/\(rule.id)" data-method="DELETE">delete</button></td></tr>
            """
        }
        let snapshots = control.snapshotList().map { snapshot -> HTML in
            """
            <tr class="snapshot"><td><code>\(snapshot.name)</code></td><td>\(DashboardFormat.date(snapshot.created))</td>
            <td class="actions"><button type="button" data-post="../snapshots/\(snapshot.name)/restore" \
            data-confirm="Restore snapshot \(snapshot.name)? The current state is replaced.">restore</button>
            <button type="button" data-post="../snapshots/\(snapshot.name)" data-method="DELETE">delete</button></td></tr>
            """
        }
        let faultTable: HTML = faults.isEmpty
            ? "<p class=\"muted\">No fault rules: every request gets the emulator's own answer.</p>"
            : """
            <table class="faults"><thead><tr><th>id</th><th>method</th><th>path</th><th>rule</th><th>hits</th><th></th></tr></thead>\
            <tbody>\(faults)</tbody></table>
            """
        let snapshotTable: HTML = snapshots.isEmpty
            ? "<p class=\"muted\">No snapshots saved.</p>"
            : "<table class=\"snapshots\"><thead><tr><th>name</th><th>saved</th><th></th></tr></thead><tbody>\(snapshots)</tbody></table>"
        let main: HTML = """
            <h1>Control plane</h1>
            <h2>Clock</h2>
            <div class="panel" id="clock">\(clock)</div>
            <h2>Fault rules</h2>
            \(faultTable)
            <h2>Snapshots</h2>
            \(snapshotTable)
            """
        return DashboardPage(title: "Control", section: .control, watch: [.control, .store], tools: tools, main: main)
    }
}
