import Foundation
import GRDB

/// Reads a criterion's literals as its field's type, in one project: numbers, ids or PIDs,
/// ISO dates, and names of statuses, allowed values and users (resolved to their ids here, so
/// the SQL compares ids). A literal of the wrong type is a 400 at the literal's position.
///
/// ```swift
/// let reader = SearchValueReader(db: db, projectId: 108781)
/// try reader.operand(for: statusField, .equals, .single(SearchLiteral("Passed", quoted: true, at: 10)))  // .ids([601])
/// ```
struct SearchValueReader {
    let db: Database
    let projectId: Int64

    /// A day in seconds: `in` on a date covers the value and the 23h59m59s after it.
    static let day: TimeInterval = 86_400

    func operand(for field: SearchField, _ op: SearchOperator, _ value: SearchValue) throws -> SearchOperand {
        let literals = value.literals
        if op == .isNotEmpty { return .none }
        if case .targetReleaseOrBuild = field.source { return try targets(literals, field) }
        switch field.type {
        case .integer:
            if isOrdering(op) { return .bound(try integer(single(literals), field).databaseValue, op) }
            return .ids(try literals.map { try integer($0, field) })
        case let .reference(kind):
            let ids = try literals.map { try reference($0, kind, field) }
            if isOrdering(op) { return .bound((ids.first ?? 0).databaseValue, op) }
            return .ids(ids)
        case .text:
            if op == .contains { return .fragment(single(literals).text) }
            if isOrdering(op) { return .bound(single(literals).text.databaseValue, op) }
            return .texts(literals.map(\.text))
        case .date:
            return try date(literals, op, field)
        case .number:
            let numbers = try literals.map { literal -> Double in
                guard let n = Double(literal.text.trimmingCharacters(in: .whitespaces)), n.isFinite else {
                    throw SearchQueryError("'\(field.label)' needs a number, not '\(literal.text)'", at: literal.position)
                }
                return n
            }
            if isOrdering(op) { return .bound((numbers.first ?? 0).databaseValue, op) }
            return .numbers(numbers)
        case .status:
            let statuses = try Row.fetchAll(db, sql: """
                SELECT id, name FROM execution_statuses WHERE project_id = ?1
                   OR (project_id IS NULL AND NOT EXISTS (SELECT 1 FROM execution_statuses WHERE project_id = ?1))
                ORDER BY sort_order, id
                """, arguments: [projectId]).map { (id: $0[0] as Int64, label: $0[1] as String) }
            return .ids(try named(literals, op, field, statuses, what: "an execution status"))
        case let .lookup(fieldId):
            let values = try Row.fetchAll(db, sql: "SELECT value, label FROM field_allowed_values WHERE field_id = ? ORDER BY sort_order, value",
                                          arguments: [fieldId]).map { (id: $0[0] as Int64, label: $0[1] as String) }
            return .ids(try named(literals, op, field, values, what: "a value"))
        case .user:
            return .ids(try users(literals, op, field))
        }
    }

    private func isOrdering(_ op: SearchOperator) -> Bool {
        op == .less || op == .lessOrEqual || op == .greater || op == .greaterOrEqual
    }

    /// The one literal of a single value (the parser gives lists only to `in`).
    private func single(_ literals: [SearchLiteral]) -> SearchLiteral {
        literals.first ?? SearchLiteral("", quoted: true, at: 1)
    }

    private func integer(_ literal: SearchLiteral, _ field: SearchField) throws -> Int64 {
        guard let n = Int64(literal.text.trimmingCharacters(in: .whitespaces)) else {
            throw SearchQueryError("'\(field.label)' needs a whole number, not '\(literal.text)'", at: literal.position)
        }
        return n
    }

