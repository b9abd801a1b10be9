import Foundation
import GRDB

/// A test suite (`TestSuiteWithCustomFieldResource` on the wire).
public struct TestSuiteRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var pid: String
    public var name: String
    /// `root`, `release` or `test-cycle`.
    public var parentType: String
    public var releaseId: Int64?
    public var testCycleId: Int64?
    public var targetReleaseId: Int64?
    public var targetBuildId: Int64?
    public var sortOrder: Int
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date

    /// The container this suite sits in.
    public var parent: ExecutionParent {
        .from(type: parentType, release: releaseId, cycle: testCycleId, suite: nil)
    }
}

/// Store operations on test suites.
///
/// ```swift
/// let s = try TestSuites.create(db, projectId: p, under: ExecutionParent(type: .testCycle, id: c), ContainerDraft(name: "Smoke"), by: u, at: now)
/// ```
public enum TestSuites {
    /// The container types a suite may live in.
    public static let allowedParents: Set<ExecutionParentType> = [.root, .release, .testCycle]

    /// Creates a suite (PID `TS-n`) under `parent`, with properties.
    @discardableResult
    public static func create(_ db: Database, projectId: Int64, under parent: ExecutionParent, _ draft: ContainerDraft,
                              by creatorId: Int64?, at now: Date) throws -> TestSuiteRecord {
        let place = try ContainerPlacement(db, projectId: projectId, under: parent, name: draft.name, .testSuite)
        let (sentTarget, properties) = try takeTarget(db, projectId: projectId, draft.properties)
        let targets = try TestCycles.checkTargets(db, projectId: projectId, draft.targetReleaseId ?? sentTarget ?? nil, draft.targetBuildId)
        let suite = TestSuiteRecord(
            id: try IDs.use(db, .testSuite, draft.id), projectId: projectId, pid: try PIDs.use(db, project: projectId, .testSuite, draft.pid),
            name: place.name, parentType: parent.type.rawValue, releaseId: place.releaseId, testCycleId: place.cycleId,
            targetReleaseId: targets.release, targetBuildId: targets.build, sortOrder: place.order,
            creatorId: creatorId, createdDate: now, lastModifiedDate: now)
        try suite.insert(db)
        try ObjectProperties.create(db, projectId: projectId, .testSuite, suite.id, properties,
                                    heldElsewhere: try targetFieldID(db, projectId: projectId).map { [$0] } ?? [])
        return suite
    }


    /// The suites directly under `parent`, in creation order; nil = every suite of the project.
    public static func list(_ db: Database, projectId: Int64, under parent: ExecutionParent?) throws -> [TestSuiteRecord] {
        guard let parent else {
            return try TestSuiteRecord.fetchAll(db, sql: "SELECT * FROM test_suites WHERE project_id = ? ORDER BY id", arguments: [projectId])
        }
        try ExecutionTree.check(db, projectId: projectId, parent, allowed: allowedParents, child: "test suite")
        return try ExecutionTree.children(db, TestSuiteRecord.self, in: "test_suites", projectId: projectId, under: parent,
                                          cycleColumn: "test_cycle_id")
    }

    /// The suites directly in each of the cycles `cycleIds`, in tree order, by cycle id: one
    /// statement per 500 cycles for readers that show a whole cycle tree.
    public static func list(_ db: Database, inCycles cycleIds: [Int64]) throws -> [Int64: [TestSuiteRecord]] {
        var byCycle: [Int64: [TestSuiteRecord]] = [:]
        for chunk in TreeTable.chunks(cycleIds) {
            let suites = try TestSuiteRecord.fetchAll(db, sql: """
                SELECT * FROM test_suites WHERE test_cycle_id IN (\(chunk.map(String.init).joined(separator: ","))) ORDER BY sort_order, id
                """)
            for suite in suites { if let cycle = suite.testCycleId { byCycle[cycle, default: []].append(suite) } }
        }
        return byCycle
    }

