import Foundation
import GRDB

/// The allowed values of a lookup field: added (at most 100 per request, as qTest), edited,
/// deleted. A deleted value is also taken out of every object that had it, so no object keeps
/// an id its field no longer offers.
///
/// ```swift
/// let added = try FieldAllowedValues.add(db, field, [AllowedValueInput(label: "Edge")])
/// try FieldAllowedValues.delete(db, field, added[0].value)
/// ```
public enum FieldAllowedValues {
    static let maxPerRequest = 100

    /// The field must be a lookup to have allowed values.
    public static func requireLookup(_ field: FieldRecord) throws {
        guard field.constrained else {
            throw StoreError.badRequest("Field '\(field.label)' has no allowed values: only combo box, check box and multiple selection fields do")
        }
    }

    /// Adds values; labels must be new within the field.
    public static func add(_ db: Database, _ field: FieldRecord, _ inputs: [AllowedValueInput]) throws -> [AllowedValueRecord] {
        try requireLookup(field)
        guard !inputs.isEmpty else { throw StoreError.badRequest("Request body must list at least one allowed value") }
        guard inputs.count <= maxPerRequest else { throw StoreError.badRequest("At most \(maxPerRequest) allowed values can be created at once") }
        var existing = try Fields.allowedValues(db, fieldId: field.id)
        var order = existing.map(\.sortOrder).max() ?? 0
        var added: [AllowedValueRecord] = []
        for input in inputs {
            let label = try validLabel(input.label)
            guard !existing.contains(where: { $0.label.caseInsensitiveCompare(label) == .orderedSame }) else {
                throw StoreError.badRequest("Allowed value '\(label)' already exists in field '\(field.label)'")
            }
            order += 1
            let value = try Fields.addAllowedValue(db, AllowedValueRecord(
                fieldId: field.id, value: 0, label: label, sortOrder: input.order ?? order, isDefault: input.isDefault ?? false,
                isActive: input.isActive ?? true, color: input.color))
            if value.isDefault { try clearOtherDefaults(db, field, keeping: value.value) }
            existing.append(value)
            added.append(value)
        }
        return added
    }

    /// Edits one value (label, order, default, activity, color).
    public static func update(_ db: Database, _ field: FieldRecord, _ number: Int64, _ input: AllowedValueInput) throws -> AllowedValueRecord {
        try requireLookup(field)
        guard var value = try AllowedValueRecord.fetchOne(db, key: ["field_id": field.id, "value": number]) else {
            throw StoreError.notFound("Allowed value \(number) does not exist in field '\(field.label)'")
        }
        if let label = input.label {
            value.label = try validLabel(label)
            let clash = try Fields.allowedValues(db, fieldId: field.id).contains {
                $0.value != number && $0.label.caseInsensitiveCompare(value.label) == .orderedSame
            }
            if clash { throw StoreError.badRequest("Allowed value '\(value.label)' already exists in field '\(field.label)'") }
        }
        if let order = input.order { value.sortOrder = order }
        if let active = input.isActive { value.isActive = active }
        if let color = input.color { value.color = color }
        if let isDefault = input.isDefault { value.isDefault = isDefault }
        try Fields.updateAllowedValue(db, value)
        if value.isDefault { try clearOtherDefaults(db, field, keeping: value.value) }
        return value
    }

    /// Deletes one value and takes it out of every object's value of this field.
    public static func delete(_ db: Database, _ field: FieldRecord, _ number: Int64) throws {
        try requireLookup(field)
        guard try AllowedValueRecord.exists(db, key: ["field_id": field.id, "value": number]) else {
            throw StoreError.notFound("Allowed value \(number) does not exist in field '\(field.label)'")
        }
        try Fields.deleteAllowedValue(db, fieldId: field.id, value: number)
        try forget(db, field, number)
    }

    /// `allowed_values` sent with a field update is the whole list.
    static func replace(_ db: Database, _ field: FieldRecord, _ inputs: [AllowedValueInput]) throws {
        let kept = Set(inputs.compactMap(\.value))
        for value in try Fields.allowedValues(db, fieldId: field.id) where !kept.contains(value.value) {
            try delete(db, field, value.value)
        }
        let new = inputs.filter { $0.value == nil }
        for input in inputs {
            guard let number = input.value else { continue }
            _ = try update(db, field, number, input)
        }
        if !new.isEmpty { _ = try add(db, field, new) }
    }

    /// A single-valued field has one default value at most.
    static func clearOtherDefaults(_ db: Database, _ field: FieldRecord, keeping number: Int64) throws {
        guard !FieldValueKind(field).multiple else { return }
        try db.execute(sql: "UPDATE field_allowed_values SET is_default = 0 WHERE field_id = ? AND value != ?", arguments: [field.id, number])
    }

    /// Removes `number` from the stored values of `field` (`"7"` goes, `"[5,7]"` becomes `"[5]"`).
    static func forget(_ db: Database, _ field: FieldRecord, _ number: Int64) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT object_type, object_id, value FROM field_values WHERE field_id = ?", arguments: [field.id])
        for row in rows {
            let value: String = row[2]
            let parts = ObjectProperties.parts(value)
            guard parts.contains(String(number)) else { continue }
            let rest = parts.filter { $0 != String(number) }
            let objectType: String = row[0], objectId: Int64 = row[1]
            if rest.isEmpty {
                try db.execute(sql: "DELETE FROM field_values WHERE object_type = ? AND object_id = ? AND field_id = ?",
                               arguments: [objectType, objectId, field.id])
            } else {
                let text = value.hasPrefix("[") ? "[" + rest.joined(separator: ",") + "]" : rest.joined(separator: ",")
                try db.execute(sql: "UPDATE field_values SET value = ? WHERE object_type = ? AND object_id = ? AND field_id = ?",
                               arguments: [text, objectType, objectId, field.id])
            }
        }
        if let defaultValue = field.defaultValue, ObjectProperties.parts(defaultValue).contains(String(number)) {
            try db.execute(sql: "UPDATE fields SET default_value = NULL WHERE id = ?", arguments: [field.id])
        }
    }

    static func validLabel(_ label: String?) throws -> String {
        let text = (label ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError.badRequest("Allowed value 'label' is required") }
        guard text.count <= 500 else { throw StoreError.badRequest("Allowed value 'label' must be at most 500 characters") }
        return text
    }
}
