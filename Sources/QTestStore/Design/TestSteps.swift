import Foundation
import GRDB

/// A test step of one test-case version. `sortOrder` is the wire `order`, 1-based and
/// contiguous within its version.
public struct TestStepRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var testCaseVersionId: Int64
    public var description: String
    public var expected: String
    public var sortOrder: Int
    public var stepGroup: Int
    public var plainValueText: String?
    public var calledTestCaseId: Int64?
    public var parentTestStepId: Int64?

    /// Reads columns directly: steps are fetched by the dozen on every test-case read, and
    /// the Codable path with snake-case key conversion costs several times more per row.
    public init(row: Row) throws {
        id = row["id"]; testCaseVersionId = row["test_case_version_id"]; description = row["description"]
        expected = row["expected"]; sortOrder = row["sort_order"]; stepGroup = row["step_group"]
        plainValueText = row["plain_value_text"]; calledTestCaseId = row["called_test_case_id"]
        parentTestStepId = row["parent_test_step_id"]
    }

    /// Encodes columns directly: uploads write steps by the thousand.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id; container["test_case_version_id"] = testCaseVersionId; container["description"] = description
        container["expected"] = expected; container["sort_order"] = sortOrder; container["step_group"] = stepGroup
        container["plain_value_text"] = plainValueText; container["called_test_case_id"] = calledTestCaseId
        container["parent_test_step_id"] = parentTestStepId
    }

    public init(id: Int64, testCaseVersionId: Int64, description: String, expected: String, sortOrder: Int, stepGroup: Int,
                plainValueText: String?, calledTestCaseId: Int64?, parentTestStepId: Int64?) {
        self.id = id; self.testCaseVersionId = testCaseVersionId; self.description = description; self.expected = expected
        self.sortOrder = sortOrder; self.stepGroup = stepGroup; self.plainValueText = plainValueText
        self.calledTestCaseId = calledTestCaseId; self.parentTestStepId = parentTestStepId
    }
}

/// Store operations on test steps. Single-step writes act on the case's latest version; when
/// that version is approved they first save a new minor version (an approved version's steps
/// never change). Every write keeps `order` 1…n.
///
/// ```swift
/// let s = try TestSteps.add(db, projectId: p, caseId: tc.id, TestStepDraft(description: "Open", expected: "Shown", order: 1),
///                           by: userId, at: now)   // inserted first; the others move down
/// ```
public enum TestSteps {
    /// Steps of a version in order (paged when asked).
    public static func list(_ db: Database, versionId: Int64, paging: Paging = .all) throws -> [TestStepRecord] {
        // The page is bound, not spliced in, so that one cached statement serves every page.
        try db.cachedRecords(TestStepRecord.self, sql: """
            SELECT * FROM test_steps WHERE test_case_version_id = ? ORDER BY sort_order, id LIMIT ? OFFSET ?
            """, arguments: [versionId, paging.limit, paging.offset])
    }

    /// Steps of many versions at once, grouped by version id (for lists of cases).
    public static func list(_ db: Database, versionIds: [Int64]) throws -> [Int64: [TestStepRecord]] {
        guard !versionIds.isEmpty else { return [:] }
        let ids = versionIds.map(String.init).joined(separator: ",")
        let steps = try TestStepRecord.fetchAll(db, sql: "SELECT * FROM test_steps WHERE test_case_version_id IN (\(ids)) ORDER BY sort_order, id")
        return Dictionary(grouping: steps, by: \.testCaseVersionId)
    }

    /// Step `stepId` of version `versionId`; 404 otherwise.
    public static func get(_ db: Database, versionId: Int64, stepId: Int64) throws -> TestStepRecord {
        guard let s = try TestStepRecord.fetchOne(db, key: stepId), s.testCaseVersionId == versionId else {
            throw StoreError.notFound("Test Step does not exist")
        }
        return s
    }

