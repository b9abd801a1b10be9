import Foundation
import GRDB

/// A site or project field (`FieldResource`). `projectId == nil` = site field.
public struct FieldRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64?
    /// ``ObjectKind`` raw value: `test-runs`, `test-cases`, `releases`, …
    public var objectType: String
    public var label: String
    public var attributeType: String
    public var dataType: Int
    public var required: Bool
    public var constrained: Bool
    public var sortOrder: Int
    public var multiple: Bool
    public var searchable: Bool
    public var freeTextSearch: Bool
    public var searchKey: String?
    public var systemField: Bool
    public var originalName: String?
    public var isActive: Bool
    public var defaultValue: String?
    public var instanceType: String?
    /// Creates a value.
    public init(id: Int64 = 0, projectId: Int64?, objectType: String, label: String, attributeType: String = "Text", dataType: Int = 1,
                required: Bool = false, constrained: Bool = false, sortOrder: Int = 0, multiple: Bool = false, searchable: Bool = true,
                freeTextSearch: Bool = false, searchKey: String? = nil, systemField: Bool = false, originalName: String? = nil,
                isActive: Bool = true, defaultValue: String? = nil, instanceType: String? = nil) {
        self.id = id; self.projectId = projectId; self.objectType = objectType; self.label = label; self.attributeType = attributeType
        self.dataType = dataType; self.required = required; self.constrained = constrained; self.sortOrder = sortOrder
        self.multiple = multiple; self.searchable = searchable; self.freeTextSearch = freeTextSearch; self.searchKey = searchKey
        self.systemField = systemField; self.originalName = originalName; self.isActive = isActive
        self.defaultValue = defaultValue; self.instanceType = instanceType
    }
}

/// An allowed value of a constrained field (`AllowedValueResource`).
public struct AllowedValueRecord: StoreRecord {
    /// Named after the fields the values belong to, not after the record.
    public static let databaseTableName = "field_allowed_values"
    public var fieldId: Int64
    public var value: Int64
    public var label: String
    public var sortOrder: Int
    public var isDefault: Bool
    public var isActive: Bool
    public var color: String?
    /// Creates a value.
    public init(fieldId: Int64, value: Int64, label: String, sortOrder: Int = 0, isDefault: Bool = false, isActive: Bool = true, color: String? = nil) {
        self.fieldId = fieldId; self.value = value; self.label = label; self.sortOrder = sortOrder
        self.isDefault = isDefault; self.isActive = isActive; self.color = color
    }
}

/// A test execution status (`StatusResource`). `projectId == nil` = site default.
public struct ExecutionStatusRecord: StoreRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64?
    public var name: String
    public var color: String
    public var isDefault: Bool
    public var active: Bool
    public var sortOrder: Int
    /// Reads columns directly: statuses are looked up for every log and step log.
    public init(row: Row) throws {
        id = row["id"]; projectId = row["project_id"]; name = row["name"]; color = row["color"]
        isDefault = row["is_default"]; active = row["active"]; sortOrder = row["sort_order"]
    }

    /// Creates a value.
    public init(id: Int64, projectId: Int64? = nil, name: String, color: String = "", isDefault: Bool = false, active: Bool = true, sortOrder: Int = 0) {
        self.id = id; self.projectId = projectId; self.name = name; self.color = color; self.isDefault = isDefault
        self.active = active; self.sortOrder = sortOrder
    }
}

/// One stored field value of an object (a `PropertyResource` without the names).
public struct FieldValueRecord: StoreRecord {
    public var objectType: String
    public var objectId: Int64
    public var fieldId: Int64
    /// Always a string, as on the wire (`"605"`, `"[123]"`, `"text"`).
    public var value: String
    /// Creates a value.
    public init(objectType: String, objectId: Int64, fieldId: Int64, value: String) {
        self.objectType = objectType; self.objectId = objectId; self.fieldId = fieldId; self.value = value
    }
}

