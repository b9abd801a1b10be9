import Foundation
import HTTPServer
import QTestStore

/// `POST /api/v3/projects/{projectId}/test-runs/0/auto-test-logs`: one automation result for a
/// run that does not exist yet. It is applied at once (no job) with the same code as the batch
/// uploads: the case is found by automation content or created, the run found in the suite or
/// created there.
enum AutomationSingleLog {
    static func submit(_ context: some RequestReading, _ body: JSON, app: EmulatorContext, caller: Caller, projectID: Int64) throws -> HTTPResponse {
        let result = try AutomationRequestParsing.result(body, index: 0, escapeXML: false, defaultDate: app.now)
        try AutomationRequestParsing.checkModuleDepth([result], levelsAbove: 1)  // under the "Automation" module
        let suiteName = try suiteName(context, now: app.now)
        let json: JSON = try app.write { db in
            let importer = AutomationImport(db, projectId: projectID, userId: caller.userID, at: app.now)
            let log = try importer.importSingle(result, suiteName: suiteName)
            return try TestLogWire.encodeAutomation(log, db, context)
        }
        return .json(201, json)
    }

    /// "Automation Test Suite", or one suite per day ("Automation 2026-01-05") with
    /// `suitePerDay=true` or `suiteDate=yyyymmdd`.
    static func suiteName(_ context: some RequestReading, now: Date) throws -> String {
        if let day = context.queryString("suiteDate") {
            guard day.count == 8, let _ = Int(day), let date = QTestDate.parse("\(day.prefix(4))-\(day.dropFirst(4).prefix(2))-\(day.suffix(2))") else {
                throw APIError.badRequest("Query parameter 'suiteDate' must look like yyyymmdd")
            }
            return "Automation \(QTestDate.formatDay(date))"
        }
        if try context.queryBool("suitePerDay") == true { return "Automation \(QTestDate.formatDay(now))" }
        return "Automation Test Suite"
    }
}
