import Foundation
import GRDB

/// A test case: identity, place in the module tree and order. Its name, description,
/// precondition, properties and steps belong to each ``TestCaseVersionRecord``.
public struct TestCaseRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var pid: String
    public var moduleId: Int64?
    public var sortOrder: Int
    public var creatorId: Int64?
    public var toscaGuid: String?
    public var toscaNodePath: String?
    public var toscaTestCaseUniqueId: String?
    public var toscaUrl: String?
    public var createdDate: Date
    public var lastModifiedDate: Date
    /// The fingerprint automation uploads find the case by (nil for cases made by hand).
    public var automationContent: String? = nil

    /// Encodes columns directly: uploads create cases by the thousand.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id; container["project_id"] = projectId; container["pid"] = pid; container["module_id"] = moduleId
        container["sort_order"] = sortOrder; container["creator_id"] = creatorId; container["tosca_guid"] = toscaGuid
        container["tosca_node_path"] = toscaNodePath; container["tosca_test_case_unique_id"] = toscaTestCaseUniqueId
        container["tosca_url"] = toscaUrl; container["created_date"] = createdDate; container["last_modified_date"] = lastModifiedDate
        container["automation_content"] = automationContent
    }
}

/// A step as written by a client (create, replace, add).
public struct TestStepDraft: Sendable, Equatable {
    public var description: String
    public var expected: String
    public var plainValueText: String?
    /// A step that calls another test case of the same project.
    public var calledTestCaseId: Int64?
    public var group: Int
    /// 1-based position for a single added/moved step; ignored in whole-list writes.
    public var order: Int?

    public init(description: String = "", expected: String = "", plainValueText: String? = nil,
                calledTestCaseId: Int64? = nil, group: Int = 0, order: Int? = nil) {
        self.description = description; self.expected = expected; self.plainValueText = plainValueText
        self.calledTestCaseId = calledTestCaseId; self.group = group; self.order = order
    }
}

/// Input for ``TestCases/create(_:projectId:_:by:at:)``.
public struct TestCaseDraft: Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String
    public var description: String
    public var precondition: String
    /// The module; nil puts the case in the "Created via API" module.
    public var moduleId: Int64?
    public var properties: [PropertyInput]
    public var steps: [TestStepDraft]
    /// Set by automation uploads, which find the case again by it.
    public var automationContent: String?
    /// An explicit id for the first version (seed fixtures written by an export); nil allocates one.
    public var versionId: Int64?

    public init(id: Int64? = nil, pid: String? = nil, name: String, description: String = "", precondition: String = "",
                moduleId: Int64? = nil, properties: [PropertyInput] = [], steps: [TestStepDraft] = [], automationContent: String? = nil,
                versionId: Int64? = nil) {
        self.id = id; self.pid = pid; self.name = name; self.description = description; self.precondition = precondition
        self.moduleId = moduleId; self.properties = properties; self.steps = steps; self.automationContent = automationContent
        self.versionId = versionId
    }
}

/// Changes for ``TestCases/update(_:projectId:_:_:by:at:)``. Nil members stay unchanged;
/// `steps` replaces the whole list.
public struct TestCasePatch: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var precondition: String?
    public var moduleId: Int64?
    public var properties: [PropertyInput]?
    public var steps: [TestStepDraft]?

    public init(name: String? = nil, description: String? = nil, precondition: String? = nil, moduleId: Int64? = nil,
                properties: [PropertyInput]? = nil, steps: [TestStepDraft]? = nil) {
        self.name = name; self.description = description; self.precondition = precondition
        self.moduleId = moduleId; self.properties = properties; self.steps = steps
    }

    /// Whether the patch changes versioned content (and so saves a new version).
    public var changesContent: Bool { name != nil || description != nil || precondition != nil || properties != nil || steps != nil }
}

