import Foundation
import QTestStore

/// Reads `FieldInputResource` / `FieldResource` and allowed-value bodies into store inputs.
/// Types are checked member by member, so a wrong one is a 400 naming it.
enum FieldRequestParsing {
    static func field(_ body: JSON) throws -> FieldInput {
        let body = try body.requireObject()
        return FieldInput(
            id: try body.optionalInt("id"),
            label: try body.optionalString("label"),
            dataType: try body.optionalInt("data_type").map { Int(clamping: $0) },
            required: try body.optionalBool("required"),
            order: try body.optionalInt("order").map { Int(clamping: $0) },
            multiple: try body.optionalBool("multiple"),
            searchable: try body.optionalBool("searchable"),
            defaultValue: try body.optionalString("default_value"),
            isActive: try body.optionalBool("is_active"),
            allowedValues: try body.optionalArray("allowed_values").map { list in
                try list.enumerated().map { try allowedValue($0.element, at: "allowed_values[\($0.offset)]") }
            })
    }

    /// One allowed value; `default` is the older spelling of `is_default`.
    static func allowedValue(_ item: JSON, at path: String = "Request body") throws -> AllowedValueInput {
        let item = try item.requireObject(path)
        return AllowedValueInput(
            value: try item.optionalInt("value"),
            label: try item.optionalString("label"),
            order: try item.optionalInt("order").map { Int(clamping: $0) },
            isDefault: try item.optionalBool("is_default") ?? item.optionalBool("default"),
            isActive: try item.optionalBool("is_active"),
            color: try item.optionalString("color"))
    }

    /// A JSON array of allowed values (POST …/allowed-values).
    static func allowedValues(_ body: JSON) throws -> [AllowedValueInput] {
        guard case .array(let items) = body else { throw APIError.badRequest("Request body must be a JSON array of allowed values") }
        return try items.enumerated().map { try allowedValue($0.element, at: "[\($0.offset)]") }
    }

    /// `custom-fields/active`: a JSON array of `{id, is_active}`.
    static func activity(_ body: JSON) throws -> [(id: Int64, active: Bool)] {
        guard case .array(let items) = body else { throw APIError.badRequest("Request body must be a JSON array of fields") }
        return try items.enumerated().map { index, item in
            let item = try item.requireObject("[\(index)]")
            guard let id = try item.optionalInt("id") else { throw APIError.badRequest("Field '[\(index)].id' is required") }
            guard let active = try item.optionalBool("is_active") else { throw APIError.badRequest("Field '[\(index)].is_active' is required") }
            return (id, active)
        }
    }
}
