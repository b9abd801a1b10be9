import Foundation
import Testing
import TestSupport

/// The dashboard's pages over a real socket, on the demo seed: what each shows, that every
/// link is relative (so a path prefix works), the headers that keep the pages inert, and the
/// render time of the tree.
@Suite struct DashboardPageTests {
    static let pages = [
        "", "projects/108781", "projects/108781?parentType=test-cycle&parentId=1200001", "projects/108781/runs?parentType=test-suite&parentId=2300001",
        "projects/108781/runs/31000001", "projects/108781/design", "projects/108781/design?module=6100001", "projects/108781/modules/6100002",
        "queue", "journal", "control",
    ]

    @Test func everyPageIsHTMLWithRelativeLinksAndAStrictPolicy() throws {
        let h = try EmulatorHarness(.live)
        for path in Self.pages {
            let r = try h.page(path)
            #expect(r.status == 200, "\(path): \(r)")
            #expect(r.header("Content-Type") == "text/html; charset=utf-8", "\(path)")
            let policy = r.header("Content-Security-Policy") ?? ""
            #expect(policy.contains("script-src 'self'") && policy.contains("style-src 'self'") && !policy.contains("unsafe"), "\(path): \(policy)")
            #expect(r.header("X-Content-Type-Options") == "nosniff" && r.header("Cache-Control") == "no-store")
            let html = r.text
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<main id=\"main\">") && html.hasSuffix("</html>\n"), "\(path)")
            let absolute = DashboardFixtures.references(in: html).filter(DashboardFixtures.isAbsolute)
            #expect(absolute.isEmpty, "\(path) names absolute URLs: \(absolute)")
            #expect(!html.contains(" style=\"") && !html.contains("<script>") && !html.contains(" onclick"), "\(path): inline style or script")
            // The page's own depth, as the browser resolves relative links.
            let depth = path.split(separator: "?").first.map { $0.split(separator: "/", omittingEmptySubsequences: false).count - 1 } ?? 0
            let base = depth <= 0 ? "./" : String(repeating: "../", count: depth)
            #expect(html.contains("<base href=\"\(base)\">"), "\(path) should have base \(base)")
        }
    }

    @Test func theRootWithoutItsSlashRedirectsRelatively() throws {
        let h = try EmulatorHarness(.live)
        let r = try h.client.send("GET", "/__emulator/ui")
        #expect(r.status == 301 && r.header("Location") == "ui/", "\(r)")
        #expect(r.body.isEmpty)
        // Doubled slashes are two levels to a browser: the base follows the raw target.
        let doubled = try h.client.send("GET", "/__emulator/ui//projects/108781")
        #expect(doubled.status == 200 && doubled.text.contains("<base href=\"../../\">"), "\(doubled)")
    }

    @Test func theTreeShowsEveryRunWithItsStatusColourAndCountsPerContainer() throws {
        let h = try EmulatorHarness(.live)
        let html = try h.page("projects/108781").text
        // TR-1 Passed (601), TR-3 Blocked (604), TR-4 Unexecuted (605): dots and labels by status class.
        for (run, status, name) in [(31000001, 601, "Passed"), (31000002, 601, "Passed"), (31000003, 604, "Blocked"), (31000004, 605, "Unexecuted")] {
            #expect(html.contains("<a href=\"projects/108781/runs/\(run)\"><span class=\"dot s\(status)\" title=\"\(name)\"></span>"), "run \(run)")
        }
        // Containers count their runs at any depth: the release holds all four, Sign-in two passed.
        #expect(html.contains("<span class=\"name\">Release 1.0</span> <svg"))
        let release = try #require(html.range(of: "<span class=\"name\">Release 1.0</span>"))
        let releaseLine = html[release.upperBound...].prefix(while: { $0 != "\n" })
        #expect(releaseLine.contains("2 Passed") && releaseLine.contains("1 Blocked") && releaseLine.contains("1 Unexecuted") && releaseLine.contains("4 runs"))
        let signIn = try #require(html.range(of: "<span class=\"name\">Sign-in</span>"))
        #expect(html[signIn.upperBound...].prefix(while: { $0 != "\n" }).contains("2 Passed</span></span><span class=\"muted\">2 runs"))
        // A small tree starts open; the colours come from the statuses' stored values.
        #expect(html.contains("<details id=\"n-release-500001\" open>"))
        let css = try h.page("statuses.css")
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        for (id, colour) in [(601, "#6cbf54"), (602, "#ff0000"), (604, "#8b4513"), (605, "#808080")] {
            #expect(css.text.contains(".s\(id){--status:\(colour)}"), "\(css.text)")
        }
        // Zoomed into the nested cycle: its path as crumbs, only its part of the tree.
        let zoomed = try h.page("projects/108781?parentType=test-cycle&parentId=1200002").text
        #expect(zoomed.contains("<h1>CL-2 Regression</h1>") && zoomed.contains("CL-1 Sprint 1</a> › <a") && !zoomed.contains("n-test-cycle-1200002\""))
    }

    @Test func theRunPageShowsLogsNewestFirstWithStepsPropertiesAndFiles() throws {
        let h = try EmulatorHarness(.live)
        // A picture and a text file on TR-1's latest log, uploaded the qTest way.
        let logs = try h.get("/api/v3/projects/108781/test-runs/31000001/test-logs").object["items"] as? [[String: Any]] ?? []
        let latest = try #require(logs.compactMap { $0["id"] as? Int }.max())
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])
        for (name, type, body) in [("shot.png", "image/png", png), ("out.txt", "text/plain", Data("hello".utf8))] {
            let r = try h.client.send("POST", "/api/v3/projects/108781/test-logs/\(latest)/blob-handles",
                                      headers: [("Authorization", "Bearer \(Demo.adminToken)"), ("File-Name", name), ("Content-Type", type)], body: body)
            #expect(r.status == 201, "\(r)")
        }
        let html = try h.page("projects/108781/runs/31000001").text
        let passed = try #require(html.range(of: "<section class=\"panel log s601\""))
        let failed = try #require(html.range(of: "<section class=\"panel log s602\""))
        #expect(passed.lowerBound < failed.lowerBound, "the latest log (Passed) comes first")
        #expect(html.contains("Button disabled after autofill") && html.contains("Fixed in rc2") && html.contains("tester@example.com"))
        #expect(html.contains("<td>Open the sign-in page</td>") && html.contains("<td>Press Sign in</td>"), "step logs")
        #expect(html.contains("<tr><th>Priority</th><td>High</td></tr>") && html.contains("<tr><th>Status</th><td>Passed</td></tr>"), "properties by field name")
        let image = try #require(DashboardFixtures.attributes("src", in: html).first { $0.contains("/attachments/") })
        #expect(html.contains("alt=\"shot.png\""))
        let link = try #require(DashboardFixtures.attributes("href", in: html).first { $0.contains("/attachments/") && $0 != image })
        #expect(html.contains("download>out.txt</a>"))

        let picture = try h.client.send("GET", "/__emulator/ui/" + image)
        #expect(picture.status == 200 && picture.body == png && picture.header("Content-Type") == "image/png", "\(picture)")
        #expect(picture.header("Content-Disposition") == "inline; filename=\"shot.png\"")
        let file = try h.client.send("GET", "/__emulator/ui/" + link)
        #expect(file.status == 200 && file.text == "hello" && file.header("Content-Type") == "application/octet-stream")
        #expect(file.header("Content-Disposition") == "attachment; filename=\"out.txt\"" && file.header("Content-Security-Policy")?.contains("sandbox") == true)
        // Attachments are read within their project only.
        let id = image.split(separator: "/").last.map(String.init) ?? ""
        #expect(try h.page("projects/108782/attachments/\(id)").status == 404)
    }

    @Test func theDesignTreeShowsModulesCasesVersionsAutomationAndSteps() throws {
        let h = try EmulatorHarness(.live)
        let html = try h.page("projects/108781/design").text
        #expect(html.contains("<span class=\"pid\">MD-2</span> <span class=\"name\">Accounts</span> <span class=\"muted\">2 test cases</span>"))
        #expect(html.contains("<span class=\"pid\">MD-1</span> <span class=\"name\">Web Store</span> <span class=\"muted\">4 test cases</span>"), "totals include sub-modules")
        #expect(html.contains("Sign in with a wrong password <span class=\"muted\">v1.1 · 2 steps · automation <code>tests/auth/test_signin.py::test_wrong_password</code>"))
        #expect(html.contains("<li>Press Sign in <span class=\"muted\">→ The account page is shown</span></li>"))
        #expect(html.contains("(calls test case 40000001)"), "a called test case")
        let module = try h.page("projects/108781/modules/6100002").text
        #expect(module.contains("Test cases in MD-2 Accounts") && DashboardFixtures.count("<li class=\"case\">", in: module) == 2)
    }

    @Test func queueJournalAndControlShowWhatJustHappened() throws {
        let h = try EmulatorHarness(.live)
        let upload = try h.post("/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation", json: ["test_logs": [[
            "name": "dashboard job", "status": "PASSED", "automation_content": "dash.Job#one",
            "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:00:02Z",
        ]]])
        let job = try #require(upload.object["id"] as? Int)
        _ = try AutomationUploadTests.waitForJob(h, job)
        let queue = try h.page("queue").text
        #expect(queue.contains("<tr class=\"job\" id=\"job-\(job)\"><td class=\"pid\">\(job)</td><td class=\"state SUCCESS\">SUCCESS</td>"), "\(queue)")
        #expect(queue.contains("dash.Job#one") && queue.contains("totalTestLogs"), "request and result")
        #expect(!queue.contains("id=\"webhooks-unavailable\"") && queue.contains("No webhook deliveries yet."),
                "the webhooks area's reader is installed; the demo seed subscribes no webhook")

        let journal = try h.page("journal").text
        #expect(journal.contains("<code>POST /api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation</code>"))
        #expect(journal.contains("Bearer 9bbf…7bb8") && !journal.contains(Demo.adminToken), "the token masked")
        let filtered = try h.page("journal?method=GET&status=2xx").text
        #expect(!filtered.contains("<code>POST ") && filtered.contains("<code>GET /api/v3/projects/queue-processing/\(job)</code>"))
        #expect(filtered.contains("<option value=\"GET\" selected>"), "the form keeps the filter")
        #expect(try h.page("journal?status=abc").status == 400)
        let huge = try h.page("journal?limit=100000")
        #expect(huge.status == 200 && huge.text.contains("name=\"limit\" value=\"500\""), "a page shows at most 500 entries")

        _ = try h.post("/__emulator/faults", json: ["path": "/api/v3/projects/*/releases", "status": 503, "times": 2], token: .some(nil))
        _ = try h.post("/__emulator/snapshots", json: ["name": "before-demo"], token: .some(nil))
        _ = try h.put("/__emulator/clock", json: ["time": "2030-01-01T00:00:00Z"], token: .some(nil))
        let control = try h.page("control").text
        #expect(control.contains("<code>/api/v3/projects/*/releases</code>") && control.contains("&quot;status&quot;:503"))
        #expect(control.contains("data-post=\"../snapshots/before-demo/restore\"") && control.contains("<code>before-demo</code>"))
        #expect(control.contains("frozen at <strong>2030-01-01 00:00:00Z</strong>"))
        #expect(control.contains("data-post=\"../reset\""), "the reset button POSTs to the control plane, relatively")
    }

    @Test func errorsArePagesWithTheAPIStatus() throws {
        let h = try EmulatorHarness(.live)
        for (path, status) in [("projects/999", 404), ("projects/108781/runs/1", 404), ("projects/108781?page=0", 400),
                               ("projects/108781?parentType=planet&parentId=1", 400), ("projects/108781?parentType=release&parentId=9", 404),
                               ("projects/108781/runs?parentType=test-suite&parentId=12", 404), ("projects/108781/design?module=5", 404),
                               ("projects/abc", 400), ("queue?page=-1", 400), ("projects/108781/attachments/7", 404)] {
            let r = try h.page(path)
            #expect(r.status == status, "\(path): \(r)")
            #expect(r.header("Content-Type") == "text/html; charset=utf-8" && r.text.contains("class=\"notice error\""), "\(path)")
        }
        // A page past the end is a page, empty.
        let far = try h.page("projects/108781/runs?parentType=test-suite&parentId=2300001&page=9223372036854775807")
        #expect(far.status == 200 && far.text.contains("No runs on this page."), "\(far)")
    }

    /// The figure: the demo seed's tree in at most 20 ms of server time.
    @Test func theDemoTreeRendersWithin20Milliseconds() throws {
        let h = try EmulatorHarness(.live)
        _ = try h.page("projects/108781")
        var times: [Double] = []
        for _ in 0..<9 { times.append(try #require(DashboardFixtures.renderMs(try h.page("projects/108781")))) }
        times.sort()
        print("dashboard: demo tree render ms (server): median \(times[4]), min \(times[0]), max \(times[8])")
        #expect(times[4] <= 20, "median \(times[4]) ms")
    }
}
