import Foundation
import GRDB

/// Every project with the sizes the dashboard's first page shows: runs per status, test cases
/// and releases. Four statements for all projects together.
///
/// ```swift
/// let projects = try ProjectSummaries.all(db)
/// projects.first?.runs  // [601: 2, 604: 1, 605: 1]
/// ```
public enum ProjectSummaries {
    public struct Project: Sendable {
        public var record: ProjectRecord
        /// Runs by status id.
        public var runs: [Int64: Int]
        public var testCases: Int
        public var releases: Int
        public var totalRuns: Int { runs.values.reduce(0, +) }
    }

    /// Every project, by id.
    public static func all(_ db: Database) throws -> [Project] {
        var runs: [Int64: [Int64: Int]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT project_id, status_id, COUNT(*) FROM test_runs GROUP BY project_id, status_id") {
            runs[row[0], default: [:]][row[1]] = row[2]
        }
        var cases: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT project_id, COUNT(*) FROM test_cases GROUP BY project_id") { cases[row[0]] = row[1] }
        var releases: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT project_id, COUNT(*) FROM releases GROUP BY project_id") { releases[row[0]] = row[1] }
        return try ProjectRecord.fetchAll(db, sql: "SELECT * FROM projects ORDER BY id").map { project in
            Project(record: project, runs: runs[project.id] ?? [:], testCases: cases[project.id] ?? 0, releases: releases[project.id] ?? 0)
        }
    }

    /// Every execution status of the store, the site's and the projects' own, by id (status
    /// ids are unique across projects).
    public static func statuses(_ db: Database) throws -> [ExecutionStatusRecord] {
        try ExecutionStatusRecord.fetchAll(db, sql: "SELECT * FROM execution_statuses ORDER BY id")
    }
}
