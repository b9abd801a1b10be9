/// The events a webhook may subscribe to, as qTest names them (`GET /api/v3/webhooks/events`).
///
/// qTest's docs page spells one of them `defect_submited`, its API description and the official
/// Pulse examples `defect_submitted`; a registration may use either, and both mean the event
/// sent as `defect_submitted`.
///
/// ```swift
/// WebhookEvents.canonical("defect_submited")   // "defect_submitted"
/// WebhookEvents.canonical("testrun_started")   // nil: not an event
/// ```
public enum WebhookEvents {
    /// Every event, in the order qTest lists them.
    public static let all = [
        "testcase_created", "testcase_updated", "testcase_deleted", "testcase_approved",
        "testrun_created", "testrun_updated", "testrun_deleted",
        "testlog_submitted", "testlog_modified",
        "project_created", "project_updated",
        "defect_submitted", "defect_modified", "defect_linked", "defect_unlinked",
        "requirement_created", "requirement_updated", "requirement_deleted", "requirement_linked", "requirement_unlinked",
    ]

    /// The documented misspelling, accepted on registration.
    public static let misspellings = ["defect_submited": "defect_submitted"]

    /// The event `name` stands for (any letter case; the misspelling too), or nil.
    public static func canonical(_ name: String) -> String? {
        let lower = name.lowercased()
        if let fixed = misspellings[lower] { return fixed }
        return known.contains(lower) ? lower : nil
    }

    private static let known = Set(all)
}