    /// Applies `draft` or, with `moveTo`, only moves the suite (qTest ignores the body on a move).
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, _ draft: ContainerDraft, moveTo: ExecutionParent?,
                              at now: Date) throws -> TestSuiteRecord {
        var s = try TestSuiteRecord.get(db, projectId: projectId, id)
        if let parent = moveTo {
            try ExecutionTree.check(db, projectId: projectId, parent, allowed: allowedParents, child: "test suite")
            let cols = parent.columns
            s.parentType = parent.type.rawValue
            s.releaseId = cols.release
            s.testCycleId = cols.cycle
        } else {
            if draft.name != nil { s.name = try Releases.validName(draft.name, "Test Suite") }
            let (sentTarget, properties) = try takeTarget(db, projectId: projectId, draft.properties)
            let release = draft.targetReleaseId ?? sentTarget ?? nil
            let targets = try TestCycles.checkTargets(db, projectId: projectId, release, draft.targetBuildId)
            if release != nil { s.targetReleaseId = targets.release } else if case .some(.none) = sentTarget { s.targetReleaseId = nil }
            if draft.targetBuildId != nil { s.targetBuildId = targets.build }
            try ObjectProperties.write(db, projectId: projectId, .testSuite, id, properties)
        }
        try s.update(db, modifiedAt: now)
        return s
    }

    /// The suite's properties; Target Release/Build shows `target_release_id`.
    public static func properties(_ db: Database, _ suite: TestSuiteRecord) throws -> [PropertyValue] {
        var overrides: [Int64: String] = [:]
        if let target = try targetFieldID(db, projectId: suite.projectId) { overrides[target] = suite.targetReleaseId.map(String.init) ?? "" }
        return try ObjectProperties.read(db, projectId: suite.projectId, .testSuite, suite.id, overrides: overrides)
    }

    /// The Target Release/Build field (qTest's −197, `TargetReleaseTestSuite`): its value is the
    /// suite's `target_release_id` column, which cycles' and suites' `target_release_id` share.
    static func targetFieldID(_ db: Database, projectId: Int64) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM fields WHERE (project_id = ? OR project_id IS NULL) AND object_type = 'test-suites' AND is_active
              AND (original_name = 'TargetReleaseTestSuite' OR label = 'Target Release/Build' COLLATE NOCASE)
            ORDER BY original_name = 'TargetReleaseTestSuite' DESC, project_id IS NULL, id LIMIT 1
            """), arguments: [projectId])
    }

    /// ``targetFieldID(_:projectId:)`` as a set, for ``ObjectProperties/requireValues``.
    public static func targetFieldIDs(_ db: Database, projectId: Int64) throws -> Set<Int64> {
        try targetFieldID(db, projectId: projectId).map { [$0] } ?? []
    }

    /// Takes a Target Release/Build value (a release id) out of `inputs`: `.some(nil)` clears it.
    static func takeTarget(_ db: Database, projectId: Int64, _ inputs: [PropertyInput]) throws -> (Int64??, [PropertyInput]) {
        guard !inputs.isEmpty, let field = try targetFieldID(db, projectId: projectId),
              let sent = inputs.last(where: { $0.fieldId == field }) else { return (nil, inputs) }
        let rest = inputs.filter { $0.fieldId != field }
        let text = sent.value?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !text.isEmpty else { return (.some(nil), rest) }
        guard let id = Int64(text), id > 0 else {
            throw StoreError.badRequest("Field value is invalid. '\(text)' is not valid for field 'Target Release/Build' (id \(field)): the field takes a release id")
        }
        return (.some(id), rest)
    }

    /// Deletes a suite with its runs and their logs.
    public static func delete(_ db: Database, projectId: Int64, _ id: Int64) throws {
        _ = try TestSuiteRecord.get(db, projectId: projectId, id)
        let contents = try ExecutionTree.contents(db, of: ExecutionParent(type: .testSuite, id: id), projectId: projectId)
        try ExecutionTree.purge(db, contents)
        try ObjectProperties.purge(db, .testSuite, ids: [id])
        try TestSuiteRecord.deleteOne(db, key: id)
    }
}
