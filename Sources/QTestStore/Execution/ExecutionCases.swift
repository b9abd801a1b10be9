import Foundation
import GRDB

/// What test execution needs to know about a test case: which version a run uses and that
/// version's steps. Read straight from the test-design tables so execution does not depend on
/// the shape of the design aggregates.
public enum ExecutionCases {
    /// A test case version as a run sees it.
    public struct Version: Sendable, Equatable {
        public var caseId: Int64
        public var versionId: Int64
        public var major: Int
        public var minor: Int
        public var name: String
        public var isApproved: Bool
        /// `"0.1"`, `"1.0"`, `"0.10"`.
        public var text: String { "\(major).\(minor)" }
    }

    /// A step of a test case version, in order.
    public struct Step: Sendable, Equatable {
        public var id: Int64
        public var description: String
        public var expected: String
        public var order: Int
        public var group: Int
        public var calledTestCaseId: Int64?
        public var parentTestStepId: Int64?
    }

    /// The version `versionId` of case `caseId` (which must be in `projectId`), or its latest
    /// version when `versionId` is nil (`test_cases_current` when set, else the highest).
    public static func version(_ db: Database, projectId: Int64, caseId: Int64, versionId: Int64?) throws -> Version {
        guard try db.cachedValue(Bool.self, sql: "SELECT EXISTS(SELECT 1 FROM test_cases WHERE id = ? AND project_id = ?)", arguments: [caseId, projectId]) ?? false else {
            throw StoreError.notFound("Test Case does not exist")
        }
        let sql = "SELECT test_case_id, id, major, minor, name, is_approved FROM test_case_versions WHERE test_case_id = ?"
        let row: Row?
        if let versionId {
            row = try Row.fetchOne(db.cachedStatement(sql: sql + " AND id = ?"), arguments: [caseId, versionId])
            guard row != nil else { throw StoreError.badRequest("Test case version \(versionId) does not belong to test case \(caseId)") }
        } else if let current = try db.cachedValue(Int64.self, sql: "SELECT test_case_version_id FROM test_cases_current WHERE test_case_id = ?", arguments: [caseId]) {
            row = try Row.fetchOne(db.cachedStatement(sql: sql + " AND id = ?"), arguments: [caseId, current])
        } else {
            row = try Row.fetchOne(db.cachedStatement(sql: sql + " ORDER BY major DESC, minor DESC LIMIT 1"), arguments: [caseId])
        }
        guard let row else { throw StoreError.badRequest("Test case \(caseId) has no version") }
        return Version(caseId: row[0], versionId: row[1], major: row[2], minor: row[3], name: row[4], isApproved: row[5])
    }

