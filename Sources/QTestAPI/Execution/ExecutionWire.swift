import Foundation
import QTestStore

/// Wire pieces shared by the execution resources (releases, builds, cycles, suites, runs,
/// logs): `properties`, the parent of a container, `web_url`, execution statuses.
enum ExecutionWire {
    /// `[{field_id, field_name, field_value, field_value_name}]`; `field_value` is always a string.
    static func properties(_ values: [PropertyValue]) -> JSON {
        .array(values.map { v in
            ["field_id": .int(v.fieldId), "field_name": .string(v.fieldName), "field_value": .string(v.value),
             "field_value_name": .optional(v.valueName)]
        })
    }

    /// Reads `properties: [{field_id, field_value}]` from a request body. Values may be numbers
    /// (clients send `503` for a lookup) and may be missing (clears the field).
    static func propertyInputs(_ body: JSON, _ key: String = "properties") throws -> [PropertyInput] {
        guard let items = try body.optionalArray(key) else { return [] }
        return try items.enumerated().map { index, item in
            let item = try item.requireObject("\(key)[\(index)]")
            guard let id = item["field_id"], !id.isNull else { throw APIError.badRequest("Field '\(key)[\(index)].field_id' is required") }
            let fieldID = try JSON.integer(id, named: "\(key)[\(index)].field_id")
            let value: String?
            switch item["field_value"] {
            case nil, .null?: value = nil
            case let .string(s)?: value = s
            // A list of lookup ids (`[1, "2"]`), stored as qTest shows it: `"[1,2]"`.
            case let .array(a)?: value = "[" + a.compactMap { $0.int64Value.map(String.init) ?? $0.scalarText }.joined(separator: ",") + "]"
            case .object?: throw APIError.badRequest("Field '\(key)[\(index)].field_value' must be a string")
            case let scalar?: value = fieldValueText(scalar)
            }
            return PropertyInput(fieldId: fieldID, value: value)
        }
    }

    /// `field_value` is text in qTest. A number stands for a lookup id when it is an integer
    /// (`503`, `503.0`); any other number is kept as the client wrote it (`1.5`, `1e19`,
    /// `1e400`), which is what qTest stores. (Converting those to `Int64` used to trap.)
    static func fieldValueText(_ scalar: JSON) -> String? {
        scalar.int64Value.map(String.init) ?? scalar.scalarText
    }

    /// The container named by `parentId`/`parentType` in the query string or, failing that, in
    /// the body (clients send either, sometimes both). nil when neither names one.
    static func parent(_ context: some RequestReading, body: JSON? = nil) throws -> ExecutionParent? {
        var id = try context.queryInt("parentId")
        var type = context.queryString("parentType")
        if id == nil, type == nil, let body {
            id = try body.optionalInt("parentId")
            type = try body.optionalString("parentType")
        }
        if id == nil, type == nil { return nil }
        var parsedType: ExecutionParentType?
        if let type {
            guard let t = ExecutionParentType(wire: type) else {
                throw APIError.badRequest("Invalid parentType '\(type)'. Valid values: root, release, test-cycle, test-suite")
            }
            parsedType = t
        }
        switch (parsedType, id) {
        case (.root?, _), (_, 0?): return .root
        case let (t?, i?): return ExecutionParent(type: t, id: i)
        case (_?, nil): throw APIError.badRequest("parentId is required with parentType")
        case (nil, _): throw APIError.badRequest("parentType is required with a non-zero parentId")
        }
    }

    /// A date member of a request body, or nil; malformed dates are a 400 naming the field.
    static func date(_ body: JSON, _ key: String) throws -> Date? {
        guard let text = try body.optionalString(key), !text.isEmpty else { return nil }
        guard let date = QTestDate.parse(text) else { throw APIError.badRequest("Field '\(key)' is not a valid date: '\(text)'") }
        return date
    }

    /// The qTest web client address of an object (`…/p/{project}/portal/project#tab=…&object=N&id=…`).
    static func webURL(_ context: some RequestReading, projectID: Int64, tab: String, object: Int, id: Int64) -> JSON {
        .string("\(context.baseURL)/p/\(projectID)/portal/project#tab=\(tab)&object=\(object)&id=\(id)")
    }

    /// `/api/v3/projects/{p}` under the caller's base URL.
    static func projectHref(_ context: some RequestReading, _ projectID: Int64, _ rest: String) -> String {
        context.baseURL + "/api/v3/projects/\(projectID)" + rest
    }

    /// `StatusResource`: `{links, id, name, is_default, color, active}`.
    static func status(_ s: ExecutionStatusRecord) -> JSON {
        ["links": [], "id": .int(s.id), "name": .string(s.name), "is_default": .bool(s.isDefault), "color": .string(s.color),
         "active": .bool(s.active)]
    }

    /// `force=true|True|1` on deletes.
    static func force(_ context: some RequestReading) throws -> Bool { try context.queryBool("force") ?? false }
}
