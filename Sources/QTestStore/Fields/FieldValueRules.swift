import Foundation
import GRDB

/// What a value written to a field must look like, by the field's kind (see ``FieldValueKind``),
/// and what a new object gets when no value is sent. A refusal names the field, so a client
/// learns which of its properties to fix.
///
/// ```swift
/// try FieldValueRules.check(db, priority, "723")      // an allowed value id: fine
/// try FieldValueRules.check(db, priority, "[723,724]") // 400: Priority takes one value
/// ```
public enum FieldValueRules {
    /// Checks `value` (non-empty, trimmed) against `field`.
    public static func check(_ db: Database, _ field: FieldRecord, _ value: String) throws {
        let kind = FieldValueKind(field)
        let parts = ObjectProperties.parts(value)
        if !kind.multiple, parts.count > 1, kind.kind == .lookup || kind.kind == .user {
            throw invalid(field, value, "the field takes one value")
        }
        switch kind.kind {
        case .text:
            return
        case .number:
            guard Double(value) != nil else { throw invalid(field, value, "the field takes a number") }
        case .date:
            guard QTestDate.parse(value) != nil else { throw invalid(field, value, "the field takes an ISO 8601 date") }
        case .user:
            for part in parts {
                guard let id = Int64(part), try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM users WHERE id = ?)", arguments: [id]) == true else {
                    throw invalid(field, value, "'\(part)' is not a user id")
                }
            }
        case .lookup:
            // Inactive values stay readable on objects that have them but are not offered anew.
            let allowed = Set(try Fields.allowedValues(db, fieldId: field.id, includeInactive: false).map(\.value))
            for part in parts {
                guard let id = Int64(part), allowed.contains(id) else { throw invalid(field, value, "'\(part)' is not an allowed value") }
            }
        }
    }

    /// The value a new object gets for `field` when none is sent: `default_value`, or for a
    /// lookup its allowed values marked `is_default`.
    static func defaultValue(_ db: Database, _ field: FieldRecord) throws -> String? {
        if let text = field.defaultValue, !text.isEmpty { return text }
        guard field.constrained else { return nil }
        let defaults = try Fields.allowedValues(db, fieldId: field.id, includeInactive: false).filter(\.isDefault).map(\.value)
        guard let first = defaults.first else { return nil }
        return FieldValueKind(field).multiple ? "[" + defaults.map(String.init).joined(separator: ",") + "]" : String(first)
    }

    static func invalid(_ field: FieldRecord, _ value: String, _ reason: String) -> StoreError {
        StoreError.badRequest("Field value is invalid. '\(value)' is not valid for field '\(field.label)' (id \(field.id)): \(reason)")
    }
}