/// Store operations on fields, allowed values, execution statuses and field values.
///
/// ```swift
/// let f = try Fields.create(db, FieldRecord(projectId: 108781, objectType: "test-runs", label: "Failure Output"))
/// try Fields.setValue(db, .testRun, runId, fieldId: f.id, "boom")
/// ```
public enum Fields {
    /// Inserts a field (id allocated when 0) with its allowed values (their `fieldId` is set).
    @discardableResult
    public static func create(_ db: Database, _ field: FieldRecord, allowedValues: [AllowedValueRecord] = []) throws -> FieldRecord {
        var f = field
        guard !f.label.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError.badRequest("Field label is required") }
        if f.id != 0, try FieldRecord.exists(db, key: f.id) { throw StoreError.conflict("Field id \(f.id) already exists") }
        if f.id == 0 { f.id = try IDs.next(db, .field) } else if f.id > 0 { try IDs.reserve(db, .field, f.id) }
        if let p = f.projectId { _ = try Projects.get(db, p) }
        try f.insert(db)
        for var v in allowedValues {
            v.fieldId = f.id
            _ = try addAllowedValue(db, v)
        }
        return f
    }

    /// The field with `id`, or nil.
    public static func find(_ db: Database, _ id: Int64) throws -> FieldRecord? { try FieldRecord.fetchOne(db, key: id) }

    /// Fields of `objectType` in `projectId` (nil = site fields), ordered by sort order then id.
    public static func list(_ db: Database, projectId: Int64?, objectType: String, includeInactive: Bool = false) throws -> [FieldRecord] {
        let active = includeInactive ? "" : " AND is_active"
        return try FieldRecord.fetchAll(db, sql: "SELECT * FROM fields WHERE project_id IS ? AND object_type = ?\(active) ORDER BY sort_order, id",
                                        arguments: [projectId, objectType])
    }

    /// The field of `objectType` in `projectId` whose label is `label` (case-insensitive).
    public static func find(_ db: Database, projectId: Int64?, objectType: String, label: String) throws -> FieldRecord? {
        try FieldRecord.fetchOne(db, sql: "SELECT * FROM fields WHERE project_id IS ? AND object_type = ? AND label = ? COLLATE NOCASE ORDER BY id LIMIT 1",
                                 arguments: [projectId, objectType, label])
    }

    /// Saves changes to a field.
    public static func update(_ db: Database, _ field: FieldRecord) throws {
        guard try FieldRecord.exists(db, key: field.id) else { throw StoreError.notFound("Project or Field does not exist") }
        try field.update(db)
    }

    /// Deletes a field with its allowed values and stored values.
    public static func delete(_ db: Database, _ id: Int64) throws {
        guard try FieldRecord.deleteOne(db, key: id) else { throw StoreError.notFound("Project or Field does not exist") }
    }

    /// Adds an allowed value; `value == 0` allocates one.
    @discardableResult
    public static func addAllowedValue(_ db: Database, _ value: AllowedValueRecord) throws -> AllowedValueRecord {
        var v = value
        guard try FieldRecord.exists(db, key: v.fieldId) else { throw StoreError.notFound("Project or Field does not exist") }
        if v.value == 0 { v.value = try IDs.next(db, .allowedValue) } else { try IDs.reserve(db, .allowedValue, v.value) }
        if try AllowedValueRecord.exists(db, key: ["field_id": v.fieldId, "value": v.value]) {
            throw StoreError.conflict("Allowed value \(v.value) already exists")
        }
        try v.insert(db)
        return v
    }

    /// Allowed values of a field, ordered by sort order then value.
    public static func allowedValues(_ db: Database, fieldId: Int64, includeInactive: Bool = true) throws -> [AllowedValueRecord] {
        let active = includeInactive ? "" : " AND is_active"
        return try AllowedValueRecord.fetchAll(db, sql: "SELECT * FROM field_allowed_values WHERE field_id = ?\(active) ORDER BY sort_order, value",
                                               arguments: [fieldId])
    }

    /// Saves changes to an allowed value.
    public static func updateAllowedValue(_ db: Database, _ value: AllowedValueRecord) throws {
        guard try AllowedValueRecord.exists(db, key: ["field_id": value.fieldId, "value": value.value]) else {
            throw StoreError.notFound("Allowed value does not exist")
        }
        try value.update(db)
    }

    /// Deletes an allowed value.
    public static func deleteAllowedValue(_ db: Database, fieldId: Int64, value: Int64) throws {
        guard try AllowedValueRecord.deleteOne(db, key: ["field_id": fieldId, "value": value]) else {
            throw StoreError.notFound("Allowed value does not exist")
        }
    }

    /// The stored values of an object, ordered by field id.
    public static func values(_ db: Database, _ kind: ObjectKind, _ objectId: Int64) throws -> [FieldValueRecord] {
        try FieldValueRecord.fetchAll(db, sql: "SELECT * FROM field_values WHERE object_type = ? AND object_id = ? ORDER BY field_id",
                                      arguments: [kind.rawValue, objectId])
    }

    /// Sets (or, with nil, clears) one field value of an object.
    public static func setValue(_ db: Database, _ kind: ObjectKind, _ objectId: Int64, fieldId: Int64, _ value: String?) throws {
        guard try FieldRecord.exists(db, key: fieldId) else { throw StoreError.badRequest("Field \(fieldId) does not exist") }
        if let value {
            try FieldValueRecord(objectType: kind.rawValue, objectId: objectId, fieldId: fieldId, value: value).upsert(db)
        } else {
            try db.execute(sql: "DELETE FROM field_values WHERE object_type = ? AND object_id = ? AND field_id = ?",
                           arguments: [kind.rawValue, objectId, fieldId])
        }
    }

    /// ``setValue(_:_:_:fieldId:_:)`` for a field the caller has just read from the store (so its
    /// existence is not asked again), with one cached statement: what writers of many values
    /// (an upload's run properties) use. The same rows and the same triggers: an insert for a
    /// new value, an update for a changed one, a delete for none.
    static func setKnownValue(_ db: Database, _ kind: ObjectKind, _ objectId: Int64, fieldId: Int64, _ value: String?) throws {
        if let value {
            try db.cachedExecute(sql: """
                INSERT INTO field_values (object_type, object_id, field_id, value) VALUES (?, ?, ?, ?)
                ON CONFLICT (object_type, object_id, field_id) DO UPDATE SET value = excluded.value
                """, arguments: [kind.rawValue, objectId, fieldId, value])
        } else {
            try db.cachedExecute(sql: "DELETE FROM field_values WHERE object_type = ? AND object_id = ? AND field_id = ?",
                                 arguments: [kind.rawValue, objectId, fieldId])
        }
    }

    /// Deletes every field value of an object (call when deleting the object).
    public static func deleteValues(_ db: Database, _ kind: ObjectKind, _ objectId: Int64) throws {
        try db.execute(sql: "DELETE FROM field_values WHERE object_type = ? AND object_id = ?", arguments: [kind.rawValue, objectId])
    }

    /// The label of allowed value `value` of field `fieldId` (for `field_value_name`).
    public static func allowedValueLabel(_ db: Database, fieldId: Int64, value: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT label FROM field_allowed_values WHERE field_id = ? AND value = ?", arguments: [fieldId, value])
    }

    // MARK: Execution statuses

    /// The default execution statuses qTest ships (601 Passed … 605 Unexecuted).
    public static let defaultExecutionStatuses: [ExecutionStatusRecord] = [
        ExecutionStatusRecord(id: 601, name: "Passed", color: "#6cbf54", sortOrder: 1),
        ExecutionStatusRecord(id: 602, name: "Failed", color: "#ff0000", sortOrder: 2),
        ExecutionStatusRecord(id: 603, name: "Incomplete", color: "#ffa500", sortOrder: 3),
        ExecutionStatusRecord(id: 604, name: "Blocked", color: "#8b4513", sortOrder: 4),
        ExecutionStatusRecord(id: 605, name: "Unexecuted", color: "#808080", isDefault: true, sortOrder: 5),
    ]

    /// Inserts an execution status.
    @discardableResult
    public static func createExecutionStatus(_ db: Database, _ status: ExecutionStatusRecord) throws -> ExecutionStatusRecord {
        if try ExecutionStatusRecord.exists(db, key: status.id) { throw StoreError.conflict("Execution status \(status.id) already exists") }
        try IDs.reserve(db, .executionStatus, status.id)
        try status.insert(db)
        return status
    }

    /// Statuses usable in `projectId`: the project's own if it has any, else the site defaults.
    public static func executionStatuses(_ db: Database, projectId: Int64?) throws -> [ExecutionStatusRecord] {
        if let projectId {
            let own = try ExecutionStatusRecord.fetchAll(db, sql: "SELECT * FROM execution_statuses WHERE project_id = ? ORDER BY sort_order, id",
                                                         arguments: [projectId])
            if !own.isEmpty { return own }
        }
        return try ExecutionStatusRecord.fetchAll(db, sql: "SELECT * FROM execution_statuses WHERE project_id IS NULL ORDER BY sort_order, id")
    }

    /// The status with `id`, or nil.
    public static func executionStatus(_ db: Database, _ id: Int64) throws -> ExecutionStatusRecord? {
        try ExecutionStatusRecord.fetchOne(db, key: id)
    }

    /// The status named `name` (case-insensitive) usable in `projectId`, e.g. `"PASS"` → nil, `"passed"` → 601.
    public static func executionStatus(_ db: Database, named name: String, projectId: Int64?) throws -> ExecutionStatusRecord? {
        try executionStatuses(db, projectId: projectId).first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}