    /// Adds a step to the latest version: at `draft.order` (1 … n+1) or last.
    @discardableResult
    public static func add(_ db: Database, projectId: Int64, caseId: Int64, _ draft: TestStepDraft, by userId: Int64?,
                           at now: Date) throws -> TestStepRecord {
        try validateCall(db, projectId: projectId, caseId: caseId, draft.calledTestCaseId)
        let version = try TestCaseVersions.editable(db, caseId: caseId, by: userId, at: now)
        let count = try count(db, versionId: version.id)
        let position = draft.order ?? (count + 1)
        guard position >= 1, position <= count + 1 else {
            throw StoreError.badRequest("Test Step order must be between 1 and \(count + 1)")
        }
        try db.execute(sql: "UPDATE test_steps SET sort_order = sort_order + 1 WHERE test_case_version_id = ? AND sort_order >= ?",
                       arguments: [version.id, position])
        let step = TestStepRecord(id: try IDs.next(db, .testStep), testCaseVersionId: version.id, description: draft.description,
                                  expected: draft.expected, sortOrder: position, stepGroup: draft.group, plainValueText: draft.plainValueText,
                                  calledTestCaseId: draft.calledTestCaseId, parentTestStepId: nil)
        try step.insert(db)
        try touch(db, caseId: caseId, version: version, at: now)
        return step
    }

