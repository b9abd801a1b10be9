import Foundation
import GRDB

/// Writes the state of a database as a ``SeedFixture`` (`GET /__emulator/export`,
/// `qtest-emulator export`), so that loading the fixture into an empty database and exporting
/// again gives the same document, byte for byte.
///
/// That fixes the shape of the output: every id and PID is explicit; lists come in a stable
/// order (ids, or tree order with parents before children, siblings in their stored order, which
/// the loader reproduces by appending); sections are ordered as the loader needs them; dates
/// are UTC with milliseconds when they have any. What the seed format cannot hold (creation
/// dates and creators of artifacts, histories, issued access tokens, webhook deliveries,
/// schedules) is not exported; see `seed-data/README.md`.
///
/// ```swift
/// let data = try store.read { db in try SeedExporter.json(db) }
/// ```
public enum SeedExporter {
    /// The fixture of everything in `db`.
    public static func export(_ db: Database) throws -> SeedFixture {
        var fixture = SeedFixture()
        fixture.version = 1
        let values = try StoredValues(db)
        try IdentityExporter.export(db, into: &fixture)
        fixture.siteFields = nonEmpty(try FieldExporter.fields(db, projectId: nil))
        let projects = try ProjectRecord.allByID(db)
        fixture.projects = nonEmpty(try projects.map { try ProjectExporter.project(db, $0, values: values) })
        fixture.webhooks = nonEmpty(try Webhooks.list(db).map(webhook))
        return fixture
    }

    /// The fixture as the stable JSON text the export routes answer with.
    public static func encode(_ fixture: SeedFixture) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(fixture)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// ``export(_:)`` then ``encode(_:)``.
    public static func json(_ db: Database) throws -> Data {
        try encode(try export(db))
    }

    /// `2026-01-05T10:00:00+00:00`, or `2026-01-05T10:00:00.250+00:00` when the stored date
    /// has milliseconds (the store keeps them; ``QTestDate/parse(_:)`` reads both).
    static func date(_ date: Date) -> String {
        let totalMs = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = totalMs / 1000
        var ms = totalMs % 1000
        if ms < 0 { ms += 1000; seconds -= 1 }
        let text = QTestDate.format(Date(timeIntervalSince1970: TimeInterval(seconds)))
        guard ms != 0 else { return text }
        let fraction = String(ms + 1000).dropFirst()
        return text.dropLast(6) + "." + fraction + text.suffix(6)
    }

    static func date(_ date: Date?) -> String? { date.map { Self.date($0) } }

    /// A webhook as registered; "every project" is project 0, as a registration says it.
    static func webhook(_ hook: Webhook) -> SeedWebhook {
        let r = hook.record
        return SeedWebhook(id: r.id, name: r.name, url: r.url, events: r.eventNames, secretKey: r.secretKey, responseType: r.responseType,
                           projectIds: (r.allProjects ? [0] : []) + hook.projectIds, ownerId: r.ownerId)
    }

    /// nil for an empty list, so empty sections are left out of the document.
    static func nonEmpty<T>(_ list: [T]) -> [T]? { list.isEmpty ? nil : list }
}

/// Every stored field value, by the kind and id of the object it belongs to, read once per
/// export: exporting an object's properties then costs no query.
struct StoredValues {
    private var values: [String: [Int64: [Int64: String]]] = [:]

    init(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT object_type, object_id, field_id, value FROM field_values")
        while let row = try rows.next() {
            values[row[0], default: [:]][row[1], default: [:]][row[2]] = row[3]
        }
    }

    func of(_ kind: ObjectKind, _ id: Int64) -> [Int64: String] { values[kind.rawValue]?[id] ?? [:] }
}
