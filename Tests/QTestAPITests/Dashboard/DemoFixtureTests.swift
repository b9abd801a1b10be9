import Foundation
import Testing
import TestSupport

/// Every fixture in `seed-data/` loads, with `--seed` and through `POST /__emulator/import`, and
/// holds what `seed-data/README.md` says it does; the README describes each of them.
@Suite struct DemoFixtureTests {
    static let fixtures = ["demo.json", "nightly.json", "hostile-names.json"]

    @Test func everyFixtureFileIsDescribedAndTested() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: DashboardFixtures.repository.appendingPathComponent("seed-data").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == Self.fixtures.sorted(), "a new fixture needs its line here and in the README")
        let readme = try String(contentsOfFile: DashboardFixtures.seed("README.md"), encoding: .utf8)
        for file in files { #expect(readme.contains("## \(file)"), "seed-data/README.md has no section for \(file)") }
    }

    @Test func theNightlyFixtureHoldsThreeSprintsOfNightlyResults() throws {
        let h = try EmulatorHarness(.live, seed: .file(DashboardFixtures.seed("nightly.json")))
        let cycles = try h.get("/api/v3/projects/108781/test-cycles?parentId=500001&parentType=release").array.compactMap { $0["name"] as? String }
        #expect(cycles == ["Sprint 1", "Sprint 2", "Sprint 3", "Manual regression"], "\(cycles)")
        let runs = try h.get("/api/v3/projects/108781/test-runs?parentId=500001&parentType=release&expand=descendants&pageSize=999")
        let items = runs.object["items"] as? [[String: Any]] ?? []
        #expect(items.count == 183, "15 nights × 12 tests + 3 manual runs")
        // Flaky tests and a regression: failures on some nights, not all.
        let page = try h.page("projects/108781").text
        #expect(page.contains("<span class=\"name\">Nightly 2026-01-23</span>") && page.contains("Failed</span>"))
        let defects = try h.get("/api/v3/projects/108781/defects/700100001")
        #expect(defects.status == 200, "\(defects)")
        let covered = try h.get("/api/v3/projects/108781/linked-artifacts?type=requirements&ids=9100001").array.first?["objects"] as? [[String: Any]]
        #expect(covered?.compactMap { $0["pid"] as? String } == ["TC-1", "TC-2", "TC-3"], "a requirement covered by test cases")
        // Failed logs carry a screenshot and the test output.
        let failed = try h.page("projects/108781/runs/31000005").text
        #expect(failed.contains("<img src=\"projects/108781/attachments/") && failed.contains("download>pytest-output.txt</a>"), "\(failed.prefix(200))")
        let queue = try h.page("queue").text
        #expect(queue.contains("<td class=\"state SUCCESS\">SUCCESS</td>"), "last night's upload job")
        // The demo credentials work on it, so the demo script's uploader can use them.
        #expect(try h.get("/api/v3/projects/108781").status == 200)
    }

    @Test func everyFixtureLoadsThroughImportToo() throws {
        let h = try EmulatorHarness(.live, seed: .none)
        for name in Self.fixtures {
            let data = try Data(contentsOf: URL(fileURLWithPath: DashboardFixtures.seed(name)))
            let r = try h.client.send("POST", "/__emulator/import?mode=replace", headers: [("Content-Type", "application/json")], body: data)
            #expect(r.status == 200, "\(name): \(r)")
            #expect(try h.get("/api/v3/projects/108781").status == 200, "\(name): the project and the demo token are there")
            #expect(try h.page("projects/108781").status == 200 && h.page("projects/108781/design").status == 200)
        }
    }
}