    /// A version by id (nil when it no longer exists).
    public static func version(_ db: Database, versionId: Int64) throws -> Version? {
        let statement = try db.cachedStatement(sql: "SELECT test_case_id, id, major, minor, name, is_approved FROM test_case_versions WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [versionId]) else { return nil }
        return Version(caseId: row[0], versionId: row[1], major: row[2], minor: row[3], name: row[4], isApproved: row[5])
    }

    /// The top-level steps of a version, in order.
    public static func steps(_ db: Database, versionId: Int64) throws -> [Step] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, description, expected, sort_order, step_group, called_test_case_id, parent_test_step_id
            FROM test_steps WHERE test_case_version_id = ? AND parent_test_step_id IS NULL ORDER BY sort_order, id
            """), arguments: [versionId]).map {
            Step(id: $0[0], description: $0[1], expected: $0[2], order: $0[3], group: $0[4], calledTestCaseId: $0[5], parentTestStepId: $0[6])
        }
    }

    /// ``version(_:projectId:caseId:versionId:)`` for many at once, one query per list: the
    /// versions named by id (of cases in `projectId`), and the latest versions of `caseIds`.
    /// What a pair cannot answer here is simply absent: the single lookup then answers it, or
    /// says why not (an upload of 10,000 results used to make 30,000 of these queries).
    public static func versions(_ db: Database, projectId: Int64, versionIds: some Collection<Int64>) throws -> [Int64: Version] {
        guard !versionIds.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT v.test_case_id, v.id, v.major, v.minor, v.name, v.is_approved
            FROM json_each(?) j CROSS JOIN test_case_versions v ON v.id = j.value JOIN test_cases c ON c.id = v.test_case_id
            WHERE c.project_id = ?
            """), arguments: [idList(Set(versionIds)), projectId])
        return Dictionary(rows.map { row in (row[1], Version(caseId: row[0], versionId: row[1], major: row[2], minor: row[3], name: row[4], isApproved: row[5])) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// The latest version of each case of `caseIds` in `projectId`, by case id (see
    /// ``versions(_:projectId:versionIds:)``).
    public static func latestVersions(_ db: Database, projectId: Int64, caseIds: some Collection<Int64>) throws -> [Int64: Version] {
        guard !caseIds.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.id, v.id, v.major, v.minor, v.name, v.is_approved
            FROM json_each(?) j CROSS JOIN test_cases c ON c.id = j.value
            JOIN test_case_versions v ON v.test_case_id = c.id AND v.id = COALESCE(
                (SELECT test_case_version_id FROM test_cases_current WHERE test_case_id = c.id),
                (SELECT id FROM test_case_versions WHERE test_case_id = c.id ORDER BY major DESC, minor DESC LIMIT 1))
            WHERE c.project_id = ?
            """), arguments: [idList(Set(caseIds)), projectId])
        return Dictionary(rows.map { row in (row[0], Version(caseId: row[0], versionId: row[1], major: row[2], minor: row[3], name: row[4], isApproved: row[5])) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// ``steps(_:versionId:)`` of many versions in one query; every id asked for has an entry.
    public static func steps(_ db: Database, versionIds: some Collection<Int64>) throws -> [Int64: [Step]] {
        var steps = Dictionary(uniqueKeysWithValues: Set(versionIds).map { ($0, [Step]()) })
        guard !steps.isEmpty else { return steps }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.test_case_version_id, s.id, s.description, s.expected, s.sort_order, s.step_group, s.called_test_case_id,
                   s.parent_test_step_id
            FROM json_each(?) j CROSS JOIN test_steps s ON s.test_case_version_id = j.value
            WHERE s.parent_test_step_id IS NULL ORDER BY s.test_case_version_id, s.sort_order, s.id
            """), arguments: [idList(steps.keys)])
        for row in rows {
            let version: Int64 = row[0]
            steps[version, default: []].append(Step(id: row[1], description: row[2], expected: row[3], order: row[4], group: row[5],
                                                    calledTestCaseId: row[6], parentTestStepId: row[7]))
        }
        return steps
    }

    /// Ids as a JSON array, the one argument `json_each` reads (no limit on how many). The
    /// queries read the list first (`CROSS JOIN` keeps that order): with `IN (json_each)`
    /// SQLite's planner walked every case of the project per id, 20 s for 10,000 ids.
    private static func idList(_ ids: some Collection<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// Case facts for encoding a run's `test_case`: pid, creator, dates.
    public struct CaseInfo: Sendable, Equatable {
        public var id: Int64
        public var pid: String
        public var moduleId: Int64?
        public var creatorId: Int64?
        public var createdDate: Date
        public var lastModifiedDate: Date
        public var sortOrder: Int
    }

    /// The case row, or nil.
    public static func info(_ db: Database, caseId: Int64) throws -> CaseInfo? {
        try Row.fetchOne(db, sql: "SELECT id, pid, module_id, creator_id, created_date, last_modified_date, sort_order FROM test_cases WHERE id = ?",
                         arguments: [caseId]).map {
            CaseInfo(id: $0[0], pid: $0[1], moduleId: $0[2], creatorId: $0[3], createdDate: $0[4], lastModifiedDate: $0[5], sortOrder: $0[6])
        }
    }

    /// Description and precondition of a version.
    public static func texts(_ db: Database, versionId: Int64) throws -> (description: String, precondition: String) {
        guard let row = try Row.fetchOne(db, sql: "SELECT description, precondition FROM test_case_versions WHERE id = ?", arguments: [versionId]) else {
            return ("", "")
        }
        return (row[0], row[1])
    }
}
