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
        guard let status = try Fields.executionStatuses(db, projectId: projectId).first(where: { $0.id == id }) else {
            throw StoreError.badRequest("Status \(id) is not an execution status of this project")
        }
        return status
    }

    /// The status an automation tool's string stands for: the status of that name, else the
    /// usual aliases (PASS → Passed, FAIL → Failed, SKIP/SKIPPED → Skipped if the project has
    /// it, else Incomplete; BLOCK → Blocked; NOT RUN → Unexecuted). Unknown strings are a 400.
    public static func resolve(_ db: Database, projectId: Int64, automation text: String) throws -> ExecutionStatusRecord {
        let statuses = try Fields.executionStatuses(db, projectId: projectId)
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        func named(_ name: String) -> ExecutionStatusRecord? { statuses.first { $0.name.lowercased() == name } }
        if let exact = named(key) { return exact }
        let candidates: [String] = switch key.replacingOccurrences(of: "_", with: " ") {
        case "pass", "passed", "ok", "success": ["passed"]
        case "fail", "failed", "failure", "error", "broken": ["failed"]
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
        let all = try Fields.executionStatuses(db, projectId: projectId)
        return all.first(where: \.isDefault) ?? all.first { $0.name.lowercased() == "unexecuted" }
    }
}
