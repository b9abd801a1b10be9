import Foundation
import GRDB

/// A test run (`TestRunWithCustomFieldResource` on the wire).
public struct TestRunRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var pid: String
    public var name: String
    /// `root`, `release`, `test-cycle` or `test-suite`.
    public var parentType: String
    public var releaseId: Int64?
    public var testCycleId: Int64?
    public var testSuiteId: Int64?
    public var testCaseId: Int64
    public var testCaseVersionId: Int64
    /// The run's Status (601 Passed … 605 Unexecuted): the status of its latest log.
    public var statusId: Int64
    public var automation: String?
    public var sortOrder: Int
    public var toscaGuid: String?
    public var toscaNodePath: String?
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date
    /// `assign_parameter_values` as JSON text, for runs created with parameter values.
    public var parameterValues: String?

    /// The container this run sits in.
    public var parent: ExecutionParent {
        .from(type: parentType, release: releaseId, cycle: testCycleId, suite: testSuiteId)
    }

    /// Decodes a row by column name, without `Codable`: runs are the most-read rows (the
    /// benchmark target), and keyed decoding with snake-case conversion costs several times more.
    public init(row: Row) throws {
        id = row["id"]; projectId = row["project_id"]; pid = row["pid"]; name = row["name"]; parentType = row["parent_type"]
        releaseId = row["release_id"]; testCycleId = row["test_cycle_id"]; testSuiteId = row["test_suite_id"]
        testCaseId = row["test_case_id"]; testCaseVersionId = row["test_case_version_id"]; statusId = row["status_id"]
        automation = row["automation"]; sortOrder = row["sort_order"]; toscaGuid = row["tosca_guid"]; toscaNodePath = row["tosca_node_path"]
        creatorId = row["creator_id"]; createdDate = row["created_date"]; lastModifiedDate = row["last_modified_date"]
        parameterValues = row["parameter_values"]
    }

    /// Encodes columns directly (no `Codable` key conversion): runs are written in bulk.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id; container["project_id"] = projectId; container["pid"] = pid; container["name"] = name
        container["parent_type"] = parentType; container["release_id"] = releaseId; container["test_cycle_id"] = testCycleId
        container["test_suite_id"] = testSuiteId; container["test_case_id"] = testCaseId; container["test_case_version_id"] = testCaseVersionId
        container["status_id"] = statusId; container["automation"] = automation; container["sort_order"] = sortOrder
        container["tosca_guid"] = toscaGuid; container["tosca_node_path"] = toscaNodePath; container["creator_id"] = creatorId
        container["created_date"] = createdDate; container["last_modified_date"] = lastModifiedDate; container["parameter_values"] = parameterValues
    }

    /// Memberwise initializer.
    public init(id: Int64, projectId: Int64, pid: String, name: String, parentType: String, releaseId: Int64?, testCycleId: Int64?,
                testSuiteId: Int64?, testCaseId: Int64, testCaseVersionId: Int64, statusId: Int64, automation: String?, sortOrder: Int,
                toscaGuid: String?, toscaNodePath: String?, creatorId: Int64?, createdDate: Date, lastModifiedDate: Date, parameterValues: String?) {
        self.id = id; self.projectId = projectId; self.pid = pid; self.name = name; self.parentType = parentType; self.releaseId = releaseId
        self.testCycleId = testCycleId; self.testSuiteId = testSuiteId; self.testCaseId = testCaseId; self.testCaseVersionId = testCaseVersionId
        self.statusId = statusId; self.automation = automation; self.sortOrder = sortOrder; self.toscaGuid = toscaGuid
        self.toscaNodePath = toscaNodePath; self.creatorId = creatorId; self.createdDate = createdDate; self.lastModifiedDate = lastModifiedDate
        self.parameterValues = parameterValues
    }
}

/// Input for ``TestRuns/create(_:projectId:under:_:by:at:)``; for updates nil members stay unchanged.
public struct TestRunDraft: Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String?
    public var testCaseId: Int64?
    public var testCaseVersionId: Int64?
    public var properties: [PropertyInput]
    public var automation: String?
    public var parameterValues: String?
    /// Creates a draft.
    public init(id: Int64? = nil, pid: String? = nil, name: String? = nil, testCaseId: Int64? = nil, testCaseVersionId: Int64? = nil,
                properties: [PropertyInput] = [], automation: String? = nil, parameterValues: String? = nil) {
        self.id = id; self.pid = pid; self.name = name; self.testCaseId = testCaseId; self.testCaseVersionId = testCaseVersionId
        self.properties = properties; self.automation = automation; self.parameterValues = parameterValues
    }
}

