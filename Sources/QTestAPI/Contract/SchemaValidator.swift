/// Checks a JSON value against an OpenAPI 3.0 schema: the subset the generated document uses
/// (`$ref` to `components/schemas`, `type`, `format` date-time/date, `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `nullable`).
///
/// With `closedObjects` (the response check), an object key that its schema does not list is a
/// violation unless the schema sets `additionalProperties`: that is how a key spelled
/// differently from the contract (`testcaseId` for `testCaseId`) shows up, since the published
/// document leaves objects open for clients.
struct SchemaValidator {
    /// `components/schemas` of the document.
    let components: [String: JSON]
    var closedObjects = true
    /// Violations past this many are not collected (one broken encoder would repeat itself).
    var limit = 20

    init(components: [String: JSON], closedObjects: Bool = true) {
        self.components = components
        self.closedObjects = closedObjects
    }

    /// Every way `value` breaks `schema`, as `$.path.to[3].key: what is wrong`; empty when it conforms.
    func violations(of value: JSON, against schema: JSON) -> [String] {
        var found: [String] = []
        check(value, schema, "$", depth: 0, &found)
        return found
    }

    private func check(_ value: JSON, _ schema: JSON, _ path: String, depth: Int, _ found: inout [String]) {
        guard found.count < limit else { return }
        // Values nest at most JSONParser.maxDepth levels; a schema chain this deep is a loop.
        guard depth < 200 else { found.append("\(path): schema nests too deep"); return }
        if let ref = schema["$ref"]?.stringValue {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = components[name] else {
                found.append("\(path): schema \(ref) is not defined")
                return
            }
            check(value, target, path, depth: depth + 1, &found)
            return
        }
        if value.isNull {
            if schema["nullable"]?.boolValue != true, schema["type"] != nil {
                found.append("\(path): null where \(describe(schema)) is expected")
            }
            return
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            found.append("\(path): \(sample(value)) is not one of \(allowed.map(sample).joined(separator: ", "))")
        }
        switch schema["type"]?.stringValue {
        case nil:
            return
        case "object":
            guard case let .object(members) = value else { return mismatch(value, schema, path, &found) }
            let properties = schema["properties"]?.objectValue ?? []
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil || members[name]?.isNull == true {
                found.append("\(path): required key \(name) is missing")
            }
            let additional = schema["additionalProperties"]
            for (key, member) in members {
                let childPath = path + "." + key
                if let property = properties.first(where: { $0.0 == key })?.1 {
                    check(member, property, childPath, depth: depth + 1, &found)
                } else if let additional, additional.objectValue != nil {
                    check(member, additional, childPath, depth: depth + 1, &found)
                } else if closedObjects, additional?.boolValue != true {
                    found.append("\(childPath): key is not in the contract")
                }
            }
        case "array":
            guard case let .array(items) = value else { return mismatch(value, schema, path, &found) }
            guard let itemSchema = schema["items"] else { return }
            for (index, item) in items.enumerated() {
                check(item, itemSchema, "\(path)[\(index)]", depth: depth + 1, &found)
            }
        case "string":
            guard case let .string(text) = value else { return mismatch(value, schema, path, &found) }
            switch schema["format"]?.stringValue {
            case "date-time" where !ContractDates.isDateTime(text):
                found.append("\(path): \"\(text.prefix(40))\" is not an RFC 3339 date-time")
            case "date" where !ContractDates.isDate(text):
                found.append("\(path): \"\(text.prefix(40))\" is not a date (yyyy-MM-dd)")
            default:
                break
            }
        case "integer":
            guard value.integerReading != nil, value.stringValue == nil else { return mismatch(value, schema, path, &found) }
        case "number":
            switch value {
            case .int, .double, .numberText: break
            default: mismatch(value, schema, path, &found)
            }
        case "boolean":
            guard value.boolValue != nil else { return mismatch(value, schema, path, &found) }
        case let other?:
            found.append("\(path): schema type \(other) is not supported by the check")
        }
    }

    private func mismatch(_ value: JSON, _ schema: JSON, _ path: String, _ found: inout [String]) {
        found.append("\(path): \(kind(value)) \(sample(value)) where \(describe(schema)) is expected")
    }

    private func describe(_ schema: JSON) -> String {
        let type = schema["type"]?.stringValue ?? "any value"
        return schema["format"]?.stringValue.map { "\(type) (\($0))" } ?? type
    }

    private func kind(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double, .numberText: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    private func sample(_ value: JSON) -> String {
        switch value {
        case .array, .object: return ""
        default: return String(value.serializedString().prefix(40))
        }
    }
}

/// The date forms the document promises: RFC 3339 date-times (`2023-04-03T14:34:18+00:00`,
/// fractions and `Z` allowed) and `yyyy-MM-dd` dates.
enum ContractDates {
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && isDatePart(bytes[...])
    }

    static func isDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, isDatePart(bytes[0..<10]), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              digits(bytes[11..<13]), bytes[13] == UInt8(ascii: ":"), digits(bytes[14..<16]), bytes[16] == UInt8(ascii: ":"),
              digits(bytes[17..<19]) else { return false }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let fraction = rest.prefix { (48...57).contains($0) }
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(fraction.count)
        }
        if rest.count == 1 { return rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") }
        let zone = Array(rest)
        return zone.count == 6 && (zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"))
            && digits(zone[1..<3]) && zone[3] == UInt8(ascii: ":") && digits(zone[4..<6])
    }

    private static func isDatePart(_ bytes: ArraySlice<UInt8>) -> Bool {
        let b = Array(bytes)
        return b.count == 10 && digits(b[0..<4]) && b[4] == UInt8(ascii: "-") && digits(b[5..<7]) && b[7] == UInt8(ascii: "-") && digits(b[8..<10])
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { (48...57).contains($0) }
    }
}
