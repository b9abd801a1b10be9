import Foundation
import QTestStore

/// `FieldResource` and `AllowedValueResource` encoders. Keys as the contract has them, plus
/// the `attribute_type`, `free_text_search` and `search_key` the real server sends; null
/// members are left out, as qTest does.
enum FieldWire {
    /// The path a field is reached by in `scope` (project settings, or the site's fields).
    static func path(_ field: FieldRecord, _ scope: FieldScope) -> String {
        switch scope {
        case .site: "/api/v3/fields/\(field.objectType)/\(field.id)"
        case .project(let id): "/api/v3/projects/\(id)/settings/\(field.objectType)/fields/\(field.id)"
        }
    }

    /// A field with its allowed values (lookups only).
    static func encode(_ field: FieldRecord, _ scope: FieldScope, _ db: StoreDatabase, _ context: some RequestReading) throws -> JSON {
        let values: JSON = field.constrained
            ? .array(try Fields.allowedValues(db, fieldId: field.id).map { encode($0) })
            : .null
        return [
            "links": [Wire.link("self", Wire.href(context, path(field, scope)))],
            "id": .int(field.id),
            "attribute_type": .string(field.attributeType),
            "label": .string(field.label),
            "required": .bool(field.required),
            "constrained": .bool(field.constrained),
            "order": .number(field.sortOrder),
            "allowed_values": values,
            "multiple": .bool(field.multiple),
            "data_type": .number(field.dataType),
            "searchable": .bool(field.searchable),
            "free_text_search": .bool(field.freeTextSearch),
            "search_key": .optional(field.searchKey),
            "default_value": .optional(field.defaultValue),
            "system_field": .bool(field.systemField),
            "original_name": .string(originalName(field)),
            "is_active": .bool(field.isActive),
            "instanceType": .optional(field.instanceType),
        ]
    }

    /// The field's `original_name`; a custom field, which has none of its own, answers
    /// `CustomField<id>` (unique, and never a system field's name). Every field carries one
    /// because the Jenkins plugin reads `original_name` with a strict getter on each test-suite
    /// field until it meets `EnvironmentTestSuite`, and a field without it before that one
    /// leaves its configuration page without environments.
    static func originalName(_ field: FieldRecord) -> String {
        field.originalName ?? "CustomField\(field.id)"
    }

    /// One allowed value.
    static func encode(_ value: AllowedValueRecord) -> JSON {
        [
            "links": [],
            "value": .int(value.value),
            "label": .string(value.label),
            "order": .number(value.sortOrder),
            "is_default": .bool(value.isDefault),
            "is_active": .bool(value.isActive),
            "color": .optional(value.color),
        ]
    }
}
