import Foundation
import Testing
import TestSupport
@testable import QTestAPI

/// Every value the dashboard shows is user data. On `seed-data/hostile-names.json`, where every
/// name, note, step, file name and status is markup, no page may contain any of it as markup:
/// each appears escaped, as text. Plus the HTML type's own escaping, in-process.
@Suite struct DashboardEscapingTests {
    /// Markup the fixture plants; none may reach a page unescaped.
    static let payloads = [
        "<script>alert(", "<img src=x onerror", "<svg onload", "<iframe", "</summary></details><script>", "<!-- not a comment -->",
        "<b>Bold</b>", "<b>7</b>", "</li></ol><b>not bold</b>", "\"><script>", "href=\"javascript:", "display:none",
    ]

    static let pages = [
        "", "projects/108781", "projects/108781/runs?parentType=test-suite&parentId=2300001", "projects/108781/runs/31000001",
        "projects/108781/runs/31000002", "projects/108781/design", "projects/108781/modules/6100001", "queue", "journal", "control",
        "statuses.css",
    ]

    @Test func hostileNamesRenderAsTextOnEveryPage() throws {
        let h = try EmulatorHarness(.live, seed: .file(DashboardFixtures.seed("hostile-names.json")))
        // A request whose path and body are markup, for the journal.
        _ = try h.post("/api/v3/projects/108781/releases", json: ["name": "<script>alert('journal')</script>"])
        _ = try h.client.send("GET", "/api/v3/projects/108781/<script>alert(17)</script>")
        for path in Self.pages {
            let r = try h.page(path)
            #expect(r.status == 200, "\(path): \(r)")
            let html = r.text
            for payload in Self.payloads {
                #expect(!html.contains(payload), "\(path) carries \(payload) as markup")
            }
            #expect(DashboardFixtures.count("<script", in: html) == (path.hasSuffix(".css") ? 0 : 1), "\(path): only the dashboard's own script")
        }
        // …and the text is there, escaped.
        let run = try h.page("projects/108781/runs/31000001").text
        #expect(run.contains("<h1><span class=\"dot s602\" title=\"Failed\"></span> <span class=\"pid\">TR-1</span> &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(run.contains("<dd>&lt;script&gt;alert(5)&lt;/script&gt;</dd>"), "the note")
        #expect(run.contains("<dd><code>javascript:alert(6)</code></dd>"), "a build URL is text, not a link")
        #expect(run.contains("<a href=\"projects/108781\">&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot; &#39;project&#39;</a>"))
        let tree = try h.page("projects/108781").text
        #expect(tree.contains("<span class=\"name\">&lt;/summary&gt;&lt;/details&gt;&lt;script&gt;alert(14)&lt;/script&gt;</span>"))
        #expect(tree.contains("title=\"Blocked &lt;img src=x onerror=alert(2)&gt;\""), "a status name in an attribute")
        let design = try h.page("projects/108781/design").text
        #expect(design.contains("<li>&lt;img src=x onerror=alert(4)&gt; <span class=\"muted\">→ &lt;/li&gt;&lt;/ol&gt;&lt;b&gt;not bold&lt;/b&gt;</span></li>"))
        #expect(design.contains("automation <code>&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;</code>"))
        let journal = try h.page("journal").text
        #expect(journal.contains("&lt;script&gt;alert(&#39;journal&#39;)&lt;/script&gt;") && journal.contains("/api/v3/projects/108781/&lt;script&gt;alert(17)&lt;/script&gt;"))
        // A colour that is CSS is not written out: the status gets the colour of its name.
        let css = try h.page("statuses.css").text
        #expect(css.contains(".s603{--status:#f5a623}") && !css.contains("red;"), "\(css)")
    }

    @Test func filesThatCouldRunAreDownloadsNotPages() throws {
        let h = try EmulatorHarness(.live, seed: .file(DashboardFixtures.seed("hostile-names.json")))
        let run = try h.page("projects/108781/runs/31000001").text
        #expect(!run.contains("<img src=\"projects/108781/attachments/"), "neither the HTML nor the SVG file is shown inline")
        #expect(run.contains("download>&lt;img src=x onerror=alert(8)&gt;.html</a>") && run.contains("download>vector.svg</a>"))
        for id in [120001, 120002] {
            let file = try h.page("projects/108781/attachments/\(id)")
            #expect(file.status == 200 && file.header("Content-Type") == "application/octet-stream", "\(file)")
            #expect(file.header("Content-Disposition")?.hasPrefix("attachment;") == true)
            #expect(file.header("Content-Security-Policy") == "default-src 'none'; sandbox" && file.header("X-Content-Type-Options") == "nosniff")
        }
    }

    @Test func interpolatedTextIsEscapedAndFragmentsAreNot() {
        let name = "<script>alert('x') & \"y\"</script>"
        let fragment: HTML = "<b>\(name)</b>"
        #expect(fragment.markup == "<b>&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</b>")
        let outer: HTML = "<p title=\"\(name)\">\(fragment)</p>"
        #expect(outer.markup.hasPrefix("<p title=\"&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;\"><b>&lt;"))
        let optional: String? = nil
        #expect(("<i>\(optional)</i>" as HTML).markup == "<i></i>")
        #expect(HTML.escape("plain text, nothing to do") == "plain text, nothing to do")
        #expect(HTML.escape("émoji 👩‍💻 < ok") == "émoji 👩‍💻 &lt; ok")
        #expect(HTML.join(["<a>", "<b>"], separator: " · ").markup == "<a> · <b>")
        #expect(HTML.text("<x>").markup == "&lt;x&gt;")
    }

    @Test func statusColoursAreHexOrTheirNamesColour() {
        #expect(StatusStyles.isHexColor("#6cbf54") && StatusStyles.isHexColor("#FFF") && StatusStyles.isHexColor("#12345678"))
        for bad in ["", "#", "red", "#12", "#12345", "#ggg", "#fff;}", "url(x)", "#6cbf54 !important"] {
            #expect(!StatusStyles.isHexColor(bad), "\(bad)")
        }
        let css = StatusStyles.stylesheet([
            .init(id: 2, name: "Failed", color: "}body{display:none"), .init(id: 1, name: "Passed", color: "#00ff00"), .init(id: 3, name: "Odd", color: ""),
        ])
        #expect(css.contains(".s1{--status:#00ff00}\n.s2{--status:#e5484d}\n.s3{--status:#9aa0a6}"), "\(css)")
    }
}
