import Foundation
import GRDB

/// Translates a parsed query into one parameterised SQL condition over the rows of an object
/// type (alias `o`), in one project. Nothing is loaded into memory to be filtered: the database
/// evaluates the whole condition.
///
/// How each kind of field becomes SQL:
/// - a column: compared in place (`o.name = ? COLLATE NOCASE`), nullable ones null-safely;
/// - a test case's name, description, precondition and field values: on its latest version,
///   as `o.id IN (SELECT v.test_case_id FROM test_case_versions v WHERE … AND v is the latest)`,
///   which scans versions once instead of looking one up per case;
/// - a custom field: `o.id IN (SELECT object_id FROM field_values WHERE field_id = ? AND …)`
///   (lookup and user values are matched as members of qTest's `"601"` / `"[1,2]"` forms);
/// - "under a release / cycle": recursive CTEs down the cycle tree (at most 100 levels deep by
///   the tree rules), evaluated once per query;
/// - a log's run fields: `o.test_run_id IN (SELECT r.id FROM test_runs r WHERE …)`.
///
/// `!=`, `!~` and `is 'empty'` are `NOT` of `=`, `~` and `is 'not empty'`, so an object
/// without a value counts as "not equal". Recursion follows the query's nesting, which the
/// parser bounds.
///
/// ```swift
/// let translator = try SearchTranslator(db, projectId: 108781, .testCases)
/// let condition = try translator.condition(SearchQueryParser.parse("name ~ 'login'"))
/// // "o.id IN (SELECT v.test_case_id FROM test_case_versions v WHERE (v.name LIKE ? ESCAPE '\') AND …)"
/// ```
struct SearchTranslator {
    /// The type of the rows aliased `o` (for the fields that depend on it: containment).
    let type: SearchObjectType
    /// Finds the field a criterion names (at its position), or throws.
    let resolve: (String, Int) throws -> SearchField
    let reader: SearchValueReader

    /// Queries over the objects of `type`: its system fields, then its custom fields.
    init(_ db: Database, projectId: Int64, _ type: SearchObjectType) throws {
        let resolver = try SearchFieldResolver(db, projectId: projectId, type)
        self.init(db, projectId: projectId, rows: type, resolve: resolver.field(named:at:))
    }

    /// Queries over other rows (histories) with their own fields.
    init(_ db: Database, projectId: Int64, rows type: SearchObjectType, resolve: @escaping (String, Int) throws -> SearchField) {
        self.type = type
        self.resolve = resolve
        reader = SearchValueReader(db: db, projectId: projectId)
    }

    /// A translated query: the SQL, and whether it only holds for the ids of one `o.id IN (…)`
    /// set (then the rows are best found from that set, not by scanning the project's rows).
    struct Condition {
        var fragment: SQLFragment
        var narrowsByID: Bool
    }

    /// The condition for `query` over rows aliased `o`; true for no query.
    func condition(_ query: SearchExpression?) throws -> Condition {
        guard let query else { return Condition(fragment: .truth, narrowsByID: false) }
        return try expression(query)
    }

    private func expression(_ e: SearchExpression) throws -> Condition {
        switch e {
        case let .criterion(c):
            return try criterion(c)
        case let .all(items):
            let parts = try items.map(expression)
            return Condition(fragment: .all(parts.map(\.fragment)), narrowsByID: parts.contains { $0.narrowsByID })
        case let .any(items):
            return Condition(fragment: .any(try items.map(expression).map(\.fragment)), narrowsByID: false)
        }
    }

    func criterion(_ c: SearchCriterion) throws -> Condition {
        let field = try resolve(c.field, c.fieldPosition)
        let positive = c.op.negated ?? c.op
        guard field.type.allows(positive), Self.sourceAllows(field.source, positive) else {
            throw SearchQueryError("operator '\(c.op.rawValue)' does not apply to '\(field.label)' (\(field.type.name))", at: c.operatorPosition)
        }
        let operand = try reader.operand(for: field, positive, c.value)
        let predicate = try self.predicate(field.source, field.type, operand, alias: "o", row: type)
        guard c.op.negated == nil else { return Condition(fragment: .not(predicate), narrowsByID: false) }
        switch field.source {
        case .versionColumn, .fieldValue, .anyOf: return Condition(fragment: predicate, narrowsByID: true)
        default: return Condition(fragment: predicate, narrowsByID: false)
        }
    }

    /// Containment and target fields are sets of ids: no ordering.
    static func sourceAllows(_ source: SearchFieldSource, _ op: SearchOperator) -> Bool {
        switch source {
        case .underRelease, .underCycle, .targetReleaseOrBuild: op == .equals || op == .in || op == .isNotEmpty
        case let .run(inner): sourceAllows(inner, op)
        default: true
        }
    }

    /// The latest version of a case, as `TestCaseVersions.latest` picks it.
    static let latestVersion = "v.id = (SELECT w.id FROM test_case_versions w WHERE w.test_case_id = v.test_case_id ORDER BY w.major DESC, w.minor DESC LIMIT 1)"

    /// A positive predicate for `source` on the row `alias` of type `row`: never NULL unless
    /// `nullSafe` is false (inside a subquery's WHERE, where NULL already counts as false and
    /// `COALESCE` would keep SQLite from using an index).
    private func predicate(_ source: SearchFieldSource, _ valueType: SearchValueType, _ operand: SearchOperand,
                           alias: String, row: SearchObjectType, nullSafe: Bool = true) throws -> SQLFragment {
        switch source {
        case let .column(name, nullable):
            let p = SearchComparison.compare("\(alias).\(name)", valueType, operand, storedAsText: false)
            return nullable && nullSafe ? p.wrapped("COALESCE((", "), 0)") : p
        case let .versionColumn(name):
            let p = SearchComparison.compare("v.\(name)", valueType, operand, storedAsText: false)
            return p.wrapped("\(alias).id IN (SELECT v.test_case_id FROM test_case_versions v WHERE (", ") AND \(Self.latestVersion))")
        case let .fieldValue(fieldId, valueKind):
            let p = SearchComparison.compare("fv.value", valueType, operand, storedAsText: true)
            let values = p.wrapped("SELECT fv.object_id FROM field_values fv WHERE fv.field_id = ? AND fv.object_type = ? AND (", ")",
                                   before: [fieldId, valueKind.rawValue])
            if valueKind == .testCaseVersion {
                return values.wrapped("\(alias).id IN (SELECT v.test_case_id FROM test_case_versions v WHERE v.id IN (", ") AND \(Self.latestVersion))")
            }
            return values.wrapped("\(alias).id IN (", ")")
        case let .run(inner):
            let p = try predicate(inner, valueType, operand, alias: "r", row: .testRuns)
            return p.wrapped("\(alias).test_run_id IN (SELECT r.id FROM test_runs r WHERE ", ")")
        case .underRelease:
            return SearchContainment.underRelease(alias: alias, row: row, SearchContainment.IDSet(operand))
        case .underCycle:
            return SearchContainment.underCycle(alias: alias, row: row, SearchContainment.IDSet(operand))
        case .targetReleaseOrBuild:
            return SearchContainment.target(alias: alias, operand)
        case let .anyOf(sources):
            // One id set whose every alternative SQLite can look up by index (a test case's
            // Automation Content: the indexed column, or the field's indexed values).
            let alternatives = try sources.map { try predicate($0, valueType, operand, alias: "c", row: row, nullSafe: false) }
            return SQLFragment.any(alternatives).wrapped("\(alias).id IN (SELECT c.id FROM \(row.table) c WHERE ", ")")
        }
    }
}