    /// Updates a step of the latest version; a `draft.order` moves it there. Nil members of
    /// `fields` stay unchanged.
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, caseId: Int64, stepId: Int64, description: String?, expected: String?,
                              plainValueText: String?, calledTestCaseId: Int64?, order: Int?, by userId: Int64?,
                              at now: Date) throws -> TestStepRecord {
        try validateCall(db, projectId: projectId, caseId: caseId, calledTestCaseId)
        var step = try editableStep(db, caseId: caseId, stepId: stepId, by: userId, at: now)
        if let description { step.description = description }
        if let expected { step.expected = expected }
        if let plainValueText { step.plainValueText = plainValueText }
        if let calledTestCaseId { step.calledTestCaseId = calledTestCaseId }
        if let order, order != step.sortOrder {
            let count = try count(db, versionId: step.testCaseVersionId)
            guard order >= 1, order <= count else { throw StoreError.badRequest("Test Step order must be between 1 and \(count)") }
            if order < step.sortOrder {
                try db.execute(sql: "UPDATE test_steps SET sort_order = sort_order + 1 WHERE test_case_version_id = ? AND sort_order >= ? AND sort_order < ?",
                               arguments: [step.testCaseVersionId, order, step.sortOrder])
            } else {
                try db.execute(sql: "UPDATE test_steps SET sort_order = sort_order - 1 WHERE test_case_version_id = ? AND sort_order > ? AND sort_order <= ?",
                               arguments: [step.testCaseVersionId, step.sortOrder, order])
            }
            step.sortOrder = order
        }
        try step.update(db)
        try touch(db, caseId: caseId, version: try TestCaseVersions.latest(db, caseId: caseId), at: now)
        return step
    }

    /// Deletes a step of the latest version and closes the gap. `updateVersion` saves a new
    /// minor version first, so the previous version keeps the step.
    public static func delete(_ db: Database, caseId: Int64, stepId: Int64, updateVersion: Bool, by userId: Int64?, at now: Date) throws {
        let latest = try TestCaseVersions.latest(db, caseId: caseId)
        var step = try get(db, versionId: latest.id, stepId: stepId)
        if latest.isApproved || updateVersion {
            let fresh = try TestCaseVersions.saveNew(db, caseId: caseId, by: userId, at: now)
            step = try self.step(db, versionId: fresh.id, order: step.sortOrder)
        }
        try db.execute(sql: "DELETE FROM test_steps WHERE id = ?", arguments: [step.id])
        try db.execute(sql: "UPDATE test_steps SET sort_order = sort_order - 1 WHERE test_case_version_id = ? AND sort_order > ?",
                       arguments: [step.testCaseVersionId, step.sortOrder])
        try ObjectProperties.purge(db, .testStep, ids: [step.id])
        try touch(db, caseId: caseId, version: try TestCaseVersions.latest(db, caseId: caseId), at: now)
    }

    /// Replaces all steps of a version with `drafts`, numbered 1…n in array order.
    public static func replaceAll(_ db: Database, projectId: Int64, caseId: Int64, versionId: Int64, _ drafts: [TestStepDraft]) throws {
        let old = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM test_steps WHERE test_case_version_id = ?"), arguments: [versionId])
        if !old.isEmpty {
            try ObjectProperties.purge(db, .testStep, ids: old)
            try db.cachedExecute(sql: "DELETE FROM test_steps WHERE test_case_version_id = ?", arguments: [versionId])
        }
        try insert(db, projectId: projectId, caseId: caseId, versionId: versionId, drafts)
    }

    /// Adds `drafts` as steps 1…n of a version that has none yet (a new version).
    static func insert(_ db: Database, projectId: Int64, caseId: Int64, versionId: Int64, _ drafts: [TestStepDraft]) throws {
        for d in drafts { try validateCall(db, projectId: projectId, caseId: caseId, d.calledTestCaseId) }
        for (i, d) in drafts.enumerated() {
            try TestStepRecord(id: try IDs.next(db, .testStep), testCaseVersionId: versionId, description: d.description, expected: d.expected,
                               sortOrder: i + 1, stepGroup: d.group, plainValueText: d.plainValueText,
                               calledTestCaseId: d.calledTestCaseId, parentTestStepId: nil).insertRow(db)
        }
    }

    /// Copies a version's steps (new ids, same order) onto another version.
    static func copy(_ db: Database, fromVersion source: Int64, toVersion target: Int64) throws {
        for var s in try list(db, versionId: source) {
            let oldID = s.id
            s.id = try IDs.next(db, .testStep)
            s.testCaseVersionId = target
            try s.insert(db)
            try ObjectProperties.copy(db, .testStep, from: oldID, to: s.id)
        }
    }

    static func count(_ db: Database, versionId: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM test_steps WHERE test_case_version_id = ?", arguments: [versionId]) ?? 0
    }

    static func step(_ db: Database, versionId: Int64, order: Int) throws -> TestStepRecord {
        guard let s = try TestStepRecord.fetchOne(db, sql: "SELECT * FROM test_steps WHERE test_case_version_id = ? AND sort_order = ?",
                                                  arguments: [versionId, order]) else {
            throw StoreError.internalError("Step \(order) missing from version \(versionId)")
        }
        return s
    }

    /// The step `stepId` of the latest version, in an editable version: when the latest is
    /// approved, the same-position step of the new minor version.
    static func editableStep(_ db: Database, caseId: Int64, stepId: Int64, by userId: Int64?, at now: Date) throws -> TestStepRecord {
        let latest = try TestCaseVersions.latest(db, caseId: caseId)
        let step = try get(db, versionId: latest.id, stepId: stepId)
        guard latest.isApproved else { return step }
        let fresh = try TestCaseVersions.saveNew(db, caseId: caseId, by: userId, at: now)
        return try self.step(db, versionId: fresh.id, order: step.sortOrder)
    }

    /// A called case must be another case of the same project that does not (transitively)
    /// call the caller back.
    static func validateCall(_ db: Database, projectId: Int64, caseId: Int64, _ calledId: Int64?) throws {
        guard let calledId else { return }
        guard try TestCaseRecord.find(db, projectId: projectId, calledId) != nil else {
            throw StoreError.badRequest("Called Test Case \(calledId) does not exist in this project")
        }
        var seen: Set<Int64> = []
        var queue = [calledId]
        while let next = queue.popLast() {
            if next == caseId { throw StoreError.badRequest("A Test Case cannot call itself") }
            guard seen.insert(next).inserted, seen.count < 1000 else { continue }
            let latest = try TestCaseVersions.latest(db, caseId: next)
            queue += try Int64.fetchAll(db, sql: "SELECT called_test_case_id FROM test_steps WHERE test_case_version_id = ? AND called_test_case_id IS NOT NULL",
                                        arguments: [latest.id])
        }
    }

    static func touch(_ db: Database, caseId: Int64, version: TestCaseVersionRecord, at now: Date) throws {
        try db.execute(sql: "UPDATE test_case_versions SET last_modified_date = ? WHERE id = ?", arguments: [now, version.id])
        try db.execute(sql: "UPDATE test_cases SET last_modified_date = ? WHERE id = ?", arguments: [now, caseId])
    }
}