/// Store operations on test cases. Versions and steps: see ``TestCaseVersions`` and ``TestSteps``.
///
/// How other aggregates (test runs) look a case up and pick its version:
///
/// ```swift
/// let tc = try TestCaseRecord.get(db, projectId: 108781, caseId)               // 404 unless in the project
/// let tc2 = try TestCaseRecord.get(db, projectId: 108781, idOrPid: "TC-3")     // id or PID
/// let latest = try TestCaseVersions.latest(db, caseId: tc.id)             // what GET test-case shows
/// let approved = try TestCaseVersions.latestApproved(db, caseId: tc.id)   // nil before the first approval
/// let pinned = try TestCaseVersions.get(db, caseId: tc.id, versionId: v)  // a version id of this case
/// // a run stores (tc.id, latest.id) in test_runs.test_case_id / test_case_version_id
/// ```
public enum TestCases {
    /// Creates a case at version 0.1 in `draft.moduleId` (or "Created via API"), with its
    /// properties and steps, in the caller's transaction.
    @discardableResult
    public static func create(_ db: Database, projectId: Int64, _ draft: TestCaseDraft, by creatorId: Int64?,
                              at now: Date) throws -> (TestCaseRecord, TestCaseVersionRecord) {
        let name = try validName(draft.name)
        let module: ModuleRecord
        if let moduleId = draft.moduleId { module = try Modules.get(db, projectId: projectId, moduleId) }
        else { module = try Modules.createdViaAPI(db, projectId: projectId, by: creatorId, at: now) }
        if let id = draft.id, try db.cachedValue(Int64.self, sql: "SELECT id FROM test_cases WHERE id = ?", arguments: [id]) != nil { throw StoreError.conflict("Test case id \(id) already exists") }
        let order = (try db.cachedValue(Int.self, sql: "SELECT MAX(sort_order) FROM test_cases WHERE module_id = ?", arguments: [module.id]) ?? 0) + 1
        // Automation Content sent as a property is the fingerprint later uploads reuse the case by.
        let automationFields = try TestCaseAutomationFields(db, projectId: projectId)
        let (sentContent, otherInputs) = automationFields.takeContent(from: draft.properties)
        let inputs = draft.automationContent != nil ? automationFields.markingAutomated(otherInputs) : otherInputs
        let tc = TestCaseRecord(
            id: try IDs.use(db, .testCase, draft.id), projectId: projectId, pid: try PIDs.use(db, project: projectId, .testCase, draft.pid),
            moduleId: module.id, sortOrder: order, creatorId: creatorId, toscaGuid: nil, toscaNodePath: nil,
            toscaTestCaseUniqueId: nil, toscaUrl: nil, createdDate: now, lastModifiedDate: now,
            automationContent: draft.automationContent ?? sentContent ?? nil)
        try tc.insertRow(db)
        let version = TestCaseVersionRecord(
            id: try IDs.use(db, .testCaseVersion, draft.versionId), testCaseId: tc.id, major: 0, minor: 1, name: name,
            description: draft.description, precondition: draft.precondition, isApproved: false,
            creatorId: creatorId, createdDate: now, lastModifiedDate: now)
        try version.insertRow(db)
        try ObjectProperties.create(db, projectId: projectId, fieldKind: .testCase, valueKind: .testCaseVersion,
                                    objectId: version.id, inputs, heldElsewhere: automationFields.heldElsewhere)
        try TestSteps.insert(db, projectId: projectId, caseId: tc.id, versionId: version.id, draft.steps)
        return (tc, version)
    }




    /// Cases of a project, or directly under module `moduleId`, in tree order then creation order.
    public static func list(_ db: Database, projectId: Int64, moduleId: Int64?, paging: Paging) throws -> PagedResult<TestCaseRecord> {
        try Modules.contents(db, projectId: projectId, moduleId: moduleId, orderBy: moduleId == nil ? "id" : "sort_order, id")
            .fetch(db, paging)
    }

