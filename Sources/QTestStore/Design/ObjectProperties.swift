import Foundation
import GRDB

/// One `properties` entry of an object as qTest shows it (`PropertyResource`).
public struct PropertyValue: Sendable, Equatable {
    public var fieldId: Int64
    public var fieldName: String
    /// Always a string, as on the wire (`""` when the field has no value).
    public var value: String
    /// The label of a lookup value (`"Passed"` for `"601"`), `""` for an empty lookup, nil otherwise.
    public var valueName: String?
    /// Creates a value.
    public init(fieldId: Int64, fieldName: String, value: String, valueName: String?) {
        self.fieldId = fieldId; self.fieldName = fieldName; self.value = value; self.valueName = valueName
    }
}

/// A `properties` entry from a request: `{field_id, field_value}`. A nil or empty value clears it.
public struct PropertyInput: Sendable, Equatable {
    public var fieldId: Int64
    public var value: String?
    /// Creates an input.
    public init(fieldId: Int64, value: String?) { self.fieldId = fieldId; self.value = value }
}

/// Reads and writes the `properties` of any object (field values keyed by ``ObjectKind``).
///
/// Every active field of the object's type is listed, with `""` for the ones without a value:
/// qTest lists them all, and clients look fields up by name in that list.
///
/// ```swift
/// try ObjectProperties.write(db, projectId: 108781, .testSuite, suiteId, [PropertyInput(fieldId: -185, value: "742")])
/// let props = try ObjectProperties.read(db, projectId: 108781, .testSuite, suiteId)
/// ```
public enum ObjectProperties {
    /// The active fields of `kind` usable in `projectId`: the project's own, then site fields.
    public static func fields(_ db: Database, projectId: Int64, _ kind: ObjectKind) throws -> [FieldRecord] {
        try FieldRecord.fetchAll(db, sql: """
            SELECT * FROM fields WHERE (project_id = ? OR project_id IS NULL) AND object_type = ? AND is_active
            ORDER BY project_id IS NULL, sort_order, id
            """, arguments: [projectId, kind.rawValue])
    }

    /// The properties of an object. `overrides` replace stored values (used for values kept in
    /// their own column, such as a test run's Status).
    public static func read(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ objectId: Int64,
                            overrides: [Int64: String] = [:]) throws -> [PropertyValue] {
        try read(db, projectId: projectId, fieldKind: kind, valueKind: kind, objectId: objectId, overrides: overrides)
    }

    /// The properties of an object whose fields are defined on `fieldKind` but whose values are
    /// stored under `valueKind` (test cases: fields of `test-cases`, values per `test-case-versions`).
    public static func read(_ db: Database, projectId: Int64, fieldKind: ObjectKind, valueKind: ObjectKind, objectId: Int64,
                            overrides: [Int64: String] = [:]) throws -> [PropertyValue] {
        try read(db, fields: try fieldInfo(db, projectId: projectId, fieldKind), valueKind: valueKind, objectId: objectId, overrides: overrides)
    }

    /// ``read(_:projectId:fieldKind:valueKind:objectId:overrides:)`` with the fields read already
    /// (a caller that also needs one of them reads them once).
    static func read(_ db: Database, fields: [FieldInfo], valueKind: ObjectKind, objectId: Int64,
                     overrides: [Int64: String] = [:]) throws -> [PropertyValue] {
        guard !fields.isEmpty else { return [] }
        var stored = [Int64: String]()
        let values = try db.cachedStatement(sql: "SELECT field_id, value FROM field_values WHERE object_type = ? AND object_id = ?")
        for row in try Row.fetchAll(values, arguments: [valueKind.rawValue, objectId]) { stored[row[0]] = row[1] }
        return try fields.map { field in
            let value = overrides[field.id] ?? stored[field.id] ?? ""
            return PropertyValue(fieldId: field.id, fieldName: field.label, value: value, valueName: try valueName(db, field, value))
        }
    }

    /// What reading properties needs of a field. Read with a cached statement and no Codable
    /// decoding: properties are on every execution object a client reads.
    struct FieldInfo: Sendable {
        var id: Int64
        var label: String
        var constrained: Bool
        var isUser: Bool
    }

    /// The active fields of `kind` in `projectId`, as ``fields(_:projectId:_:)`` orders them.
    /// Inside a read, from the ``ReadCache`` while no write has happened since.
    static func fieldInfo(_ db: Database, projectId: Int64, _ kind: ObjectKind) throws -> [FieldInfo] {
        guard let scope = ReadCache.current else { return try readFieldInfo(db, projectId: projectId, kind) }
        return try scope.cache.fieldInfo(projectId: projectId, kind, at: scope.generation) {
            try readFieldInfo(db, projectId: projectId, kind)
        }
    }

