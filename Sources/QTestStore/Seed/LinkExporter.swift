import Foundation
import GRDB

/// Links between artifacts. Requirement ↔ test case and test run ↔ defect links are exported
/// on their requirement and defect (the original format's keys); every other link goes to the
/// project's `links`. A link reads the same from both ends, so each is exported once, in the
/// direction the loader makes it.
enum LinkExporter {
    /// Kinds whose links to each other have a key of their own.
    static let dedicated: [(ObjectKind, ObjectKind)] = [(.requirement, .testCase), (.defect, .testRun)]

    /// Ids of `other` objects linked to `kind`/`id`, in either direction, sorted.
    static func linked(_ db: Database, _ kind: ObjectKind, _ id: Int64, _ other: ObjectKind) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT target_id FROM object_links WHERE source_type = ? AND source_id = ? AND target_type = ?
            UNION SELECT source_id FROM object_links WHERE target_type = ? AND target_id = ? AND source_type = ?
            ORDER BY 1
            """, arguments: [kind.rawValue, id, other.rawValue, kind.rawValue, id, other.rawValue])
    }

    /// The project's other links, in a stable order.
    static func others(_ db: Database, projectId: Int64) throws -> [SeedLink] {
        try Row.fetchAll(db, sql: """
            SELECT source_type, source_id, target_type, target_id FROM object_links WHERE project_id = ?
            ORDER BY source_type, source_id, target_type, target_id
            """, arguments: [projectId]).compactMap { row in
            let link = SeedLink(sourceType: row[0], sourceId: row[1], targetType: row[2], targetId: row[3])
            let isDedicated = dedicated.contains { a, b in
                (link.sourceType == a.rawValue && link.targetType == b.rawValue) || (link.sourceType == b.rawValue && link.targetType == a.rawValue)
            }
            return isDedicated ? nil : link
        }
    }
}
