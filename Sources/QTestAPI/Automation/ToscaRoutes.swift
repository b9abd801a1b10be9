import Foundation
import HTTPServer
import QTestStore

/// ToscaApi: `POST /api/v3/projects/{projectId}/tosca/import/test-event` queues a Tosca
/// TestEvent import (execution lists → cycles, execution entries → runs) on the job queue.
enum ToscaRoutes: RouteGroup {
    static let jobType = "TOSCA_IMPORT"

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("POST", "/api/v3/projects/{projectId}/tosca/import/test-event") { context in
            let body = try context.jsonBody()
            _ = try cycles(in: body)  // refuse malformed events before queueing
            let job = try context.write { db in
                try app.enqueueJob(db, projectID: context.projectID, caller: context.caller, type: jobType, request: body)
            }
            app.jobQueued(job)
            return .json(200, QueueProcessingRoutes.encode(job))
        }
    }

    /// The job: applies the stored event.
    static func process(_ db: StoreDatabase, _ job: JobRecord, _ app: EmulatorContext) throws -> JSON {
        let inputs = try cycles(in: try JSON.parse(Data(job.requestJson.utf8)))
        let counts = try ToscaImport.apply(db, projectId: job.projectId, inputs, by: job.userId, at: app.now)
        return ["totalTestCycles": .number(counts.cycles), "totalTestRuns": .number(counts.runs)]
    }

    static func cycles(in body: JSON) throws -> [ToscaCycleInput] {
        guard let items = body.arrayValue else { throw APIError.badRequest("Request body must be an array of Tosca test cycles") }
        return try items.enumerated().map { try cycle($0.element, at: "[\($0.offset)]") }
    }

    /// One execution list; `level` counts the nesting (1 = top). Nesting is refused past
    /// ``TreeLimits/maxDepth`` here, before a job exists, which also bounds this recursion.
    static func cycle(_ raw: JSON, at: String, level: Int = 1) throws -> ToscaCycleInput {
        guard level <= TreeLimits.maxDepth else {
            throw APIError.badRequest("\(at): test cycles cannot be nested more than \(TreeLimits.maxDepth) levels deep")
        }
        let item = try raw.requireObject(at)
        func required(_ key: String) throws -> String {
            guard let v = try item.optionalString(key), !v.isEmpty else { throw APIError.badRequest("\(at).\(key) is required") }
            return v
        }
        var parent: ExecutionParent?
        if let id = try item.optionalInt("parentId"), id != 0 {
            let typeName = try item.optionalString("parentType") ?? "test-cycle"
            guard let type = ExecutionParentType(wire: typeName) else { throw APIError.badRequest("\(at).parentType '\(typeName)' is not valid") }
            parent = ExecutionParent(type: type, id: id)
        }
        let runs = try (item.optionalArray("testRuns") ?? []).enumerated().map { index, raw -> ToscaRunInput in
            let where_ = "\(at).testRuns[\(index)]"
            let entry = try raw.requireObject(where_)
            func need(_ key: String) throws -> String {
                guard let v = try entry.optionalString(key), !v.isEmpty else { throw APIError.badRequest("\(where_).\(key) is required") }
                return v
            }
            let associated = try entry.optionalObject("associatedToscaTestCase")
            return ToscaRunInput(name: try need("name"), toscaUniqueId: try need("toscaUniqueId"), toscaNodePath: try need("toscaNodePath"),
                                 testCaseUniqueId: try associated?.optionalString("toscaUniqueId") ?? entry.optionalString("associatedToscaTestCaseId"),
                                 testCaseNodePath: try associated?.optionalString("toscaNodePath"))
        }
        // `testCycles` nests further execution lists; plain strings carry nothing to import.
        let children = try (item.optionalArray("testCycles") ?? []).enumerated().compactMap { index, raw -> ToscaCycleInput? in
            guard case .object = raw else { return nil }
            return try cycle(raw, at: "\(at).testCycles[\(index)]", level: level + 1)
        }
        return ToscaCycleInput(name: try required("name"), description: try item.optionalString("description"),
                               toscaUniqueId: try required("toscaUniqueId"), toscaNodePath: try required("toscaNodePath"),
                               parent: parent, runs: runs, children: children)
    }
}
