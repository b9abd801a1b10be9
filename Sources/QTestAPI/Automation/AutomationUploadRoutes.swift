import Foundation
import HTTPServer
import QTestStore

/// The batch automation uploads CI pipelines use: validate now, queue, answer 201 with the
/// job, and let the worker apply the results (`AutomationJob`).
///
/// - `POST /api/v3.1/projects/{projectId}/test-runs/{testRunId}/auto-test-logs`: results into
///   one test suite (the Jenkins plugin's call; `testRunId` must be 0).
/// - `POST /api/v3/projects/{projectId}/auto-test-logs`: results into a module/cycle tree.
enum AutomationUploadRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("POST", "/api/v3.1/projects/{projectId}/test-runs/{testRunId}/auto-test-logs") { context in
            try requireNoRun(context)
            return try submit(context, app: app, kind: .suite)
        }
        table.project("POST", "/api/v3/projects/{projectId}/auto-test-logs") { context in
            try submit(context, app: app, kind: .tree)
        }
    }

    /// A batch upload's path names run 0 (qTest: "testRunId is not 0" is a 400).
    static func requireNoRun(_ context: ProjectRequest) throws {
        let runID = try context.pathID("testRunId")
        guard runID == 0 else {
            throw APIError.badRequest("Submission refused: testRunId must be 0 for a batch upload (got \(runID))")
        }
    }

    static func submit(_ context: ProjectRequest, app: EmulatorContext, kind: AutomationJob.Kind) throws -> HTTPResponse {
        // `type=automation` is documented; the Jenkins plugin sends `type=jenkins`.
        guard let type = context.queryString("type") else { throw APIError.badRequest("Query parameter 'type' is required") }
        guard ["automation", "jenkins"].contains(type.lowercased()) else {
            throw APIError.badRequest("Query parameter 'type' must be 'automation' (got '\(type)')")
        }
        let escapeXML = try context.queryBool("escapeXml") ?? true
        let body = try context.jsonBody().requireObject()
        // Parse everything now so that a malformed upload is refused before a job exists.
        let request = try AutomationJob.Request(kind: kind, body: body, bodyBytes: context.request.body, escapeXML: escapeXML, now: context.now)
        let results = try request.results()
        let skipsAutomationModule = try body.optionalBool("skipCreatingAutomationModule") ?? false
        let automationModule = kind == .suite && !skipsAutomationModule
        try AutomationRequestParsing.checkModuleDepth(results, levelsAbove: automationModule ? 1 : 0)
        return try queue(context, app: app, request: request, results: results)
    }

    /// Queues a parsed upload and answers 201 with its job. `check` runs in the queueing
    /// transaction first, to refuse an upload whose target is missing before a job exists.
    static func queue(_ context: ProjectRequest, app: EmulatorContext, request: AutomationJob.Request, results: [AutomationResult],
                      check: (StoreDatabase) throws -> Void = { _ in }) throws -> HTTPResponse {
        let job = try context.write { db in
            try check(db)
            return try app.enqueueJob(db, projectID: context.projectID, caller: context.caller, type: JobTypes.automationTestLog,
                                      requestText: request.storedText)
        }
        app.jobs.stash(AutomationJob.Prepared(request: request, results: results), for: job.id)
        app.jobQueued(job)
        return .json(201, QueueProcessingRoutes.encode(job))
    }
}
