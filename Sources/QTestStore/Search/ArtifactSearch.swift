import Foundation
import GRDB

/// `POST …/search` in the store: the ids of one page of the objects of a type that match a
/// query, in creation (id) order, and how many match in all.
///
/// One statement answers both: `COUNT(*) OVER ()` counts the matches while the page is read,
/// so the condition is evaluated once. (Only a page past the end, which has no row to carry
/// the count, costs a second `COUNT(*)`.)
///
/// ```swift
/// let query = try SearchQueryParser.parse("'Automation Content' = 'com.acme.LoginTest'")
/// let page = try ArtifactSearch.find(db, projectId: 108781, .testCases, query, paging: Paging(page: 1, pageSize: 100))
/// page.items   // [40000007]
/// page.total   // 1
/// ```
public enum ArtifactSearch {
    public static func find(_ db: Database, projectId: Int64, _ type: SearchObjectType, _ query: SearchExpression?,
                            paging: Paging) throws -> PagedResult<Int64> {
        let condition = try SearchTranslator(db, projectId: projectId, type).condition(query)
        let from = projectScope(projectId, condition)
        let rows = try Row.fetchAll(db, sql: """
            SELECT o.id, COUNT(*) OVER () FROM \(type.table) o WHERE \(from.sql) ORDER BY o.id \(paging.sql)
            """, arguments: from.statementArguments)
        let total: Int
        if let first = rows.first {
            total = first[1]
        } else if paging.offset > 0 {
            total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(type.table) o WHERE \(from.sql)", arguments: from.statementArguments) ?? 0
        } else {
            total = 0
        }
        return PagedResult(items: rows.map { $0[0] }, total: total, page: paging.page, pageSize: paging.pageSize)
    }

    /// The ids of the objects of `type` in the project that match `query`, as SQL to embed (the
    /// object query of a histories search): nothing is read until the embedding query runs.
    public static func matching(_ db: Database, projectId: Int64, _ type: SearchObjectType, _ query: SearchExpression?) throws -> SQLCondition {
        let condition = try SearchTranslator(db, projectId: projectId, type).condition(query)
        let from = projectScope(projectId, condition)
        return SQLCondition(fragment: from.wrapped("SELECT o.id FROM \(type.table) o WHERE ", ""))
    }
}

extension ArtifactSearch {
    /// The project's rows that meet `condition`. When the condition holds only for an id set
    /// (a test case name search: the cases whose latest version matches), `+` keeps SQLite
    /// from choosing the project index, so it looks the few ids up instead of checking every
    /// row of the project against the set (half the time at 100,000 cases).
    static func projectScope(_ projectId: Int64, _ condition: SearchTranslator.Condition) -> SQLFragment {
        SQLFragment(condition.narrowsByID ? "+o.project_id = ?" : "o.project_id = ?", [projectId]) && condition.fragment
    }
}

/// A piece of SQL with its arguments, built by the search, for other store queries to embed
/// (the histories of the objects a query matches).
public struct SQLCondition: Sendable {
    let fragment: SQLFragment
}
