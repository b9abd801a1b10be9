import Foundation
import Testing
@testable import QTestAPI

/// The webhook deliveries panel, rendered from rows as the webhooks area's reader will hand
/// them over (``WebhookDeliveryReader``): outcome, answer, error, every value escaped.
@Suite struct WebhookPanelTests {
    @Test func deliveriesShowTheirOutcomeAndEscapeEverything() {
        let at = Date(timeIntervalSince1970: 1_767_607_200)
        let rows = [
            WebhookDeliveryRow(id: 7, webhook: "<b>ci</b>", url: "http://hooks.example/\"><script>alert(1)</script>", event: "testlog_submitted",
                               outcome: .delivered, attempts: 1, responseStatus: 204, createdDate: at, lastAttemptDate: at),
            WebhookDeliveryRow(id: 8, webhook: "ci", url: "http://down.example/", event: "testrun_updated", outcome: .failed, attempts: 3,
                               error: "connection refused <img src=x onerror=alert(2)>", createdDate: at),
            WebhookDeliveryRow(id: 9, webhook: "ci", url: "http://slow.example/", event: "testrun_updated", outcome: .pending, attempts: 0,
                               createdDate: at),
        ]
        let html = WebhookDeliveriesPanel.render(rows).markup
        #expect(html.contains("<td>&lt;b&gt;ci&lt;/b&gt;<div class=\"muted\"><code>http://hooks.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code></div></td>"))
        #expect(html.contains("<td class=\"delivered\">delivered</td>\n<td><span class=\"http2\">204</span></td><td>1</td><td>2026-01-05 10:00:00Z</td>"))
        #expect(html.contains("<td class=\"failed\">failed</td>\n<td><span class=\"muted\">no answer</span><div class=\"failed\">connection refused &lt;img"))
        #expect(html.contains("<td class=\"pending\">pending</td>") && html.contains("<td>—</td></tr>"), "never attempted")
        #expect(!html.contains("<script>") && !html.contains("<img"))
        #expect(WebhookDeliveriesPanel.render([]).markup.contains("No webhook deliveries yet."))
        #expect(WebhookDeliveriesPanel.render(nil).markup.contains("id=\"webhooks-unavailable\""))
    }
}
