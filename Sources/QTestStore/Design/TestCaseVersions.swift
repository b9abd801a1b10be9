import Foundation
import GRDB

/// One saved version of a test case (`0.1`, `0.2`, `1.0` …). Its id is the wire
/// `test_case_version_id`; its properties are field values of kind `.testCaseVersion`; its
/// steps are ``TestStepRecord``s.
public struct TestCaseVersionRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var testCaseId: Int64
    public var major: Int
    public var minor: Int
    public var name: String
    public var description: String
    public var precondition: String
    public var isApproved: Bool
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date

    /// The wire version text: `"0.1"`, `"0.10"`, `"1.0"` (the minor is an integer, not a fraction).
    public var versionText: String { "\(major).\(minor)" }

    /// Encodes columns directly: uploads create versions by the thousand.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id; container["test_case_id"] = testCaseId; container["major"] = major; container["minor"] = minor
        container["name"] = name; container["description"] = description; container["precondition"] = precondition
        container["is_approved"] = isApproved; container["creator_id"] = creatorId
        container["created_date"] = createdDate; container["last_modified_date"] = lastModifiedDate
    }
}

/// Test case versioning. A case starts at 0.1; every save adds a minor (0.9 → 0.10); approving
/// adds the next major (0.10 → 1.0, 1.3 → 2.0); a save after that continues 1.1, 1.2 …
/// Each version keeps its own id, properties and steps.
///
/// ```swift
/// let v = try TestCaseVersions.latest(db, caseId: tc.id)     // "0.1"
/// let a = try TestCaseVersions.approve(db, caseId: tc.id, by: userId, at: now) // "1.0"
/// ```
public enum TestCaseVersions {
    /// The newest version (highest major, then minor).
    public static func latest(_ db: Database, caseId: Int64) throws -> TestCaseVersionRecord {
        guard let v = try db.cachedRecord(TestCaseVersionRecord.self, sql: """
            SELECT * FROM test_case_versions WHERE test_case_id = ? ORDER BY major DESC, minor DESC LIMIT 1
            """, arguments: [caseId]) else { throw StoreError.internalError("Test case \(caseId) has no version") }
        return v
    }

    /// The newest approved version, or nil before the first approval.
    public static func latestApproved(_ db: Database, caseId: Int64) throws -> TestCaseVersionRecord? {
        try TestCaseVersionRecord.fetchOne(db, sql: """
            SELECT * FROM test_case_versions WHERE test_case_id = ? AND is_approved ORDER BY major DESC, minor DESC LIMIT 1
            """, arguments: [caseId])
    }

    /// Version `versionId` of case `caseId`; 404 when it is not one of the case's versions.
    public static func get(_ db: Database, caseId: Int64, versionId: Int64) throws -> TestCaseVersionRecord {
        guard let v = try TestCaseVersionRecord.fetchOne(db, key: versionId), v.testCaseId == caseId else {
            throw StoreError.notFound("Test Case version does not exist")
        }
        return v
    }

    /// The version with `id` whatever its case, or nil.
    public static func find(_ db: Database, _ id: Int64) throws -> TestCaseVersionRecord? {
        try TestCaseVersionRecord.fetchOne(db, key: id)
    }

    /// Every version, oldest first.
    public static func all(_ db: Database, caseId: Int64) throws -> [TestCaseVersionRecord] {
        try TestCaseVersionRecord.fetchAll(db, sql: "SELECT * FROM test_case_versions WHERE test_case_id = ? ORDER BY major, minor",
                                           arguments: [caseId])
    }

    /// What `GET …/versions` lists: the approved versions plus the latest one when it is an
    /// unapproved minor (1.0, 1.1, 2.0, 2.1 → 1.0, 2.0, 2.1; 0.1 … 0.4 → 0.4).
    public static func listed(_ db: Database, caseId: Int64) throws -> [TestCaseVersionRecord] {
        let versions = try all(db, caseId: caseId)
        guard let last = versions.last else { return [] }
        var shown = versions.filter(\.isApproved)
        if !last.isApproved { shown.append(last) }
        return shown
    }

    /// Saves a new minor version as a copy of the latest (properties and steps copied with
    /// new ids) and returns it.
    public static func saveNew(_ db: Database, caseId: Int64, by userId: Int64?, at now: Date) throws -> TestCaseVersionRecord {
        let base = try latest(db, caseId: caseId)
        return try copy(base, major: base.major, minor: base.minor + 1, approved: false, db, by: userId, at: now)
    }

    /// Approves the case: a new version at the next major (`x.0`), a copy of the latest. A case
    /// whose latest version is already approved stays as it is.
    @discardableResult
    public static func approve(_ db: Database, caseId: Int64, by userId: Int64?, at now: Date) throws -> TestCaseVersionRecord {
        let base = try latest(db, caseId: caseId)
        if base.isApproved { return base }
        let v = try copy(base, major: base.major + 1, minor: 0, approved: true, db, by: userId, at: now)
        try db.execute(sql: "UPDATE test_cases SET last_modified_date = ? WHERE id = ?", arguments: [now, caseId])
        return v
    }

    /// Returns the latest version if it may be edited in place, else (it is approved) a new
    /// minor version to edit: steps of an approved version never change.
    public static func editable(_ db: Database, caseId: Int64, by userId: Int64?, at now: Date) throws -> TestCaseVersionRecord {
        let v = try latest(db, caseId: caseId)
        return v.isApproved ? try saveNew(db, caseId: caseId, by: userId, at: now) : v
    }

    static func copy(_ base: TestCaseVersionRecord, major: Int, minor: Int, approved: Bool, _ db: Database,
                     by userId: Int64?, at now: Date) throws -> TestCaseVersionRecord {
        let v = TestCaseVersionRecord(
            id: try IDs.next(db, .testCaseVersion), testCaseId: base.testCaseId, major: major, minor: minor, name: base.name,
            description: base.description, precondition: base.precondition, isApproved: approved,
            creatorId: userId ?? base.creatorId, createdDate: now, lastModifiedDate: now)
        try v.insert(db)
        try ObjectProperties.copy(db, .testCaseVersion, from: base.id, to: v.id)
        try TestSteps.copy(db, fromVersion: base.id, toVersion: v.id)
        return v
    }
}
