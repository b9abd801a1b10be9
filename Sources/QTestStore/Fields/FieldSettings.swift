import Foundation
import GRDB

/// The field dictionary as qTest's settings pages edit it: custom fields are created, changed,
/// deleted and (de)activated; system fields only have their label, required flag, activity and
/// allowed values' labels and order edited. Every operation runs in the caller's transaction.
///
/// ```swift
/// let f = try FieldSettings.create(db, .project(108781), .testRun, FieldInput(label: "Browser", dataType: 3,
///                                  allowedValues: [AllowedValueInput(label: "Chrome")]))
/// try FieldSettings.delete(db, .project(108781), .testRun, f.id)   // values on runs go with it
/// ```
public enum FieldSettings {
    static let notFound = "Project or Field does not exist"

    /// Test-step fields qTest allows per site, and the longest label it takes for them.
    static let maxTestStepFields = 2
    static let maxTestStepLabel = 16

    /// Fields whose value lives in a record column the emulator depends on: never deactivated.
    static let alwaysActive: Set<String> = ["StatusTestRun"]

    /// The fields of `kind`: a project lists its own, then the site's (which apply to every
    /// project); the site lists its own.
    public static func list(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, includeInactive: Bool) throws -> [FieldRecord] {
        let active = includeInactive ? "" : " AND is_active"
        switch scope {
        case .site:
            return try Fields.list(db, projectId: nil, objectType: kind.rawValue, includeInactive: includeInactive)
        case .project(let id):
            return try FieldRecord.fetchAll(db, sql: """
                SELECT * FROM fields WHERE (project_id = ? OR project_id IS NULL) AND object_type = ?\(active)
                ORDER BY project_id IS NULL, sort_order, id
                """, arguments: [id, kind.rawValue])
        }
    }

    /// One field of `kind` visible in `scope` (a project sees site fields too), or a 404.
    public static func get(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, _ id: Int64) throws -> FieldRecord {
        guard let field = try Fields.find(db, id), field.objectType == kind.rawValue,
              field.projectId == nil || field.projectId == scope.projectId else { throw StoreError.notFound(notFound) }
        if scope == .site, field.projectId != nil { throw StoreError.notFound(notFound) }
        return field
    }

    /// A field `scope` itself owns (a project may not change site fields), or 404/400.
    public static func owned(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, _ id: Int64) throws -> FieldRecord {
        let field = try get(db, scope, kind, id)
        guard field.projectId == scope.projectId else {
            throw StoreError.badRequest("Field \(id) is a site field: change it under /api/v3/fields/\(kind.rawValue)")
        }
        return field
    }

    /// A custom field `scope` owns, or a 400 for a system field.
    static func custom(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, _ id: Int64) throws -> FieldRecord {
        let field = try owned(db, scope, kind, id)
        guard !field.systemField else {
            throw StoreError.badRequest("Field '\(field.label)' is a system field: edit it through settings/\(kind.rawValue)/system-fields/\(id)")
        }
        return field
    }

    // MARK: Custom fields

