import Foundation
import Testing
import TestSupport
@testable import QTestAPI

/// What live refresh rests on: `ui/stamp` moves when the store, the journal or the control
/// plane change, and stands still otherwise (so an idle page is never fetched again). The
/// browser half (the page swapping its `<main>`) is `scripts/browser-test.sh`.
@Suite struct DashboardLiveTests {
    func stamp(_ h: EmulatorHarness) throws -> [String: Any] {
        let r = try h.page("stamp")
        #expect(r.status == 200 && r.header("Content-Type") == "application/json")
        return r.object
    }

    @Test func theStampMovesWithWhatPagesWatch() throws {
        let h = try EmulatorHarness(.live)
        let idle = try stamp(h)
        // Reading pages changes nothing (control routes are not journaled).
        _ = try h.page("projects/108781")
        _ = try h.page("journal")
        let again = try stamp(h)
        #expect(idle["store"] as? Int == again["store"] as? Int && idle["journal"] as? String == again["journal"] as? String)
        #expect(idle["control"] as? String == again["control"] as? String)

        // A read through the API is journaled, not written.
        _ = try h.get("/api/v3/projects/108781/releases")
        let read = try stamp(h)
        #expect(read["journal"] as? String != again["journal"] as? String && read["store"] as? Int == again["store"] as? Int)

        // A write moves the store; a fault rule and the clock move the control plane.
        _ = try h.post("/api/v3/projects/108781/releases", json: ["name": "Live"])
        let written = try stamp(h)
        #expect((written["store"] as? Int ?? 0) > (read["store"] as? Int ?? 0))
        _ = try h.post("/__emulator/faults", json: ["path": "/api/v3/nowhere", "status": 418], token: .some(nil))
        let faulted = try stamp(h)
        #expect(faulted["control"] as? String != written["control"] as? String)
        _ = try h.post("/__emulator/clock/advance", json: ["seconds": 60], token: .some(nil))
        #expect(try stamp(h)["control"] as? String != faulted["control"] as? String)
        // Clearing the journal is a change too, though no request came in.
        let before = try stamp(h)["journal"] as? String
        _ = try h.delete("/__emulator/journal", token: .some(nil))
        #expect(try stamp(h)["journal"] as? String != before)
    }

    @Test func anUploadShowsOnTheTreeOnceItsJobRuns() throws {
        let h = try EmulatorHarness(.live)
        let before = try stamp(h)["store"] as? Int ?? 0
        let upload = try h.post("/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation", json: [
            "test_cycle": 1200001, "execution_date": "2026-01-06T02:00:00Z",
            "test_logs": [["name": "arrives live", "status": "FAILED", "automation_content": "live.Test#arrives",
                           "exe_start_date": "2026-01-06T02:00:00Z", "exe_end_date": "2026-01-06T02:00:01Z"]],
        ])
        _ = try AutomationUploadTests.waitForJob(h, upload.object["id"] as? Int ?? 0)
        #expect((try stamp(h)["store"] as? Int ?? 0) > before)
        let tree = try h.page("projects/108781").text
        #expect(tree.contains("arrives live</a> <span class=\"status s602\">Failed</span>"))
        #expect(tree.contains("<span class=\"name\">Automation 2026-01-06</span>"))
    }

    @Test func theScriptAndStylesheetAreServedFromTheBinary() throws {
        let h = try EmulatorHarness(.live)
        let script = try h.page("dashboard.js")
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.text.contains("fetch(\"stamp\""))
        #expect(script.text.contains("body.dataset.refreshes") && !script.text.contains("http://") && !script.text.contains("https://"))
        let css = try h.page("dashboard.css")
        #expect(css.header("Content-Type") == "text/css; charset=utf-8" && css.text.contains("--status") && !css.text.contains("@import"))
        #expect(!css.text.contains("url("), "nothing fetched from elsewhere")
    }
}
