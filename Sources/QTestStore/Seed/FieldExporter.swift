import Foundation
import GRDB

/// Fields with their allowed values, and the `properties` of exported objects.
enum FieldExporter {
    /// Site fields (`projectId` nil) or a project's own fields, by id.
    static func fields(_ db: Database, projectId: Int64?) throws -> [SeedField] {
        let sql = projectId == nil ? "SELECT * FROM fields WHERE project_id IS NULL ORDER BY id" : "SELECT * FROM fields WHERE project_id = ? ORDER BY id"
        return try FieldRecord.fetchAll(db, sql: sql, arguments: projectId.map { [$0] } ?? []).map { f in
            var s = SeedField(objectType: f.objectType, label: f.label)
            s.id = f.id; s.attributeType = f.attributeType; s.dataType = f.dataType; s.required = f.required; s.constrained = f.constrained
            s.order = f.sortOrder; s.multiple = f.multiple; s.searchable = f.searchable; s.freeTextSearch = f.freeTextSearch
            s.searchKey = f.searchKey; s.systemField = f.systemField; s.originalName = f.originalName; s.isActive = f.isActive
            s.defaultValue = f.defaultValue; s.instanceType = f.instanceType
            s.allowedValues = SeedExporter.nonEmpty(try Fields.allowedValues(db, fieldId: f.id, includeInactive: true).map {
                SeedAllowedValue(value: $0.value, label: $0.label, order: $0.sortOrder, isDefault: $0.isDefault, isActive: $0.isActive, color: $0.color)
            })
            return s
        }
    }
}

/// The `properties` of a project's objects as the loader must get them back.
///
/// The loader gives a new object the default of every field it is not sent, so a field that
/// has a default but no value on the object is exported with `""` (which the loader keeps
/// empty). Only active fields are exported: the loader, like the API, refuses values of
/// inactive ones. Fields whose value lives in a column (`held`) are left out; their owners
/// export the column.
struct PropertyExporter {
    private let values: StoredValues
    private var active: [ObjectKind: [Int64]] = [:]
    private var withDefault: [ObjectKind: Set<Int64>] = [:]

    init(_ db: Database, projectId: Int64, values: StoredValues) throws {
        self.values = values
        for kind in [ObjectKind.release, .build, .testCycle, .testSuite, .testRun, .testLog, .module, .testCase, .testStep, .requirement, .defect] {
            let fields = try ObjectProperties.fields(db, projectId: projectId, kind)
            active[kind] = fields.map(\.id).sorted()
            withDefault[kind] = Set(try fields.filter { try FieldValueRules.defaultValue(db, $0) != nil }.map(\.id))
        }
    }

    /// The properties of object `id`, whose fields are those of `fieldKind` and whose values are
    /// stored under `valueKind` (test cases: per version).
    func of(_ fieldKind: ObjectKind, _ id: Int64, storedAs valueKind: ObjectKind? = nil, held: Set<Int64> = []) -> [SeedProperty]? {
        let stored = values.of(valueKind ?? fieldKind, id)
        let defaults = withDefault[fieldKind] ?? []
        let list: [SeedProperty] = (active[fieldKind] ?? []).compactMap { field in
            guard !held.contains(field) else { return nil }
            if let value = stored[field] { return SeedProperty(fieldId: field, fieldValue: value) }
            return defaults.contains(field) ? SeedProperty(fieldId: field, fieldValue: "") : nil
        }
        return SeedExporter.nonEmpty(list)
    }
}
