import Foundation
import QTestStore

/// The worker's side of the legacy Jenkins upload (``CIUploadRoutes``), in the job's
/// transaction: the setting is read again (it may have changed since the upload was queued),
/// its suite found or created, the results imported there, and the suite remembered in the
/// setting for the next upload.
enum CIUploadJob {
    static func apply(_ db: StoreDatabase, _ job: JobRecord, _ request: AutomationJob.Request, _ results: [AutomationResult],
                      _ importer: AutomationImport, at now: Date) throws -> JSON {
        guard let settingID = request.ciSettingID else { throw APIError.badRequest("The stored job request names no CI setting") }
        let setting = try CISettings.get(db, projectId: job.projectId, settingID)
        let suite = try CIUploadTarget.suite(db, for: setting, by: job.userId, at: now)
        let body = request.body
        let (used, count) = try importer.importIntoSuite(
            .existing(suiteId: suite.id), parentModuleId: try caseModule(db, setting, body),
            skipAutomationModule: try body.optionalBool("skipCreatingAutomationModule") ?? true,
            try withBuild(results, body, server: setting.ciServer))
        try CISettings.recordUpload(db, setting.id, suiteId: used.id, at: now)
        return ["testSuiteId": .int(used.id), "testSuiteName": .string(used.name), "totalTestLogs": .number(count)]
    }

    /// New cases go under the setting's module; the body's `parent_module` (the module id the
    /// plugin knew when the build started) only when the setting has none. One that no longer
    /// exists is passed over rather than failing the upload; with neither, cases go to the root.
    static func caseModule(_ db: StoreDatabase, _ setting: CISettingRecord, _ body: JSON) throws -> Int64? {
        let sent = try body.optionalInt("parent_module")
        for candidate in [setting.moduleId, sent].compactMap({ $0 }) where candidate > 0 {
            if try ModuleRecord.fetchOne(db, key: candidate)?.projectId == setting.projectId { return candidate }
        }
        return nil
    }

    /// The legacy body leaves each result's `build_number` and `build_url` null and sends the
    /// build once (`buildNumber`, and `buildPath` relative to the Jenkins URL): the logs get them.
    static func withBuild(_ results: [AutomationResult], _ body: JSON, server: String) throws -> [AutomationResult] {
        let number = try body.optionalString("buildNumber")
        let url = try body.optionalString("buildPath").map { path in
            (server.hasSuffix("/") ? String(server.dropLast()) : server) + "/" + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
        }
        return results.map { result in
            var result = result
            if result.buildNumber == nil { result.buildNumber = number }
            if result.buildUrl == nil { result.buildUrl = url }
            return result
        }
    }
}
