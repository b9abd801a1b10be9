import Foundation

/// The kinds of queued job and the code that processes each.
enum JobTypes {
    /// Batch automation test logs (`auto-test-logs`), the type clients check for.
    static let automationTestLog = "AUTOMATION_TEST_LOG"

    static let processors: [String: JobProcessor] = [
        automationTestLog: AutomationJob.process,
        ToscaRoutes.jobType: ToscaRoutes.process,
        IntegrationTriggerRoutes.jobType(.defect): IntegrationTriggerRoutes.process,
        IntegrationTriggerRoutes.jobType(.requirement): IntegrationTriggerRoutes.process,
        IntegrationTriggerRoutes.jobType(.release): IntegrationTriggerRoutes.process,
    ]
}
