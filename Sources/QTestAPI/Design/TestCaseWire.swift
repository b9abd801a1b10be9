import Foundation
import QTestStore

/// How much of a test case's steps to put in its JSON.
enum StepDetail: Sendable, Equatable {
    /// No `test_steps` key.
    case none
    /// `test_steps` of the version; a calling step carries a shallow `called_test_case`.
    case steps
    /// As `.steps`, and each `called_test_case` carries its own steps (`expand=calledteststep`).
    case calledSteps
}

/// `TestCaseWithCustomFieldResource` and `TestStepResource` encoders, reusable by other route
/// groups (a test run's `expand=testcase`).
///
/// Looking a case up and encoding the version a run points at:
///
/// ```swift
/// let tc = try TestCaseRecord.get(db, projectId: p, idOrPid: "TC-3")
/// let version = try TestCaseVersions.get(db, caseId: tc.id, versionId: run.testCaseVersionId)
/// let json = try TestCaseRoutes.encode(tc, version, db, context, steps: .steps)
/// ```
extension TestCaseRoutes {
    /// Encodes `version` of `testCase`. `properties` is always present (`[]` when
    /// `withProperties` is false, as the 2023.6 SDK requires the key).
    static func encode(_ testCase: TestCaseRecord, _ version: TestCaseVersionRecord, _ db: StoreDatabase, _ context: some RequestReading,
                       steps: StepDetail = .steps, withProperties: Bool = true, preloadedSteps: [TestStepRecord]? = nil) throws -> JSON {
        let base = "/api/v3/projects/\(testCase.projectId)/test-cases/\(testCase.id)"
        let properties: JSON = withProperties
            ? ExecutionWire.properties(try TestCases.properties(db, testCase, versionId: version.id))
            : []
        var stepsJSON: JSON = .null
        if steps != .none {
            let records = try preloadedSteps ?? TestSteps.list(db, versionId: version.id)
            stepsJSON = .array(try records.map { try encodeStep($0, caseId: testCase.id, projectId: testCase.projectId, db, context, detail: steps) })
        }
        return [
            "links": [
                Wire.link("self", Wire.href(context, base)),
                Wire.link("test-steps", Wire.href(context, base + "/test-steps")),
                Wire.link("attachments", Wire.href(context, base + "/attachments")),
            ],
            "id": .int(testCase.id),
            "name": .string(version.name),
            "order": .number(testCase.sortOrder),
            "pid": .string(testCase.pid),
            "created_date": Wire.date(testCase.createdDate),
            "last_modified_date": Wire.date(max(testCase.lastModifiedDate, version.lastModifiedDate)),
            "properties": properties,
            "web_url": ExecutionWire.webURL(context, projectID: testCase.projectId, tab: "testdesign", object: 1, id: testCase.id),
            "test_steps": stepsJSON,
            "parent_id": .optional(testCase.moduleId),
            "test_case_version_id": .int(version.id),
            "version": .string(version.versionText),
            "description": .string(version.description),
            "precondition": .string(version.precondition),
            "creator_id": .optional(testCase.creatorId ?? version.creatorId),
            "agent_ids": [],
            "tosca_guid": .optional(testCase.toscaGuid),
            "tosca_node_path": .optional(testCase.toscaNodePath),
            "tosca_url": .optional(testCase.toscaUrl),
            "tosca_test_case_unique_id": .optional(testCase.toscaTestCaseUniqueId),
        ]
    }

    /// Encodes the latest version of `testCase`.
    static func encodeLatest(_ testCase: TestCaseRecord, _ db: StoreDatabase, _ context: some RequestReading,
                             steps: StepDetail = .steps, withProperties: Bool = true) throws -> JSON {
        try encode(testCase, try TestCaseVersions.latest(db, caseId: testCase.id), db, context, steps: steps, withProperties: withProperties)
    }

    /// `TestStepResource`. A step calling another case names it and nests that case's latest
    /// version as `called_test_case` (with its steps for `.calledSteps`, a few levels deep).
    static func encodeStep(_ step: TestStepRecord, caseId: Int64, projectId: Int64, _ db: StoreDatabase, _ context: some RequestReading,
                           detail: StepDetail = .steps, depth: Int = 0) throws -> JSON {
        var calledName: JSON = .null
        var called: JSON = .null
        if let calledId = step.calledTestCaseId, let calledCase = try TestCaseRecord.find(db, projectId: projectId, calledId) {
            let calledVersion = try TestCaseVersions.latest(db, caseId: calledId)
            calledName = .string(calledVersion.name)
            let nested: StepDetail = (detail == .calledSteps && depth < 5) ? .calledSteps : .none
            var json = try encode(calledCase, calledVersion, db, context, steps: .none)
            if nested == .calledSteps {
                let steps = try TestSteps.list(db, versionId: calledVersion.id)
                json = json.setting("test_steps", .array(try steps.map {
                    try encodeStep($0, caseId: calledId, projectId: projectId, db, context, detail: .calledSteps, depth: depth + 1)
                }))
            }
            called = json
        }
        return [
            "links": [Wire.link("self", Wire.href(context, "/api/v3/projects/\(projectId)/test-cases/\(caseId)/test-steps/\(step.id)"))],
            "id": .int(step.id),
            "description": .string(step.description),
            "expected": .string(step.expected),
            "order": .number(step.sortOrder),
            "group": .number(step.stepGroup),
            "called_test_case_name": calledName,
            "root_called_test_case_id": .optional(step.calledTestCaseId),
            "called_test_case": called,
            "parent_test_step_id": .optional(step.parentTestStepId),
            "plain_value_text": .optional(step.plainValueText),
            "called_test_case_id": .optional(step.calledTestCaseId),
        ]
    }

    // MARK: Decoding

    /// A `TestStepResource` body as a draft (`description`/`expected` default to "").
    static func decodeStep(_ json: JSON, _ what: String = "Request body") throws -> TestStepDraft {
        let body = try json.requireObject(what)
        let order = try body.optionalInt("order")
        if let order, order < 1 { throw APIError.badRequest("Field 'order' must be at least 1") }
        return TestStepDraft(description: try body.optionalString("description") ?? "", expected: try body.optionalString("expected") ?? "",
                             plainValueText: try body.optionalString("plain_value_text"),
                             calledTestCaseId: try body.optionalInt("called_test_case_id"),
                             group: Int(clamping: try body.optionalInt("group") ?? 0), order: order.map { Int(clamping: $0) })
    }

    static func decodeSteps(_ body: JSON) throws -> [TestStepDraft]? {
        try body.optionalArray("test_steps")?.enumerated().map { try decodeStep($1, "test_steps[\($0)]") }
    }

    /// A `TestCaseWithCustomFieldResource` body as a patch (only the keys it carries).
    static func decodePatch(_ json: JSON) throws -> TestCasePatch {
        let body = try json.requireObject()
        var patch = TestCasePatch()
        if body["name"].map({ !$0.isNull }) ?? false { patch.name = try body.requiredName() }
        patch.description = try body.optionalString("description")
        patch.precondition = try body.optionalString("precondition")
        patch.moduleId = try body.optionalInt("parent_id")
        patch.properties = body["properties"].map { !$0.isNull } == true ? try ExecutionWire.propertyInputs(body) : nil
        patch.steps = try decodeSteps(body)
        return patch
    }
}
