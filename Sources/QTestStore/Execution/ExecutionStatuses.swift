import Foundation
import GRDB

/// Resolving the statuses a log is submitted with.
///
/// Manual logs name a status by id (`{"id": 601}`); automation logs by a string that tools
/// spell in many ways (`PASS`, `PASSED`, `passed`, `SKIP` …), matched case-insensitively.
///
/// ```swift
/// try ExecutionStatuses.resolve(db, projectId: 108781, automation: "PASS").id // 601
/// ```
public enum ExecutionStatuses {
    /// The status usable in `projectId` with `id`; 400 when the project does not know it.
    public static func resolve(_ db: Database, projectId: Int64, id: Int64) throws -> ExecutionStatusRecord {
        // One cached single-row query (it runs for every log and step log): the project's own
        // statuses when it has any, else the site set, as `Fields.executionStatuses` defines.
        guard let status = try db.cachedRecord(ExecutionStatusRecord.self, sql: """
            SELECT * FROM execution_statuses WHERE id = ?1 AND (project_id = ?2 OR (project_id IS NULL
                AND NOT EXISTS (SELECT 1 FROM execution_statuses WHERE project_id = ?2)))
            """, arguments: [id, projectId]) else {
            throw StoreError.badRequest("Status \(id) is not an execution status of this project")
        }
        return status
    }

    /// The status an automation tool's string stands for: the status of that name, else the
    /// usual aliases (PASS → Passed, FAIL → Failed, SKIP/SKIPPED → Skipped if the project has
    /// it, else Incomplete; BLOCK → Blocked; NOT RUN → Unexecuted). Jenkins' own JUnit report
    /// names a step FIXED (passing again) or REGRESSION (failing again); the Jenkins plugin
    /// sends those as step statuses, read as Passed and Failed. Unknown strings are a 400.
    public static func resolve(_ db: Database, projectId: Int64, automation text: String) throws -> ExecutionStatusRecord {
        let statuses = try Fields.executionStatuses(db, projectId: projectId)
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        func named(_ name: String) -> ExecutionStatusRecord? { statuses.first { $0.name.lowercased() == name } }
        if let exact = named(key) { return exact }
        let candidates: [String] = switch key.replacingOccurrences(of: "_", with: " ") {
        case "pass", "passed", "ok", "success", "fixed": ["passed"]
        case "fail", "failed", "failure", "error", "broken", "regression": ["failed"]
        case "skip", "skipped", "ignored", "pending": ["skipped", "incomplete"]
        case "block", "blocked": ["blocked"]
        case "incomplete", "in progress": ["incomplete"]
        case "not run", "notrun", "not executed", "unexecuted", "no run": ["unexecuted"]
        default: []
        }
        for name in candidates { if let s = named(name) { return s } }
        throw StoreError.badRequest("Invalid status '\(text)'. Valid values: \(statuses.map(\.name).joined(separator: ", "))")
    }

    /// The project's default status for new runs (605 Unexecuted in the default set).
    public static func defaultStatus(_ db: Database, projectId: Int64) throws -> ExecutionStatusRecord? {
        // Cached single-row query: every new run asks for it.
        try db.cachedRecord(ExecutionStatusRecord.self, sql: """
            SELECT * FROM execution_statuses
            WHERE (project_id = ?1 OR (project_id IS NULL AND NOT EXISTS (SELECT 1 FROM execution_statuses WHERE project_id = ?1)))
              AND (is_default OR lower(name) = 'unexecuted')
            ORDER BY is_default DESC, sort_order, id LIMIT 1
            """, arguments: [projectId])
    }

    /// The status with `id` (any project), read with a cached statement; nil when unknown.
    public static func find(_ db: Database, _ id: Int64) throws -> ExecutionStatusRecord? {
        let statement = try db.cachedStatement(sql: "SELECT id, project_id, name, color, is_default, active, sort_order FROM execution_statuses WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map {
            ExecutionStatusRecord(id: $0[0], projectId: $0[1], name: $0[2], color: $0[3], isDefault: $0[4], active: $0[5], sortOrder: $0[6])
        }
    }

    /// The username of `userId` (a log's tester), or nil.
    public static func username(_ db: Database, _ userId: Int64) throws -> String? {
        try String.fetchOne(try db.cachedStatement(sql: "SELECT username FROM users WHERE id = ?"), arguments: [userId])
    }
}