    /// An id, or a PID of `kind` in the project. A PID that names nothing matches nothing.
    private func reference(_ literal: SearchLiteral, _ kind: ObjectKind, _ field: SearchField) throws -> Int64 {
        let text = literal.text.trimmingCharacters(in: .whitespaces)
        if let id = Int64(text) { return id }
        guard let number = PIDs.parse(text, kind), let prefix = kind.pidPrefix, let table = ArtifactReferences.tables[kind] else {
            let example = kind.pidPrefix.map { " or a PID such as \($0)1" } ?? ""
            throw SearchQueryError("'\(field.label)' needs an id\(example), not '\(literal.text)'", at: literal.position)
        }
        return try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE pid = ? AND project_id = ?",
                                  arguments: [prefix + String(number), projectId]) ?? -1
    }

    /// Dates: `=` is that second (a date alone: that day), `in` the day from each value on,
    /// and a date alone in `<` … `>=` stands for the whole day.
    private func date(_ literals: [SearchLiteral], _ op: SearchOperator, _ field: SearchField) throws -> SearchOperand {
        let dates = try literals.map { literal -> (Date, Bool) in
            let text = literal.text.trimmingCharacters(in: .whitespaces)
            guard let date = QTestDate.parse(text) else {
                throw SearchQueryError("'\(field.label)' needs an ISO date such as 2021-05-07T03:15:37.652Z, not '\(literal.text)'",
                                       at: literal.position)
            }
            return (date, text.count == 10)
        }
        if isOrdering(op) {
            guard let (date, dayOnly) = dates.first else { return .none }
            let next = date.addingTimeInterval(Self.day)
            switch op {
            case .lessOrEqual where dayOnly: return .bound(StorageDate.text(next).databaseValue, .less)
            case .greater where dayOnly: return .bound(StorageDate.text(next).databaseValue, .greaterOrEqual)
            default: return .bound(StorageDate.text(date).databaseValue, op)
            }
        }
        return .windows(dates.map { date, dayOnly in
            let start = dayOnly || op == .in ? date : Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
            let length = dayOnly || op == .in ? Self.day : 1
            return (StorageDate.text(start), StorageDate.text(start.addingTimeInterval(length)))
        })
    }

    /// Statuses and allowed values by id or label (any case); `~` takes every label that
    /// contains the text. An unknown label is a 400 that lists the known ones.
    private func named(_ literals: [SearchLiteral], _ op: SearchOperator, _ field: SearchField,
                       _ known: [(id: Int64, label: String)], what: String) throws -> [Int64] {
        if op == .contains {
            let text = single(literals).text.lowercased()
            return known.filter { $0.label.lowercased().contains(text) }.map(\.id)
        }
        return try literals.map { literal in
            let text = literal.text.trimmingCharacters(in: .whitespaces)
            if let id = Int64(text) { return id }
            if let match = known.first(where: { $0.label.caseInsensitiveCompare(text) == .orderedSame }) { return match.id }
            let labels = known.prefix(12).map { "'\($0.label)'" }.joined(separator: ", ")
            throw SearchQueryError("'\(literal.text)' is not \(what) of '\(field.label)' (\(labels.isEmpty ? "it has none" : labels))",
                                   at: literal.position)
        }
    }

    /// Users by id, username, e-mail or "First Last"; `~` takes every user whose username or
    /// name contains the text.
    private func users(_ literals: [SearchLiteral], _ op: SearchOperator, _ field: SearchField) throws -> [Int64] {
        if op == .contains {
            let pattern = "%" + SearchValueReader.likeEscaped(single(literals).text) + "%"
            return try Int64.fetchAll(db, sql: """
                SELECT id FROM users WHERE username LIKE ?1 ESCAPE '\\' OR (first_name || ' ' || last_name) LIKE ?1 ESCAPE '\\' ORDER BY id
                """, arguments: [pattern])
        }
        return try literals.flatMap { literal -> [Int64] in
            let text = literal.text.trimmingCharacters(in: .whitespaces)
            if let id = Int64(text) { return [id] }
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM users WHERE username = ?1 COLLATE NOCASE OR email = ?1 COLLATE NOCASE
                   OR (first_name || ' ' || last_name) = ?1 COLLATE NOCASE ORDER BY id
                """, arguments: [text])
            guard !ids.isEmpty else {
                throw SearchQueryError("'\(field.label)' needs a user id, username or name, not '\(literal.text)'", at: literal.position)
            }
            return ids
        }
    }

    /// Target Release/Build: negative numbers are releases (the vendor's rule), positive ones
    /// builds, and `RL-`/`BL-` PIDs say which themselves.
    private func targets(_ literals: [SearchLiteral], _ field: SearchField) throws -> SearchOperand {
        var releases: [Int64] = [], builds: [Int64] = []
        for literal in literals {
            let text = literal.text.trimmingCharacters(in: .whitespaces)
            if let n = Int64(text) {
                if n < 0 { releases.append(0 &- n) } else { builds.append(n) }
            } else if PIDs.parse(text, .release) != nil {
                releases.append(try reference(literal, .release, field))
            } else if PIDs.parse(text, .build) != nil {
                builds.append(try reference(literal, .build, field))
            } else {
                throw SearchQueryError("'\(literal.text)' is not a release (a negative id or RL-…) or a build (an id or BL-…)",
                                       at: literal.position)
            }
        }
        return .targets(releases: releases, builds: builds)
    }

    /// `text` with LIKE's wildcards (and the escape character) escaped by a backslash.
    static func likeEscaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
