import Foundation
import HTTPServer
import QTestStore

/// TestRunApi `assign-parameter-values/{dataset,manually,randomize}`: create several runs of one
/// test case, each with its own parameter values (`assign_parameter_values`).
///
/// qTest answers with a finished queue job (`QueueProcessingResponseTestRunDataVM`) whose
/// `content` lists the runs; the emulator creates the runs at once and records the job as
/// SUCCESS, so `GET queue-processing/{id}` finds it too.
enum TestRunParameterRoutes: RouteGroup {
    /// The vendor's ceiling on runs per call.
    static let maximumRuns = 100

    static func register(in table: inout RouteTable, app: EmulatorContext) {
        let base = "/api/v3/projects/{projectId}/test-runs/assign-parameter-values"

        table.project("POST", base + "/manually") { context in
            try create(context, app) { body, steps in
                guard let runs = try body.optionalArray("test_runs") else { throw APIError.badRequest("Field 'test_runs' is required") }
                guard !runs.isEmpty, runs.count <= maximumRuns else {
                    throw APIError.badRequest("Field 'test_runs' must hold 1 to \(maximumRuns) test runs")
                }
                return try runs.enumerated().map { index, run in
                    guard let entries = run.arrayValue else { throw APIError.badRequest("Field 'test_runs[\(index)]' must be an array") }
                    return try entries.enumerated().map { j, entry in
                        let key = "test_runs[\(index)][\(j)]"
                        let entry = try entry.requireObject(key)
                        guard let stepID = try entry.optionalInt("step_id") else { throw APIError.badRequest("Field '\(key).step_id' is required") }
                        guard steps.contains(stepID) else {
                            throw APIError.badRequest("Field '\(key).step_id': \(stepID) is not a step of the test case version")
                        }
                        return parameterEntry(stepID, try strings(entry, "description_parameter_values", key),
                                              try strings(entry, "expected_parameter_values", key))
                    }
                }
            }
        }

        table.project("POST", base + "/dataset") { context in
            try create(context, app) { body, steps in
                guard let dataset = try body.optionalString("dataset_id"), !dataset.isEmpty else {
                    throw APIError.badRequest("Field 'dataset_id' is required")
                }
                let fromRow = try body.optionalInt("from_row") ?? 1
                guard fromRow >= 1 else { throw APIError.badRequest("Field 'from_row' must be at least 1") }
                let count = try runCount(body, "number_of_rows")
                // The rows numbered below must fit in Int64: `fromRow + i` would trap past it.
                guard fromRow <= Int64.max - Int64(count) else { throw APIError.badRequest("Field 'from_row' is too large") }
                // There are no data sets in the emulator: each run records the data-set row it
                // stands for as its parameter value.
                return (0..<count).map { i in
                    steps.map { parameterEntry($0, ["\(dataset)#\(fromRow + Int64(i))"], []) }
                }
            }
        }

        table.project("POST", base + "/randomize") { context in
            try create(context, app) { body, steps in
                guard let combined = try body.optionalInt("combined_type") else { throw APIError.badRequest("Field 'combined_type' is required") }
                guard combined == 0 || combined == 1 else { throw APIError.badRequest("Field 'combined_type' must be 0 (unique data) or 1 (unique value)") }
                let count = try runCount(body, "number_of_combinations")
                return (0..<count).map { i in steps.map { parameterEntry($0, ["combination \(i + 1)"], []) } }
            }
        }
    }

    /// Shared flow: decode the case and parent, let `values` build one parameter list per run,
    /// create the runs and a finished job in one transaction.
    static func create(_ context: ProjectRequest, _ app: EmulatorContext,
                       values: (JSON, [Int64]) throws -> [[JSON]]) throws -> HTTPResponse {
        let body = try context.jsonBody().requireObject()
        let parent = try ExecutionWire.parent(context, body: body) ?? .root
        guard let testCase = try body.optionalObject("test_case") else { throw APIError.badRequest("Field 'test_case' is required") }
        let caseID = try testCase.requiredInt("id")
        let versionID = try testCase.optionalInt("test_case_version_id")
        let name = body["name"] != nil ? try body.requiredName() : nil
        let properties = try ExecutionWire.propertyInputs(body)
        return try context.write(answering: 200) { db in
            let version = try ExecutionCases.version(db, projectId: context.projectID, caseId: caseID, versionId: versionID)
            let steps = try ExecutionCases.steps(db, versionId: version.versionId).map(\.id)
            let perRun = try values(body, steps)
            var created: [JSON] = []
            for (index, params) in perRun.enumerated() {
                let draft = TestRunDraft(name: name ?? "\(version.name) \(index + 1)", testCaseId: caseID, testCaseVersionId: version.versionId,
                                         properties: properties, parameterValues: JSON.array(params).serializedString())
                let run = try TestRuns.create(db, projectId: context.projectID, under: parent, draft, by: context.caller.userID, at: context.now)
                try TestRuns.requireValues(db, run)
                created.append(["id": .int(run.id), "pid": .string(run.pid), "name": .string(run.name)])
            }
            let job = try Jobs.enqueue(db, projectId: context.projectID, userId: context.caller.userID, type: "TEST_RUN_PARAMETER_VALUES",
                                       request: body.serializedString(), at: context.now)
            let content = JSON.array(created).serializedString()
            try Jobs.finish(db, job.id, .success, content: content, at: context.now)
            return ["id": .int(job.id), "type": "TEST_RUN_PARAMETER_VALUES", "state": .string(JobState.success.rawValue),
                    "contentType": "application/json", "content": .string(content)]
        }
    }

    static func parameterEntry(_ stepID: Int64, _ description: [String], _ expected: [String]) -> JSON {
        ["step_id": .int(stepID), "description_parameter_values": .array(description.map(JSON.string)),
         "expected_parameter_values": .array(expected.map(JSON.string))]
    }

    static func strings(_ entry: JSON, _ key: String, _ path: String) throws -> [String] {
        guard let items = try entry.optionalArray(key) else { return [] }
        return try items.map {
            // Numbers and booleans count as their text, numbers as the client wrote them.
            guard let text = $0.scalarText else { throw APIError.badRequest("Field '\(path).\(key)' must be an array of strings") }
            return text
        }
    }

    static func runCount(_ body: JSON, _ key: String) throws -> Int {
        let n = try body.optionalInt(key) ?? 1
        guard n >= 1, n < Int64(maximumRuns) else { throw APIError.badRequest("Field '\(key)' must be between 1 and \(maximumRuns - 1)") }
        return Int(n)
    }
}
