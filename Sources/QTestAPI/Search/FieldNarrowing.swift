import Foundation

/// The `fields` of a search or comment query: which keys of each item to answer with.
///
/// `["*"]`, `[]` or no `fields` keep everything. Otherwise an item keeps the keys named
/// (any letter case) and always `id` and `links`, which clients need to read the item and
/// to follow it. A name that is the `field_name` of a property (`"Priority"`) keeps
/// `properties` with just those entries, unless `properties` itself is named.
///
/// ```swift
/// let narrowing = try FieldNarrowing(["object_type": "test-cases", "fields": ["name", "Priority"]])
/// narrowing.apply(item)   // {links, id, name, properties: [{field_name: "Priority", …}]}
/// ```
struct FieldNarrowing: Sendable {
    /// Lower-cased names, or nil for every key.
    let names: Set<String>?

    init(_ body: JSON) throws {
        guard let items = try body.optionalArray("fields") else { names = nil; return }
        let requested = try items.enumerated().map { index, item -> String in
            guard let name = item.stringValue else { throw APIError.badRequest("Field 'fields[\(index)]' must be a field name (a string)") }
            return name.trimmingCharacters(in: .whitespaces).lowercased()
        }
        names = requested.isEmpty || requested.contains("*") ? nil : Set(requested)
    }

    func apply(_ item: JSON) -> JSON {
        guard let names, let members = item.objectValue else { return item }
        var kept: [(String, JSON)] = []
        for (key, value) in members {
            let lower = key.lowercased()
            if lower == "id" || lower == "links" || names.contains(lower) {
                kept.append((key, value))
            } else if lower == "properties", let properties = value.arrayValue {
                let chosen = properties.filter { names.contains(($0["field_name"]?.stringValue ?? "").lowercased()) }
                if !chosen.isEmpty { kept.append((key, .array(chosen))) }
            }
        }
        return .object(kept)
    }
}
