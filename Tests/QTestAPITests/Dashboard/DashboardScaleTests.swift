import Foundation
import Testing
import TestSupport
@testable import QTestAPI

/// A project with 10,000 runs stays usable: the tree page is bounded (containers closed, 20 runs
/// each, the rest paged), the run lists page 100 at a time, and trees of thousands of
/// containers are drawn within a line budget.
@Suite struct DashboardScaleTests {
    @Test func aTenThousandRunProjectIsPagedAndCollapsed() throws {
        let h = try EmulatorHarness(.live)
        let cycle = try h.cycle("Nightlies")
        // Ten nightly uploads of 1,000 results each, each into a suite of its own.
        for night in 0..<10 {
            let logs: [[String: Any]] = (0..<1_000).map { i in
                ["name": "test_\(i)", "status": i % 13 == 0 ? "FAILED" : "PASSED", "automation_content": "scale.Suite#test_\(i)",
                 "exe_start_date": "2026-01-1\(night)T02:00:00Z", "exe_end_date": "2026-01-1\(night)T02:00:01Z"]
            }
            let upload = try h.post("/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation",
                                    json: ["test_cycle": cycle, "execution_date": "2026-01-1\(night)T02:00:00Z", "test_logs": logs])
            let job = try #require(upload.object["id"] as? Int, "\(upload)")
            let done = try AutomationUploadTests.waitForJob(h, job, timeout: 120)
            #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
        }
        let started = Date()
        let tree = try h.page("projects/108781")
        let wall = Date().timeIntervalSince(started) * 1000
        #expect(tree.status == 200)
        let html = tree.text
        print("dashboard: 10,004-run tree: \(tree.body.count) bytes, server \(DashboardFixtures.renderMs(tree) ?? -1) ms, wall \(Int(wall)) ms")
        #expect(tree.body.count < 150_000, "bounded: \(tree.body.count) bytes")
        #expect(html.contains("10004 runs"), "the whole project counted")
        #expect(!html.contains(" open>"), "a large tree starts closed")
        #expect(DashboardFixtures.count("<li class=\"run\">", in: html) <= 20 * 12, "at most 20 runs per container")
        #expect(DashboardFixtures.count("all 1000 runs directly in it →", in: html) == 10, "every suite links to its paged runs")
        #expect(html.contains("<span class=\"chip s602\">770 Failed</span>") || html.contains("770 Failed"), "failures counted across the suites")

        // The runs of one suite, page by page.
        let suites = DashboardFixtures.attributes("href", in: html).filter { $0.contains("/runs?parentType=test-suite") }
        let suite = try #require(suites.first)
        let first = try h.page(suite.replacingOccurrences(of: "&amp;", with: "&"))
        #expect(first.status == 200 && DashboardFixtures.count("<tr><td><span class=\"dot", in: first.text) == 100)
        #expect(first.text.contains("page 1 of 10 · 1000 in all") && first.text.contains("rel=\"next\""))
        let last = try h.page(suite.replacingOccurrences(of: "&amp;", with: "&") + "&page=10")
        #expect(DashboardFixtures.count("<tr><td><span class=\"dot", in: last.text) == 100 && !last.text.contains("rel=\"next\""))
        #expect(last.text.contains("rel=\"prev\""))

        // The design side: the uploads reuse their 1,000 test cases night after night (by
        // Automation Content), all in one module: 20 in the tree, the rest paged.
        let design = try h.page("projects/108781/design")
        #expect(design.status == 200 && design.body.count < 150_000, "\(design.body.count) bytes")
        let moduleLink = try #require(DashboardFixtures.attributes("href", in: design.text).first { $0.contains("/modules/") })
        let module = try h.page(moduleLink + "?page=10")
        #expect(module.status == 200 && DashboardFixtures.count("<li class=\"case\">", in: module.text) == 100, "\(module.text.prefix(300))")
        print("dashboard: design tree of 1,004 cases: \(design.body.count) bytes, server \(DashboardFixtures.renderMs(design) ?? -1) ms")
    }

    @Test func thousandsOfContainersAreDrawnWithinTheLineBudget() {
        // A root with 50 releases of 20 cycles of 10 suites: 11,050 containers, 2 items each.
        var children: [[Int]] = [[]]
        func add(_ parent: Int) -> Int { children.append([]); children[parent].append(children.count - 1); return children.count - 1 }
        for _ in 0..<50 {
            let release = add(0)
            for _ in 0..<20 {
                let cycle = add(release)
                for _ in 0..<10 { _ = add(cycle) }
            }
        }
        let all = children
        let source = TreeView.Source(
            children: { all[$0] }, summary: { "node \($0)" }, itemCount: { _ in 2 },
            items: { ["<li>a of \($0)</li>", "<li>b of \($0)</li>"] }, moreItems: { _ in .empty },
            zoom: { "zoom \($0)" }, anchor: { "n\($0)" })
        let view = TreeView(open: false)
        let html = view.render(root: 0, source).markup
        let drawn = DashboardFixtures.count("<details", in: html), zoomed = DashboardFixtures.count("<li>zoom", in: html)
        let items = DashboardFixtures.count("<li>a of", in: html) + DashboardFixtures.count("<li>b of", in: html)
        #expect(drawn + zoomed + items <= view.lineBudget + 50 + 2, "drawn \(drawn), zoomed \(zoomed), items \(items)")
        #expect(drawn >= 50 && zoomed > 0, "the top levels drawn, deeper parts behind zoom links")
        #expect(DashboardFixtures.count("<ul", in: html) == DashboardFixtures.count("</ul>", in: html))
        #expect(DashboardFixtures.count("<details", in: html) == DashboardFixtures.count("</details>", in: html))
        // A tree 10,000 levels deep is drawn without recursion, within the same budget.
        var chain: [[Int]] = []
        for i in 0..<10_000 { chain.append(i + 1 < 10_000 ? [i + 1] : []) }
        let deep = chain
        let line = TreeView.Source(children: { deep[$0] }, summary: { "\($0)" }, itemCount: { _ in 0 }, items: { _ in [] },
                                   moreItems: { _ in .empty }, zoom: { "zoom \($0)" }, anchor: { "d\($0)" })
        let drawnDeep = view.render(root: 0, line).markup
        #expect(DashboardFixtures.count("<details", in: drawnDeep) <= view.lineBudget && drawnDeep.contains("zoom "))
        // Top-level containers past one page are on the next.
        var wide: [[Int]] = [Array(1...450)]
        wide += Array(repeating: [], count: 450)
        let flat = wide
        let top = TreeView.Source(children: { flat[$0] }, summary: { "top \($0)" }, itemCount: { _ in 0 }, items: { _ in [] },
                                  moreItems: { _ in .empty }, zoom: { "zoom \($0)" }, anchor: { "w\($0)" })
        #expect(view.pages(root: 0, top) == 3)
        #expect(view.render(root: 0, page: 3, top).markup.contains("top 450") && !view.render(root: 0, page: 2, top).markup.contains("top 450"))
    }
}