/// Store operations on test runs.
///
/// ```swift
/// let run = try TestRuns.create(db, projectId: p, under: ExecutionParent(type: .testSuite, id: s),
///                               TestRunDraft(testCaseId: tc), by: userId, at: now)
/// run.statusId // 605 (Unexecuted) until a log is submitted
/// ```
public enum TestRuns {
    /// The container types a run may live in.
    public static let allowedParents: Set<ExecutionParentType> = [.root, .release, .testCycle, .testSuite]

    /// Creates a run of a test case version (the latest when none is named) under `parent`.
    @discardableResult
    public static func create(_ db: Database, projectId: Int64, under parent: ExecutionParent, _ draft: TestRunDraft,
                              by creatorId: Int64?, at now: Date) throws -> TestRunRecord {
        guard let caseId = draft.testCaseId else { throw StoreError.badRequest("Field 'test_case' is required") }
        try ExecutionTree.check(db, projectId: projectId, parent, allowed: allowedParents, child: "test run")
        let version = try ExecutionCases.version(db, projectId: projectId, caseId: caseId, versionId: draft.testCaseVersionId)
        let name = draft.name == nil ? version.name : try Releases.validName(draft.name, "Test Run")
        let cols = parent.columns
        let column: String? = switch parent.type {
        case .root: nil
        case .release: "release_id"
        case .testCycle: "test_cycle_id"
        case .testSuite: "test_suite_id"
        }
        let order = try ExecutionTree.nextOrder(db, "test_runs", projectId: projectId, where: column, column == nil ? nil : parent.id)
        var (statusId, properties) = try splitStatus(db, projectId: projectId, draft.properties)
        if statusId == nil { statusId = try ExecutionStatuses.defaultStatus(db, projectId: projectId)?.id }
        let run = TestRunRecord(
            id: try IDs.use(db, .testRun, draft.id), projectId: projectId, pid: try PIDs.use(db, project: projectId, .testRun, draft.pid),
            name: name, parentType: parent.type.rawValue, releaseId: cols.release, testCycleId: cols.cycle, testSuiteId: cols.suite,
            testCaseId: caseId, testCaseVersionId: version.versionId, statusId: statusId ?? 605, automation: draft.automation,
            sortOrder: order, toscaGuid: nil, toscaNodePath: nil, creatorId: creatorId, createdDate: now, lastModifiedDate: now,
            parameterValues: draft.parameterValues)
        try run.insertRow(db)
        let status = try ObjectProperties.fieldID(db, projectId: projectId, .testRun, label: "Status")
        try ObjectProperties.create(db, projectId: projectId, .testRun, run.id, properties, heldElsewhere: status.map { [$0] } ?? [])
        return run
    }

    /// The run `id` in `projectId`, or nil.
    public static func find(_ db: Database, projectId: Int64, _ id: Int64) throws -> TestRunRecord? {
        try TestRunRecord.fetchOne(try db.cachedStatement(sql: "SELECT * FROM test_runs WHERE id = ? AND project_id = ?"), arguments: [id, projectId])
    }

    /// The run `id` in any project, or nil (for readers that reached it through a project's own
    /// links, e.g. a requirement's coverage).
    public static func find(_ db: Database, _ id: Int64) throws -> TestRunRecord? {
        try TestRunRecord.fetchOne(db, key: id)
    }

    /// The run `id` in `projectId`; throws `notFound("Test Run does not exist")`.
    public static func get(_ db: Database, projectId: Int64, _ id: Int64) throws -> TestRunRecord {
        guard let r = try find(db, projectId: projectId, id) else { throw StoreError.notFound("Test Run does not exist") }
        return r
    }

    /// The run with id or PID (`TR-3`) `key`.
    public static func get(_ db: Database, projectId: Int64, idOrKey key: String) throws -> TestRunRecord {
        if let id = Int64(key) { return try get(db, projectId: projectId, id) }
        guard PIDs.parse(key, .testRun) != nil,
              let r = try TestRunRecord.fetchOne(db, sql: "SELECT * FROM test_runs WHERE project_id = ? AND pid = ? COLLATE NOCASE",
                                                 arguments: [projectId, key.uppercased()]) else {
            throw StoreError.notFound("Test Run does not exist")
        }
        return r
    }