    private static func readFieldInfo(_ db: Database, projectId: Int64, _ kind: ObjectKind) throws -> [FieldInfo] {
        let statement = try db.cachedStatement(sql: """
            SELECT id, label, constrained, attribute_type FROM fields WHERE (project_id = ? OR project_id IS NULL) AND object_type = ? AND is_active
            ORDER BY project_id IS NULL, sort_order, id
            """)
        return try Row.fetchAll(statement, arguments: [projectId, kind.rawValue]).map { row in
            let type: String = row[3]
            return FieldInfo(id: row[0], label: row[1], constrained: row[2], isUser: type.lowercased().hasPrefix("user"))
        }
    }

    /// The id of the field of `kind` labelled `label` (case-insensitive), if any.
    static func fieldID(_ db: Database, projectId: Int64, _ kind: ObjectKind, label: String) throws -> Int64? {
        fieldID(in: try fieldInfo(db, projectId: projectId, kind), label: label)
    }

    /// The id of the field in `fields` labelled `label` (case-insensitive), if any. Compared
    /// lowercased in Swift: `caseInsensitiveCompare` bridges every label through NSString.
    static func fieldID(in fields: [FieldInfo], label: String) -> Int64? {
        let wanted = label.lowercased()
        return fields.first { $0.label.lowercased() == wanted }?.id
    }

    /// Sets the given properties; unknown fields (or fields of another object type or project)
    /// and values outside a lookup's allowed values are a 400 and change nothing.
    public static func write(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ objectId: Int64, _ inputs: [PropertyInput]) throws {
        try apply(db, projectId: projectId, fieldKind: kind, valueKind: kind, objectId: objectId, inputs)
    }

    /// ``write(_:projectId:_:_:_:)`` for objects whose fields are defined on `fieldKind` but whose
    /// values are stored under `valueKind`.
    public static func apply(_ db: Database, projectId: Int64, fieldKind: ObjectKind, valueKind: ObjectKind, objectId: Int64,
                             _ inputs: [PropertyInput]) throws {
        guard !inputs.isEmpty else { return }
        try apply(db, fields: try fieldsByID(db, projectId: projectId, fieldKind), fieldKind: fieldKind, valueKind: valueKind,
                  objectId: objectId, inputs)
    }