    /// Saves a change: content changes add a new minor version (0.9 → 0.10, 1.0 → 1.1) that
    /// starts as a copy of the latest; a `moduleId` moves the case. Returns the case and its
    /// now-latest version.
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, _ patch: TestCasePatch, by userId: Int64?,
                              at now: Date) throws -> (TestCaseRecord, TestCaseVersionRecord) {
        var tc = try TestCaseRecord.get(db, projectId: projectId, id)
        if let moduleId = patch.moduleId, moduleId != tc.moduleId {
            _ = try Modules.get(db, projectId: projectId, moduleId)
            tc.moduleId = moduleId
            tc.sortOrder = (try Int.fetchOne(db, sql: "SELECT MAX(sort_order) FROM test_cases WHERE module_id = ?", arguments: [moduleId]) ?? 0) + 1
        }
        var version = try TestCaseVersions.latest(db, caseId: id)
        if patch.changesContent {
            version = try TestCaseVersions.saveNew(db, caseId: id, by: userId, at: now)
            if let v = patch.name { version.name = try validName(v) }
            if let v = patch.description { version.description = v }
            if let v = patch.precondition { version.precondition = v }
            try version.update(db)
            if let props = patch.properties {
                let (sentContent, otherInputs) = try TestCaseAutomationFields(db, projectId: projectId).takeContent(from: props)
                if let sentContent { tc.automationContent = sentContent }
                try ObjectProperties.apply(db, projectId: projectId, fieldKind: .testCase, valueKind: .testCaseVersion,
                                           objectId: version.id, otherInputs)
            }
            if let steps = patch.steps { try TestSteps.replaceAll(db, projectId: projectId, caseId: id, versionId: version.id, steps) }
        }
        try tc.update(db, modifiedAt: now)
        return (tc, version)
    }

    /// The properties of `versionId` of `testCase`, Automation Content read from the case.
    public static func properties(_ db: Database, _ testCase: TestCaseRecord, versionId: Int64) throws -> [PropertyValue] {
        var overrides: [Int64: String] = [:]
        if let content = try TestCaseAutomationFields.contentFieldID(db, projectId: testCase.projectId) {
            overrides[content] = testCase.automationContent ?? ""
        }
        return try ObjectProperties.read(db, projectId: testCase.projectId, fieldKind: .testCase, valueKind: .testCaseVersion,
                                         objectId: versionId, overrides: overrides)
    }

    /// A 400 when a required test-case field has no value (API creates; see ``ObjectProperties/requireValues``).
    public static func requireValues(_ db: Database, _ testCase: TestCaseRecord, versionId: Int64) throws {
        let held = testCase.automationContent != nil ? try TestCaseAutomationFields(db, projectId: testCase.projectId).heldElsewhere : []
        try ObjectProperties.requireValues(db, projectId: testCase.projectId, fieldKind: .testCase, valueKind: .testCaseVersion,
                                           objectId: versionId, heldElsewhere: held)
    }

    /// Deletes a case with its versions, steps, runs, links, comments and values.
    public static func delete(_ db: Database, projectId: Int64, _ id: Int64) throws {
        _ = try TestCaseRecord.get(db, projectId: projectId, id)
        try forgetArtifacts(db, id)
        try db.execute(sql: "DELETE FROM test_cases WHERE id = ?", arguments: [id])
    }

    /// Removes the loose rows (values, comments, links, attachments) of a case, its versions
    /// and steps, before the case row itself goes.
    static func forgetArtifacts(_ db: Database, _ caseId: Int64) throws {
        let versionIDs = try Int64.fetchAll(db, sql: "SELECT id FROM test_case_versions WHERE test_case_id = ?", arguments: [caseId])
        let stepIDs = try Int64.fetchAll(db, sql: """
            SELECT s.id FROM test_steps s JOIN test_case_versions v ON v.id = s.test_case_version_id WHERE v.test_case_id = ?
            """, arguments: [caseId])
        try ObjectProperties.purge(db, .testCase, ids: [caseId])
        try ObjectProperties.purge(db, .testCaseVersion, ids: versionIDs)
        try ObjectProperties.purge(db, .testStep, ids: stepIDs)
    }

    static func validName(_ name: String) throws -> String {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.badRequest("Test Case name is required") }
        guard name.count <= 500 else { throw StoreError.badRequest("Test Case name must be at most 500 characters") }
        return name
    }
}