    /// Runs under `parent` (directly, or anywhere below it with `descendants`); nil = every run
    /// of the project. Creation order, paged.
    public static func list(_ db: Database, projectId: Int64, under parent: ExecutionParent?, descendants: Bool,
                            paging: Paging) throws -> PagedResult<TestRunRecord> {
        var ids: [Int64]
        if let parent {
            try ExecutionTree.check(db, projectId: projectId, parent, allowed: allowedParents, child: "test run")
            if descendants, parent.type != .testSuite {
                if parent.type == .root {
                    ids = try Int64.fetchAll(db, sql: "SELECT id FROM test_runs WHERE project_id = ?", arguments: [projectId])
                } else {
                    ids = try ExecutionTree.contents(db, of: parent, projectId: projectId).runs
                }
            } else {
                ids = try ExecutionTree.directSuitesAndRuns(db, parent, projectId: projectId).runs
            }
        } else {
            ids = try Int64.fetchAll(db, sql: "SELECT id FROM test_runs WHERE project_id = ?", arguments: [projectId])
        }
        ids.sort()
        let page = paging.window(ids)
        var items: [TestRunRecord] = []
        for chunk in stride(from: 0, to: page.count, by: 500).map({ Array(page[$0..<min($0 + 500, page.count)]) }) {
            items += try TestRunRecord.fetchAll(db, sql: "SELECT * FROM test_runs WHERE id IN (\(chunk.map(String.init).joined(separator: ","))) ORDER BY id")
        }
        return PagedResult(items: items, total: ids.count, page: paging.page, pageSize: paging.pageSize)
    }

    /// Applies `draft` or, with `moveTo`, only moves the run (qTest ignores the body on a move).
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, _ draft: TestRunDraft, moveTo: ExecutionParent?,
                              at now: Date) throws -> TestRunRecord {
        var run = try get(db, projectId: projectId, id)
        if let parent = moveTo {
            try ExecutionTree.check(db, projectId: projectId, parent, allowed: allowedParents, child: "test run")
            let cols = parent.columns
            run.parentType = parent.type.rawValue
            run.releaseId = cols.release
            run.testCycleId = cols.cycle
            run.testSuiteId = cols.suite
        } else {
            if draft.name != nil { run.name = try Releases.validName(draft.name, "Test Run") }
            if let v = draft.testCaseVersionId, v != run.testCaseVersionId {
                run.testCaseVersionId = try ExecutionCases.version(db, projectId: projectId, caseId: run.testCaseId, versionId: v).versionId
            }
            if let v = draft.automation { run.automation = v }
            let (statusId, properties) = try splitStatus(db, projectId: projectId, draft.properties)
            if let statusId { run.statusId = statusId }
            try ObjectProperties.write(db, projectId: projectId, .testRun, id, properties)
        }
        try run.update(db, modifiedAt: now)
        return run
    }

    /// Deletes a run with its logs.
    public static func delete(_ db: Database, projectId: Int64, _ id: Int64) throws {
        _ = try get(db, projectId: projectId, id)
        try ExecutionTree.purgeRuns(db, [id])
        try TestRunRecord.deleteOne(db, key: id)
    }

    /// The run's properties, its Status field showing the run's status.
    public static func properties(_ db: Database, _ run: TestRunRecord) throws -> [PropertyValue] {
        // The fields are read once: both the Status field's id and the values need them.
        let fields = try ObjectProperties.fieldInfo(db, projectId: run.projectId, .testRun)
        var overrides: [Int64: String] = [:]
        if let status = ObjectProperties.fieldID(in: fields, label: "Status") { overrides[status] = String(run.statusId) }
        return try ObjectProperties.read(db, fields: fields, valueKind: .testRun, objectId: run.id, overrides: overrides)
    }

    /// A 400 when a required test-run field has no value (API creates; Status is always set).
    public static func requireValues(_ db: Database, _ run: TestRunRecord) throws {
        let status = try ObjectProperties.fieldID(db, projectId: run.projectId, .testRun, label: "Status")
        try ObjectProperties.requireValues(db, projectId: run.projectId, fieldKind: .testRun, valueKind: .testRun, objectId: run.id,
                                           heldElsewhere: status.map { [$0] } ?? [])
    }

    /// The test-run field labelled "Status", whose value is kept in `test_runs.status_id`.
    public static func statusField(_ db: Database, projectId: Int64) throws -> FieldRecord? {
        try ObjectProperties.field(db, projectId: projectId, .testRun, label: "Status")
    }

    /// Takes a Status value out of `inputs` (validated as an execution status).
    static func splitStatus(_ db: Database, projectId: Int64, _ inputs: [PropertyInput]) throws -> (Int64?, [PropertyInput]) {
        guard !inputs.isEmpty, let field = try ObjectProperties.fieldID(db, projectId: projectId, .testRun, label: "Status") else { return (nil, inputs) }
        var status: Int64?
        var rest: [PropertyInput] = []
        for input in inputs {
            guard input.fieldId == field else { rest.append(input); continue }
            guard let text = input.value, !text.isEmpty else { continue }
            guard let id = Int64(text) else { throw StoreError.badRequest("Field value is invalid. Status must be an execution status id") }
            status = try ExecutionStatuses.resolve(db, projectId: projectId, id: id).id
        }
        return (status, rest)
    }
}