    /// `text.trimmingCharacters(in: .whitespaces)`, without Foundation's character-set walk for
    /// the usual text that neither starts nor ends with a character of the set. The set is looked
    /// up rather than described: besides the Unicode space separators and the tab, Foundation's
    /// holds U+200B.
    static func trimmingSpaces(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              spaces.contains(first) || spaces.contains(last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static let spaces = CharacterSet.whitespaces

    /// The active fields of `kind` by id, for ``apply(_:fields:fieldKind:valueKind:objectId:_:)``.
    static func fieldsByID(_ db: Database, projectId: Int64, _ kind: ObjectKind) throws -> [Int64: FieldRecord] {
        Dictionary(try fields(db, projectId: projectId, kind).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// ``apply(_:projectId:fieldKind:valueKind:objectId:_:)`` with the fields looked up once,
    /// for a writer that sets the properties of many objects (an upload).
    static func apply(_ db: Database, fields: [Int64: FieldRecord], fieldKind: ObjectKind, valueKind: ObjectKind, objectId: Int64,
                      _ inputs: [PropertyInput]) throws {
        for input in inputs {
            guard let field = fields[input.fieldId] else {
                throw StoreError.badRequest("Field \(input.fieldId) does not exist for \(fieldKind.rawValue)")
            }
            let value = input.value.map(Self.trimmingSpaces)
            guard let value, !value.isEmpty else {
                try Fields.setKnownValue(db, valueKind, objectId, fieldId: field.id, nil)
                continue
            }
            try FieldValueRules.check(db, field, value)
            try Fields.setKnownValue(db, valueKind, objectId, fieldId: field.id, value)
        }
    }

    /// Sets the properties of a new object, then gives every active field without a value its
    /// default (`default_value`, or a lookup's `is_default` values). `heldElsewhere` names
    /// fields whose value lives in a column of the record (a run's Status).
    public static func create(_ db: Database, projectId: Int64, fieldKind: ObjectKind, valueKind: ObjectKind, objectId: Int64,
                              _ inputs: [PropertyInput], heldElsewhere: Set<Int64> = []) throws {
        try apply(db, projectId: projectId, fieldKind: fieldKind, valueKind: valueKind, objectId: objectId, inputs)
        let sent = Set(inputs.map(\.fieldId))
        for (field, value) in try defaultValues(db, projectId: projectId, fieldKind, excluding: heldElsewhere) where !sent.contains(field) {
            try Fields.setValue(db, valueKind, objectId, fieldId: field, value)
        }
    }

    /// The default of every active field of `kind` that has one (see ``FieldValueRules``), for
    /// creates and for uploads that insert objects in bulk.
    public static func defaultValues(_ db: Database, projectId: Int64, _ kind: ObjectKind, excluding: Set<Int64> = []) throws -> [(field: Int64, value: String)] {
        try fields(db, projectId: projectId, kind).compactMap { field in
            guard !excluding.contains(field.id), let value = try FieldValueRules.defaultValue(db, field) else { return nil }
            return (field.id, value)
        }
    }

    /// `inputs` without the ones naming no active field of `kind`: automation uploads ignore
    /// unknown field ids (the notes, §6), where the API routes refuse them.
    public static func known(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ inputs: [PropertyInput]) throws -> [PropertyInput] {
        guard !inputs.isEmpty else { return inputs }
        let ids = Set(try fieldInfo(db, projectId: projectId, kind).map(\.id))
        return inputs.filter { ids.contains($0.fieldId) }
    }

    /// ``create(_:projectId:fieldKind:valueKind:objectId:_:heldElsewhere:)`` for objects whose
    /// values are stored under their own kind.
    public static func create(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ objectId: Int64, _ inputs: [PropertyInput],
                              heldElsewhere: Set<Int64> = []) throws {
        try create(db, projectId: projectId, fieldKind: kind, valueKind: kind, objectId: objectId, inputs, heldElsewhere: heldElsewhere)
    }

    /// A 400 naming the first active required field the object has no value for. Called by
    /// the API's create routes after the create, in its transaction (so the create is undone);
    /// automation uploads do not require fields, as in qTest.
    public static func requireValues(_ db: Database, projectId: Int64, fieldKind: ObjectKind, valueKind: ObjectKind, objectId: Int64,
                                     heldElsewhere: Set<Int64> = []) throws {
        let required = try fields(db, projectId: projectId, fieldKind).filter { $0.required && !heldElsewhere.contains($0.id) }
        guard !required.isEmpty else { return }
        let stored = Set(try Int64.fetchAll(db, sql: "SELECT field_id FROM field_values WHERE object_type = ? AND object_id = ? AND value != ''",
                                            arguments: [valueKind.rawValue, objectId]))
        if let missing = required.first(where: { !stored.contains($0.id) }) {
            throw StoreError.badRequest("Field '\(missing.label)' (id \(missing.id)) is required for \(fieldKind.rawValue)")
        }
    }

    /// The field of `kind` in `projectId` labelled `label` (case-insensitive), if any.
    public static func field(_ db: Database, projectId: Int64, _ kind: ObjectKind, label: String) throws -> FieldRecord? {
        let wanted = label.lowercased()
        return try fields(db, projectId: projectId, kind).first { $0.label.lowercased() == wanted }
    }

    /// Copies every stored field value of one object to another of the same kind (new versions).
    public static func copy(_ db: Database, _ kind: ObjectKind, from source: Int64, to target: Int64) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO field_values (object_type, object_id, field_id, value)
            SELECT object_type, ?, field_id, value FROM field_values WHERE object_type = ? AND object_id = ?
            """, arguments: [target, kind.rawValue, source])
    }

    /// Deletes the field values, comments, attachments and links of the given objects.
    public static func purge(_ db: Database, _ kind: ObjectKind, ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let list = chunk.map(String.init).joined(separator: ",")
            try db.execute(sql: "DELETE FROM field_values WHERE object_type = ? AND object_id IN (\(list))", arguments: [kind.rawValue])
            try db.execute(sql: "DELETE FROM comments WHERE object_type = ? AND object_id IN (\(list))", arguments: [kind.rawValue])
            try db.execute(sql: "DELETE FROM attachments WHERE object_type = ? AND object_id IN (\(list))", arguments: [kind.rawValue])
            try db.execute(sql: "DELETE FROM object_links WHERE (source_type = ? AND source_id IN (\(list))) OR (target_type = ? AND target_id IN (\(list)))",
                           arguments: [kind.rawValue, kind.rawValue])
        }
    }

    // MARK: Values

    static func valueName(_ db: Database, _ field: FieldInfo, _ value: String) throws -> String? {
        guard field.constrained || field.isUser else { return nil }
        guard !value.isEmpty else { return "" }
        let names: [String] = try parts(value).map { part in
            guard let n = Int64(part) else { return part }
            if field.isUser {
                let user = try Row.fetchOne(try db.cachedStatement(sql: "SELECT first_name, last_name, username FROM users WHERE id = ?"), arguments: [n])
                guard let user else { return part }
                let full = [user[0] as String, user[1] as String].filter { !$0.isEmpty }.joined(separator: " ")
                return full.isEmpty ? user[2] : full
            }
            let label = try String.fetchOne(try db.cachedStatement(sql: "SELECT label FROM field_allowed_values WHERE field_id = ? AND value = ?"),
                                            arguments: [field.id, n])
            return label ?? part
        }
        return value.hasPrefix("[") ? "[" + names.joined(separator: ", ") + "]" : names.joined(separator: ", ")
    }

    static func parts(_ value: String) -> [String] {
        var text = Substring(value)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        return text.split(separator: ",").map { trimmingSpaces(String($0)) }.filter { !$0.isEmpty }
    }
}
