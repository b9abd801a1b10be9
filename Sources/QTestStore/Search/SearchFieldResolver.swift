import Foundation
import GRDB

/// Finds what a field name in a query stands for, in one project: a system field of the object
/// type (``SearchFieldCatalog``), else a field of the `fields` table by label (case-insensitive)
/// or by id. The fields are read once per query.
///
/// A field found by id whose label is a system field's (the test-run field "Status", whose
/// value lives in `test_runs.status_id`) is read as that system field.
///
/// ```swift
/// var resolver = try SearchFieldResolver(db, projectId: 108781, .testRuns)
/// let priority = try resolver.field(named: "priority", at: 1)   // the lookup field 608921
/// ```
struct SearchFieldResolver {
    /// What the search needs of a row of `fields`.
    struct CustomField: Sendable {
        var id: Int64
        var label: String
        var originalName: String?
        var attributeType: String
        var constrained: Bool

        var type: SearchValueType {
            let attribute = attributeType.lowercased()
            if attribute.contains("user") { return .user }
            if constrained { return .lookup(fieldId: id) }
            if attribute.contains("date") { return .date }
            if attribute.contains("number") || attribute.contains("integer") || attribute.contains("decimal") { return .number }
            return .text
        }
    }

    let type: SearchObjectType
    let fields: [CustomField]

    init(_ db: Database, projectId: Int64, _ type: SearchObjectType) throws {
        self.type = type
        // Read here rather than through the field store: all the search needs is these columns.
        fields = try Row.fetchAll(db, sql: """
            SELECT id, label, original_name, attribute_type, constrained FROM fields
            WHERE (project_id = ? OR project_id IS NULL) AND object_type = ? AND is_active
            ORDER BY project_id IS NULL, sort_order, id
            """, arguments: [projectId, type.fieldKind.rawValue]).map { row in
            CustomField(id: row[0], label: row[1], originalName: row[2], attributeType: row[3], constrained: row[4])
        }
    }

    /// The field `name` (as written in the query at `position`); unknown names are a 400.
    func field(named name: String, at position: Int) throws -> SearchField {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let system = SearchFieldCatalog.field(type, named: trimmed) { return withCustomAutomationContent(system) }
        if let custom = customField(trimmed) {
            if let system = SearchFieldCatalog.field(type, named: custom.label) { return withCustomAutomationContent(system) }
            return searchField(custom)
        }
        if let alias = SearchFieldCatalog.customAliases(type)[SearchFieldCatalog.key(trimmed)], let custom = customField(alias) {
            return searchField(custom)
        }
        throw SearchQueryError("unknown field '\(trimmed)' for \(type.rawValue)", at: position)
    }

    /// A field by exact label (any case), then by id, then by label letters alone.
    private func customField(_ name: String) -> CustomField? {
        if let exact = fields.first(where: { $0.label.caseInsensitiveCompare(name) == .orderedSame }) { return exact }
        if let id = Int64(name), let byID = fields.first(where: { $0.id == id }) { return byID }
        let key = SearchFieldCatalog.key(name)
        guard !key.isEmpty else { return nil }
        return fields.first { SearchFieldCatalog.key($0.label) == key }
    }

    private func searchField(_ custom: CustomField) -> SearchField {
        let source: SearchFieldSource
        switch type {
        case .testCases: source = .fieldValue(fieldId: custom.id, valueKind: .testCaseVersion)
        case .testLogs: source = .run(.fieldValue(fieldId: custom.id, valueKind: .testRun))
        default: source = .fieldValue(fieldId: custom.id, valueKind: type.objectKind)
        }
        return SearchField(label: custom.label, type: custom.type, source: source)
    }

    /// A test case's Automation Content is in the column automation uploads write and, when the
    /// project has the field (qTest's `ClassIdTestCase`), in that field's value: either matches.
    private func withCustomAutomationContent(_ field: SearchField) -> SearchField {
        guard type == .testCases, SearchFieldCatalog.key(field.label) == "automationcontent" else { return field }
        let candidates = fields.filter {
            SearchFieldCatalog.key($0.label) == "automationcontent" || $0.originalName == "ClassIdTestCase" || $0.originalName == "AutomationContentTestCase"
        }
        guard let custom = candidates.first else { return field }
        var combined = field
        combined.source = .anyOf([field.source, .fieldValue(fieldId: custom.id, valueKind: .testCaseVersion)])
        return combined
    }
}
