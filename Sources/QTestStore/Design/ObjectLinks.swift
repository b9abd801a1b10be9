import Foundation
import GRDB

/// An artifact at one end of a link: its kind, id and PID (test logs and steps have none).
public struct LinkedObject: Sendable, Equatable, Hashable {
    public var kind: ObjectKind
    public var id: Int64
    public var pid: String?

    public init(kind: ObjectKind, id: Int64, pid: String?) {
        self.kind = kind; self.id = id; self.pid = pid
    }
}

/// Links between artifacts of one project (requirement ↔ test case, test run/log ↔ defect …).
/// A link is stored once, in the direction it was made, and read from both ends; linking
/// twice is a no-op. Every end must exist in the same project, else nothing changes (400).
///
/// ```swift
/// try ObjectLinks.link(db, projectId: p, .requirement, req.id, to: .testCase, [tc.id], at: now)
/// try ObjectLinks.linkedIDs(db, .testCase, tc.id, of: .requirement)  // [req.id]
/// ```
public enum ObjectLinks {
    /// Kinds that can be linked (the `type` values the API accepts).
    public static let linkableKinds: [ObjectKind] = [.release, .build, .requirement, .testCase, .testRun, .testLog, .testStep, .defect]

    /// The linkable kind for a path segment or `type` value (`test-cases`, `defects` …).
    public static func kind(_ name: String) -> ObjectKind? {
        guard let kind = ObjectKind(pathSegment: name), linkableKinds.contains(kind) else { return nil }
        return kind
    }

    /// The artifact `kind`/`id` in `projectId`, or nil when it does not exist there.
    public static func find(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ id: Int64) throws -> LinkedObject? {
        let sql: String
        switch kind {
        case .testLog: sql = "SELECT NULL AS pid FROM test_logs WHERE id = ? AND project_id = ?"
        case .testStep:
            sql = """
                SELECT NULL AS pid FROM test_steps s JOIN test_case_versions v ON v.id = s.test_case_version_id
                JOIN test_cases c ON c.id = v.test_case_id WHERE s.id = ? AND c.project_id = ?
                """
        default:
            guard let table = table(kind) else { return nil }
            sql = "SELECT pid FROM \(table) WHERE id = ? AND project_id = ?"
        }
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [id, projectId]) else { return nil }
        return LinkedObject(kind: kind, id: id, pid: row["pid"])
    }

    /// Like ``find(_:projectId:_:_:)`` but 404 "… does not exist" when missing.
    public static func get(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ id: Int64) throws -> LinkedObject {
        guard let o = try find(db, projectId: projectId, kind, id) else { throw StoreError.notFound("\(name(kind)) \(id) does not exist") }
        return o
    }

    /// The artifact of `kind` whose PID is `pid` (any letter case) in `projectId`, or nil.
    public static func find(_ db: Database, projectId: Int64, _ kind: ObjectKind, pid: String) throws -> LinkedObject? {
        guard let prefix = kind.pidPrefix, let n = PIDs.parse(pid, kind), let table = table(kind) else { return nil }
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE project_id = ? AND pid = ?",
                                          arguments: [projectId, prefix + String(n)]) else { return nil }
        return LinkedObject(kind: kind, id: id, pid: prefix + String(n))
    }

    /// Links `source` to each of `targetIDs` of `targetKind`. Every target must exist in the
    /// project (400 naming the first that does not); already-linked pairs are left alone.
    public static func link(_ db: Database, projectId: Int64, _ sourceKind: ObjectKind, _ sourceId: Int64, to targetKind: ObjectKind,
                            _ targetIDs: [Int64], at now: Date) throws {
        _ = try get(db, projectId: projectId, sourceKind, sourceId)
        for id in targetIDs {
            guard try find(db, projectId: projectId, targetKind, id) != nil else {
                throw StoreError.badRequest("\(name(targetKind)) \(id) does not exist in project \(projectId)")
            }
            if sourceKind == targetKind, id == sourceId { throw StoreError.badRequest("An object cannot be linked to itself") }
        }
        let existing = Set(try linkedIDs(db, sourceKind, sourceId, of: targetKind))
        for id in Set(targetIDs).subtracting(existing).sorted() {
            try db.execute(sql: """
                INSERT INTO object_links (id, project_id, source_type, source_id, target_type, target_id, link_type, created_date)
                VALUES (?, ?, ?, ?, ?, ?, '', ?)
                """, arguments: [try IDs.next(db, .link), projectId, sourceKind.rawValue, sourceId, targetKind.rawValue, id, now])
        }
    }

    /// Removes the links between `source` and each of `targetIDs`, whichever way they were made.
    /// Ids that are not linked are ignored.
    public static func unlink(_ db: Database, projectId: Int64, _ sourceKind: ObjectKind, _ sourceId: Int64, from targetKind: ObjectKind,
                              _ targetIDs: [Int64]) throws {
        _ = try get(db, projectId: projectId, sourceKind, sourceId)
        for id in targetIDs {
            try db.execute(sql: """
                DELETE FROM object_links WHERE (source_type = ? AND source_id = ? AND target_type = ? AND target_id = ?)
                OR (source_type = ? AND source_id = ? AND target_type = ? AND target_id = ?)
                """, arguments: [sourceKind.rawValue, sourceId, targetKind.rawValue, id, targetKind.rawValue, id, sourceKind.rawValue, sourceId])
        }
    }

    /// Ids of the `targetKind` artifacts linked to `kind`/`id`, ascending.
    public static func linkedIDs(_ db: Database, _ kind: ObjectKind, _ id: Int64, of targetKind: ObjectKind) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT target_id FROM object_links WHERE source_type = ? AND source_id = ? AND target_type = ?
            UNION SELECT source_id FROM object_links WHERE target_type = ? AND target_id = ? AND source_type = ?
            ORDER BY 1
            """, arguments: [kind.rawValue, id, targetKind.rawValue, kind.rawValue, id, targetKind.rawValue])
    }

    /// The linked artifacts of `targetKind`, resolved (links to vanished objects are skipped).
    public static func linked(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ id: Int64, of targetKind: ObjectKind) throws -> [LinkedObject] {
        try linkedIDs(db, kind, id, of: targetKind).compactMap { try find(db, projectId: projectId, targetKind, $0) }
    }

    /// The relation as qTest names it, seen from `kind` towards `other`.
    public static func linkType(from kind: ObjectKind, to other: ObjectKind) -> String {
        switch (kind, other) {
        case (.requirement, .testCase): "is covered by"
        case (.testCase, .requirement): "covers"
        case (_, .defect): "is associated with"
        case (.defect, _): "is associated with"
        default: "is related to"
        }
    }

    static func table(_ kind: ObjectKind) -> String? {
        switch kind {
        case .release: "releases"
        case .build: "builds"
        case .requirement: "requirements"
        case .testCase: "test_cases"
        case .testRun: "test_runs"
        case .defect: "defects"
        default: nil
        }
    }

    static func name(_ kind: ObjectKind) -> String {
        switch kind {
        case .release: "Release"
        case .build: "Build"
        case .requirement: "Requirement"
        case .testCase: "Test Case"
        case .testRun: "Test Run"
        case .testLog: "Test Log"
        case .testStep: "Test Step"
        case .defect: "Defect"
        default: kind.rawValue
        }
    }
}
