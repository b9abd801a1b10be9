import Foundation
import GRDB

/// The records of a page of search hits, read with one statement per kind instead of one per
/// hit: looking 100 test cases up one by one cost more than finding them among 100,000.
///
/// ```swift
/// let page = try ArtifactSearch.find(db, projectId: 108781, .testCases, query, paging: paging)
/// let cases = try SearchRecords.testCases(db, projectId: 108781, page.items)   // [(case, latest version)], in page order
/// ```
public enum SearchRecords {
    /// The records of `ids` in the project, in the order of `ids` (ids gone meanwhile left out).
    public static func records<Record: StoreRecord & Identifiable>(
        _ type: Record.Type, _ db: Database, projectId: Int64, _ ids: [Int64]) throws -> [Record] where Record.ID == Int64 {
        guard !ids.isEmpty else { return [] }
        // `+project_id`: the ids are the way in; given the choice, SQLite would scan the
        // project's index instead (30 ms at 100,000 test cases, for one id).
        let found = try Record.fetchAll(db, sql: """
            SELECT * FROM \(Record.databaseTableName) WHERE id IN (SELECT value FROM json_each(?)) AND +project_id = ?
            """, arguments: [SearchComparison.jsonArray(ids), projectId])
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byID[$0] }
    }

    /// Test cases with the latest version of each (what their GET shows), in the order of `ids`.
    public static func testCases(_ db: Database, projectId: Int64, _ ids: [Int64]) throws -> [(TestCaseRecord, TestCaseVersionRecord)] {
        let cases = try records(TestCaseRecord.self, db, projectId: projectId, ids)
        guard !cases.isEmpty else { return [] }
        let versions = try TestCaseVersionRecord.fetchAll(db, sql: """
            SELECT * FROM test_case_versions v WHERE v.test_case_id IN (SELECT value FROM json_each(?)) AND \(SearchTranslator.latestVersion)
            """, arguments: [SearchComparison.jsonArray(cases.map(\.id))])
        let latest = Dictionary(versions.map { ($0.testCaseId, $0) }, uniquingKeysWith: { a, _ in a })
        return cases.compactMap { tc in latest[tc.id].map { (tc, $0) } }
    }
}
