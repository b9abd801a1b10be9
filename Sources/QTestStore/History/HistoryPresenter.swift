import Foundation
import GRDB

/// Turns the rows the history triggers recorded into a ``HistoryEntry``: one change per field
/// (the value before the first change and after the last), labelled as the web app labels
/// them, with names for statuses and lookup values and qTest's date format.
struct HistoryPresenter {
    let db: Database
    let projectId: Int64
    let type: SearchObjectType

    /// The labels of recorded columns.
    static let labels: [String: String] = [
        "name": "Name", "description": "Description", "note": "Note", "precondition": "Precondition", "version": "Version",
        "start_date": "Start Date", "end_date": "End Date", "release_id": "Release", "parent_type": "Parent Type",
        "parent_cycle_id": "Parent Test Cycle", "target_release_id": "Target Release", "target_build_id": "Target Build",
        "test_cycle_id": "Test Cycle", "test_suite_id": "Test Suite", "status_id": "Status", "test_case_version_id": "Test Case Version",
        "automation": "Automation", "exe_start_date": "Execution Start Date", "exe_end_date": "Execution End Date",
        "build_number": "Build Number", "build_url": "Build URL", "planned_exe_time": "Planned Execution Time",
        "actual_exe_time": "Actual Execution Time", "module_id": "Module", "automation_content": "Automation Content",
    ]
    static let dateColumns: Set<String> = ["start_date", "end_date", "exe_start_date", "exe_end_date"]

    /// `records`: `id, author_id, description, changes, created` rows of one object and write, in order.
    func entry(objectId: Int64, _ records: [Row]) throws -> HistoryEntry {
        let actions = Set(records.compactMap { HistoryEntry.Action(rawValue: $0[2] as String) })
        let action: HistoryEntry.Action = actions.contains(.created) ? .created : actions.contains(.deleted) ? .deleted : .updated
        var changes: [HistoryChangeValue] = []
        if action == .updated {
            // Per field, in first-change order: the first old value and the last new one.
            var order: [String] = []
            var values: [String: (old: String?, new: String?)] = [:]
            for record in records {
                let text: String = record[3]
                let items = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
                for change in items {
                    guard let field = change["field"] as? String else { continue }
                    if values[field] == nil { order.append(field); values[field] = (Self.text(change["old_value"]), nil) }
                    values[field]?.new = Self.text(change["new_value"])
                }
            }
            changes = try order.compactMap { field in
                guard let (old, new) = values[field], old != new else { return nil }
                return try present(field, old, new)
            }
        }
        let first = records.first
        let created: String = first?[4] ?? ""
        return HistoryEntry(id: first?[0] ?? 0, objectKind: type.objectKind.rawValue, objectId: objectId, authorId: first?[1],
                            created: Self.storageDate(created) ?? Date(timeIntervalSince1970: 0), action: action, changes: changes)
    }

    private func present(_ field: String, _ old: String?, _ new: String?) throws -> HistoryChangeValue {
        if field.hasPrefix("field:"), let id = Int64(field.dropFirst(6)) {
            let info = try Row.fetchOne(db, sql: "SELECT label, constrained FROM fields WHERE id = ?", arguments: [id])
            let label: String = info?[0] ?? field
            let constrained: Bool = info?[1] ?? false
            func shown(_ v: String?) throws -> String {
                guard let v, constrained, let n = Int64(v) else { return v ?? "" }
                return try String.fetchOne(db, sql: "SELECT label FROM field_allowed_values WHERE field_id = ? AND value = ?", arguments: [id, n]) ?? v
            }
            return HistoryChangeValue(field: label, oldValue: try shown(old), newValue: try shown(new))
        }
        func shown(_ v: String?) throws -> String {
            guard let v else { return "" }
            if Self.dateColumns.contains(field), let date = Self.storageDate(v) { return QTestDate.format(date) }
            if field == "status_id", let n = Int64(v) {
                return try String.fetchOne(db, sql: "SELECT name FROM execution_statuses WHERE id = ?", arguments: [n]) ?? v
            }
            return v
        }
        return HistoryChangeValue(field: Self.labels[field] ?? field, oldValue: try shown(old), newValue: try shown(new))
    }

    /// A recorded value as text: strings as they are, numbers written out, null as nil.
    static func text(_ value: Any?) -> String? {
        switch value {
        case let s as String: s
        case let n as NSNumber: n.stringValue
        default: nil
        }
    }

    /// A storage date (`yyyy-MM-dd HH:mm:ss.SSS`, UTC).
    static func storageDate(_ text: String) -> Date? { QTestDate.parse(text) }
}
