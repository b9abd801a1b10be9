import Foundation
import Testing

/// The contract's key sets for field answers (`qtest-api-contract.json`: `FieldResource`,
/// `FieldResourceSwagger`, `AllowedValueResource`), plus `search_key`, which the real server
/// sends (behaviour notes §8). Answers may use only these keys and must carry the required ones.
enum FieldContract {
    static let fieldKeys: Set<String> = [
        "instanceType", "links", "id", "attribute_type", "label", "required", "constrained", "order", "allowed_values", "multiple",
        "data_type", "searchable", "free_text_search", "default_value", "system_field", "original_name", "is_active", "search_key",
    ]
    /// Present on every field this emulator answers (nullable members aside).
    static let fieldAlways: Set<String> = [
        "links", "id", "attribute_type", "label", "required", "constrained", "order", "multiple", "data_type", "searchable",
        "free_text_search", "system_field", "is_active",
    ]
    static let allowedValueKeys: Set<String> = ["links", "value", "label", "order", "is_default", "is_active", "color"]
    static let allowedValueAlways: Set<String> = ["links", "value", "label", "order", "is_default", "is_active"]
    static let propertyKeys: Set<String> = ["field_id", "field_name", "field_value", "field_value_name"]

    /// Checks one `FieldResource` and its allowed values against the contract.
    static func check(field: [String: Any], _ where_: String = "") {
        let keys = Set(field.keys)
        #expect(keys.isSubset(of: fieldKeys), "\(where_) unexpected keys \(keys.subtracting(fieldKeys))")
        #expect(fieldAlways.isSubset(of: keys), "\(where_) missing keys \(fieldAlways.subtracting(keys))")
        #expect(field["id"] is Int && field["label"] is String && field["data_type"] is Int && field["is_active"] is Bool, "\(where_) types")
        #expect(((field["links"] as? [[String: Any]])?.first?["rel"] as? String) == "self", "\(where_) self link")
        if field["constrained"] as? Bool == true {
            let values = field["allowed_values"] as? [[String: Any]]
            #expect(values != nil, "\(where_) a lookup lists its allowed values")
            for value in values ?? [] { check(allowedValue: value, where_) }
        }
    }

    static func check(allowedValue value: [String: Any], _ where_: String = "") {
        let keys = Set(value.keys)
        #expect(keys.isSubset(of: allowedValueKeys), "\(where_) unexpected allowed-value keys \(keys.subtracting(allowedValueKeys))")
        #expect(allowedValueAlways.isSubset(of: keys), "\(where_) missing allowed-value keys \(allowedValueAlways.subtracting(keys))")
        #expect(value["value"] is Int && value["label"] is String, "\(where_) allowed-value types")
    }

    /// The `properties` entry of `object` for `fieldId`.
    static func property(_ object: [String: Any], _ fieldId: Int) -> [String: Any]? {
        (object["properties"] as? [[String: Any]])?.first { $0["field_id"] as? Int == fieldId }
    }
}
