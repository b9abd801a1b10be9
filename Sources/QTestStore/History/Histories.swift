import Foundation
import GRDB

/// One entry of an object's history as qTest shows it (`HistoryResource`): what one request
/// (one write transaction) did to one object.
public struct HistoryEntry: Sendable, Equatable {
    public enum Action: String, Sendable { case created, updated, deleted }

    /// The id of the entry's first recorded row.
    public var id: Int64
    public var objectKind: String
    public var objectId: Int64
    public var authorId: Int64?
    public var created: Date
    public var action: Action
    /// Each changed field once: its value before the request and after (empty for creations
    /// and deletions).
    public var changes: [HistoryChangeValue]
}

/// `HistoryChange`: `{field, old_value, new_value}`, all text.
public struct HistoryChangeValue: Sendable, Equatable {
    public var field: String
    public var oldValue: String
    public var newValue: String
}

/// `POST …/histories` in the store: the history entries of a project's objects of one type,
/// optionally only of the objects an object query matches, filtered by `created` and `author`.
///
/// The triggers of `SchemaHistorySQL.swift` record one row per changed row; the rows of one
/// write transaction and one object are one entry here, so a test-case save that adds a
/// version, renames it and sets a property is one "updated" entry with three changes.
///
/// ```swift
/// let objects = try ArtifactSearch.matching(db, projectId: 108781, .testCases, SearchQueryParser.parse("name ~ 'login'"))
/// let page = try Histories.find(db, projectId: 108781, .testCases, objects: objects,
///                               query: SearchQueryParser.parse("author = 10001 and created >= '2026-02-01'"), paging: Paging())
/// ```
public enum Histories {
    /// The criteria a history query takes (the vendor documents these two).
    static func field(named name: String, at position: Int) throws -> SearchField {
        switch SearchFieldCatalog.key(name) {
        case "created", "createddate", "date": return SearchField(label: "created", type: .date, source: .column("created", nullable: false))
        case "author", "authorid", "user": return SearchField(label: "author", type: .user, source: .column("author_id", nullable: true))
        default: throw SearchQueryError("unknown field '\(name)' for histories (use created or author)", at: position)
        }
    }

    public static func find(_ db: Database, projectId: Int64, _ type: SearchObjectType, objects: SQLCondition?, query: SearchExpression?,
                            paging: Paging) throws -> PagedResult<HistoryEntry> {
        let condition = try SearchTranslator(db, projectId: projectId, rows: type, resolve: field(named:at:)).condition(query).fragment
        var scope = SQLFragment("h.project_id = ? AND h.object_type = ?", [projectId, type.objectKind.rawValue])
        if let objects { scope = scope && objects.fragment.wrapped("h.object_id IN (", ")") }
        let groups = scope.wrapped("""
            SELECT MIN(h.id) AS id, h.write_id, h.object_id, MIN(h.created) AS created, MIN(h.author_id) AS author_id
            FROM histories h WHERE 
            """, " GROUP BY h.write_id, h.object_id")
        let page = (groups.wrapped("SELECT o.id, o.write_id, o.object_id, COUNT(*) OVER () FROM (", ") o WHERE ") + condition)
        let rows = try Row.fetchAll(db, sql: page.sql + " ORDER BY o.id \(paging.sql)", arguments: page.statementArguments)
        var total = rows.first.map { $0[3] as Int } ?? 0
        if rows.isEmpty, paging.offset > 0 {
            let count = groups.wrapped("SELECT COUNT(*) FROM (", ") o WHERE ") + condition
            total = try Int.fetchOne(db, sql: count.sql, arguments: count.statementArguments) ?? 0
        }
        let presenter = HistoryPresenter(db: db, projectId: projectId, type: type)
        let entries = try rows.map { row in
            let records = try Row.fetchAll(db, sql: """
                SELECT id, author_id, description, changes, created FROM histories
                WHERE project_id = ? AND object_type = ? AND object_id = ? AND write_id IS ? ORDER BY id
                """, arguments: [projectId, type.objectKind.rawValue, row[2] as Int64, row[1] as Int64?])
            return try presenter.entry(objectId: row[2], records)
        }
        return PagedResult(items: entries, total: total, page: paging.page, pageSize: paging.pageSize)
    }
}

extension SQLFragment {
    /// `a` followed by `b` (text and arguments).
    static func + (a: SQLFragment, b: SQLFragment) -> SQLFragment { SQLFragment(sql: a.sql + b.sql, values: a.arguments + b.arguments) }
}