    /// Creates a custom field: label and data type required, allowed values for lookups.
    public static func create(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, _ input: FieldInput) throws -> FieldRecord {
        let label = try validLabel(input.label, kind)
        guard let code = input.dataType else {
            throw StoreError.badRequest("Field 'data_type' is required. Valid values are \(FieldDataType.describe(FieldDataType.creatable))")
        }
        let allowedTypes = kind == .testStep ? FieldDataType.creatableOnTestSteps : FieldDataType.creatable
        guard let type = FieldDataType(code: code), allowedTypes.contains(type) else {
            throw StoreError.badRequest("Field 'data_type' \(code) is invalid\(kind == .testStep ? " for test-steps" : ""). Valid values are \(FieldDataType.describe(allowedTypes))")
        }
        if kind == .testStep {
            guard case .site = scope else { throw StoreError.badRequest("Test-step fields are created at site level (/api/v3/fields/test-steps)") }
            let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fields WHERE project_id IS NULL AND object_type = ? AND NOT system_field",
                                            arguments: [kind.rawValue]) ?? 0
            guard existing < maxTestStepFields else { throw StoreError.badRequest("Test steps can have at most \(maxTestStepFields) custom fields") }
            guard input.required != true else { throw StoreError.badRequest("A test-step field can not be required") }
        }
        if case .project(let id) = scope { _ = try Projects.get(db, id) }
        if input.multiple == true, !type.isMultiple {
            throw StoreError.badRequest("Field 'multiple' is only valid for data_type 5 (user list), 8 (check box) and 17 (multiple selection combo box)")
        }
        try checkUniqueLabel(db, scope, kind, label, except: nil)
        let order = (try Int.fetchOne(db, sql: "SELECT MAX(sort_order) FROM fields WHERE project_id IS ? AND object_type = ?",
                                      arguments: [scope.projectId, kind.rawValue]) ?? 0) + 1
        let field = try Fields.create(db, FieldRecord(
            projectId: scope.projectId, objectType: kind.rawValue, label: label, attributeType: type.attributeType, dataType: type.rawValue,
            required: input.required ?? false, constrained: type.isLookup, sortOrder: order, multiple: type.isMultiple,
            searchable: input.searchable ?? true, systemField: false, isActive: input.isActive ?? true))
        if let values = input.allowedValues, !values.isEmpty {
            guard type.isLookup else { throw StoreError.badRequest("Field 'allowed_values' is only valid for lookup data types (3, 8, 17)") }
            _ = try FieldAllowedValues.add(db, field, values)
        }
        return try setDefault(db, field, input.defaultValue)
    }

    /// Changes a custom field. `data_type` may not change; `allowed_values`, when sent, is the
    /// whole list: values left out are deleted, values without `value` are added.
    public static func update(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, _ id: Int64, _ input: FieldInput) throws -> FieldRecord {
        var field = try custom(db, scope, kind, id)
        if let code = input.dataType, code != field.dataType {
            throw StoreError.badRequest("Field 'data_type' can not be changed (field '\(field.label)' has \(field.dataType))")
        }
        if let label = input.label {
            field.label = try validLabel(label, kind)
            try checkUniqueLabel(db, scope, kind, field.label, except: field.id)
        }
        if let required = input.required {
            guard !(required && kind == .testStep) else { throw StoreError.badRequest("A test-step field can not be required") }
            field.required = required
        }
        if let order = input.order { field.sortOrder = order }
        if let searchable = input.searchable { field.searchable = searchable }
        if let active = input.isActive { field.isActive = active }
        if let multiple = input.multiple, multiple != field.multiple {
            throw StoreError.badRequest("Field 'multiple' follows the data type and can not be changed")
        }
        try Fields.update(db, field)
        if let values = input.allowedValues {
            guard field.constrained else { throw StoreError.badRequest("Field 'allowed_values' is only valid for lookup fields") }
            try FieldAllowedValues.replace(db, field, values)
        }
        return input.defaultValue != nil ? try setDefault(db, field, input.defaultValue) : field
    }

    /// Deletes a custom field with its allowed values and every value stored on objects.
    public static func delete(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, _ id: Int64) throws {
        let field = try custom(db, scope, kind, id)
        try Fields.delete(db, field.id)
    }

    /// Activates or deactivates custom fields (`custom-fields/active`); answers them changed.
    /// All or nothing: one unknown or system field refuses the whole list.
    public static func setActive(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, _ changes: [(id: Int64, active: Bool)]) throws -> [FieldRecord] {
        guard !changes.isEmpty else { throw StoreError.badRequest("Request body must list at least one field") }
        return try changes.map { change in
            var field = try custom(db, scope, kind, change.id)
            field.isActive = change.active
            try Fields.update(db, field)
            return field
        }
    }

    // MARK: System fields

    /// Edits what qTest lets one edit on a system field: label, required, activity, and the
    /// labels, order, activity and color of its existing allowed values.
    public static func editSystem(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, _ id: Int64, _ input: FieldInput) throws -> FieldRecord {
        var field = try owned(db, scope, kind, id)
        guard field.systemField else {
            throw StoreError.badRequest("Field '\(field.label)' is a custom field: change it through settings/\(kind.rawValue)/fields/\(id)")
        }
        if let code = input.dataType, code != field.dataType { throw StoreError.badRequest("The data type of a system field can not be changed") }
        if let label = input.label {
            field.label = try validLabel(label, kind)
            try checkUniqueLabel(db, scope, kind, field.label, except: field.id)
        }
        if let required = input.required { field.required = required }
        if let order = input.order { field.sortOrder = order }
        if let active = input.isActive {
            if !active, let name = field.originalName, alwaysActive.contains(name) {
                throw StoreError.badRequest("System field '\(field.label)' can not be deactivated")
            }
            field.isActive = active
        }
        try Fields.update(db, field)
        if let values = input.allowedValues {
            for value in values {
                guard let number = value.value else {
                    throw StoreError.badRequest("Allowed values of a system field can only be edited: each needs its 'value'")
                }
                _ = try FieldAllowedValues.update(db, field, number, AllowedValueInput(label: value.label, order: value.order, isDefault: value.isDefault,
                                                                                         isActive: value.isActive, color: value.color))
            }
        }
        return field
    }

    // MARK: Rules

    static func validLabel(_ label: String?, _ kind: ObjectKind) throws -> String {
        let text = (label ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError.badRequest("Field 'label' is required") }
        guard text.count <= 500 else { throw StoreError.badRequest("Field 'label' must be at most 500 characters") }
        if kind == .testStep, text.count > maxTestStepLabel {
            throw StoreError.badRequest("A test-step field label must be at most \(maxTestStepLabel) characters")
        }
        return text
    }

    /// Clients find fields by label, so two fields of one type may not share one.
    static func checkUniqueLabel(_ db: Database, _ scope: FieldScope, _ kind: ObjectKind, _ label: String, except id: Int64?) throws {
        let clash = try list(db, scope, kind, includeInactive: true).first {
            $0.id != id && $0.label.caseInsensitiveCompare(label) == .orderedSame
        }
        if let clash { throw StoreError.conflict("A field labelled '\(clash.label)' already exists for \(kind.rawValue) (id \(clash.id))") }
    }

    /// Sets `default_value` (checked as a value of the field; `""` clears it).
    static func setDefault(_ db: Database, _ field: FieldRecord, _ value: String?) throws -> FieldRecord {
        guard let value else { return field }
        var f = field
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty { try FieldValueRules.check(db, f, text) }
        f.defaultValue = text.isEmpty ? nil : text
        try Fields.update(db, f)
        return f
    }
}
