import Foundation
import HTTPServer
import QTestStore

/// `POST /api/v3/projects/{projectId}/test-runs/0/auto-test-logs/ci/{configurationId}`: the
/// Jenkins plugin's upload in release mode ("submit to a release as setting from qTest"). The
/// body names no place (`test_suite` and `test_logs` are null, the results are in
/// `testResults`); the CI setting in the path does, and ``CIUploadTarget`` picks the suite.
///
/// It is an automation upload like the others: checked now (the setting must exist, the
/// results must parse), queued, answered 201 with the job (the plugin needs exactly 201 and an
/// `id` > 0), and applied by the worker (``CIUploadJob``), which reports
/// `{testSuiteId, testSuiteName, totalTestLogs}` in the job's `content`.
enum CIUploadRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("POST", "/api/v3/projects/{projectId}/test-runs/{testRunId}/auto-test-logs/ci/{configurationId}") { context in
            try AutomationUploadRoutes.requireNoRun(context)
            let settingID = try CISettingRequestParsing.settingID(context, "configurationId")
            let body = try context.jsonBody().requireObject()
            let request = try AutomationJob.Request(kind: .ci, body: body, bodyBytes: context.request.body, escapeXML: try context.queryBool("escapeXml") ?? true,
                                                    now: context.now, ciSettingID: settingID)
            let results = try request.results()
            // Test cases go straight into the setting's module (the plugin always sends
            // skipCreatingAutomationModule: true).
            try AutomationRequestParsing.checkModuleDepth(results, levelsAbove: 0)
            return try AutomationUploadRoutes.queue(context, app: app, request: request, results: results) { db in
                _ = try CISettings.get(db, projectId: context.projectID, settingID)
            }
        }
    }
}
