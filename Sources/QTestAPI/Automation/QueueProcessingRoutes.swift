import Foundation
import HTTPServer
import QTestStore

/// `GET /api/v3/projects/queue-processing/{id}`: the state of a queued job. The job's
/// project is checked against the caller like any project route.
enum QueueProcessingRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.site("GET", "/api/v3/projects/queue-processing/{id}") { context in
            let id = try context.pathID("id")
            return try context.read(answering: 200) { db in
                guard let job = try Jobs.status(db, id) else { throw APIError.notFound("Job \(id) does not exist") }
                do { try app.project(db, job.projectId, for: context.caller) } catch let error as APIError where error.status == 403 {
                    // Don't reveal other projects' jobs.
                    throw APIError.notFound("Job \(id) does not exist")
                }
                return encode(job)
            }
        }
    }

    /// `QueueProcessingResponse`. `content` is JSON *text* (a string), which clients parse.
    static func encode(_ job: JobRecord) -> JSON { encode(job.status) }

    static func encode(_ job: JobStatus) -> JSON {
        [
            "id": .int(job.id),
            "type": .string(job.type),
            "state": .string(job.state.rawValue),
            "contentType": .optional(job.contentType),
            "content": .optional(job.content),
        ]
    }
}
