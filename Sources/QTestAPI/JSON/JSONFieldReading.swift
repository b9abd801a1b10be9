import Foundation

/// Typed reads of request-body members. A member that is absent or `null` reads as `nil`; a
/// member of the wrong type is a 400 that names the field, so a client learns what to fix.
extension JSON {
    /// The body must be a JSON object; anything else is a 400. `what` is written only for the
    /// error (upload items name themselves with an interpolated path).
    public func requireObject(_ what: @autoclosure () -> String = "Request body") throws -> JSON {
        guard case .object = self else { throw APIError.badRequest("\(what()) must be a JSON object") }
        return self
    }

    public func optionalString(_ key: String) throws -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        // Numbers and booleans are accepted where qTest takes text (e.g. field values), as the
        // text the client sent.
        guard let text = value.scalarText else { throw APIError.badRequest("Field '\(key)' must be a string") }
        return text
    }

    public func requiredString(_ key: String) throws -> String {
        guard let s = try optionalString(key) else { throw APIError.badRequest("Field '\(key)' is required") }
        return s
    }

    /// A required, non-blank name of at most 500 characters (the SDK's validation bounds).
    public func requiredName(_ key: String = "name") throws -> String {
        let s = try requiredString(key)
        guard !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badRequest("Field '\(key)' must not be empty")
        }
        guard s.count <= 500 else { throw APIError.badRequest("Field '\(key)' must be at most 500 characters") }
        return s
    }

    public func optionalInt(_ key: String) throws -> Int64? {
        guard let value = self[key], !value.isNull else { return nil }
        return try JSON.integer(value, named: key)
    }

    /// `value` as an `Int64`, or a 400 naming `name` that says what is wrong with it: a
    /// fraction and a number too large for an id are different mistakes.
    static func integer(_ value: JSON, named name: String) throws -> Int64 {
        switch value.integerReading {
        case let .integer(i)?: return i
        case .fractional?: throw APIError.badRequest("Field '\(name)' must be an integer, not a fraction")
        case .outOfRange?: throw APIError.badRequest("Field '\(name)' must be an integer between \(Int64.min) and \(Int64.max)")
        case nil: throw APIError.badRequest("Field '\(name)' must be an integer")
        }
    }

    public func requiredInt(_ key: String) throws -> Int64 {
        guard let i = try optionalInt(key) else { throw APIError.badRequest("Field '\(key)' is required") }
        return i
    }

    public func optionalBool(_ key: String) throws -> Bool? {
        guard let value = self[key], !value.isNull else { return nil }
        switch value {
        case let .bool(b): return b
        case let .string(s) where s.lowercased() == "true": return true
        case let .string(s) where s.lowercased() == "false": return false
        default: throw APIError.badRequest("Field '\(key)' must be a boolean")
        }
    }

    public func optionalArray(_ key: String) throws -> [JSON]? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let items = value.arrayValue else { throw APIError.badRequest("Field '\(key)' must be an array") }
        return items
    }

    public func optionalObject(_ key: String) throws -> JSON? {
        guard let value = self[key], !value.isNull else { return nil }
        guard case .object = value else { throw APIError.badRequest("Field '\(key)' must be an object") }
        return value
    }

    /// A list of integers, e.g. `[1, 2, "3"]`.
    public func optionalIntArray(_ key: String) throws -> [Int64]? {
        guard let items = try optionalArray(key) else { return nil }
        return try items.enumerated().map { index, item in try JSON.integer(item, named: "\(key)[\(index)]") }
    }
}
