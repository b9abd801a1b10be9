import Foundation
import GRDB

/// How the bulk path writes (see ``AutomationImport/importBulk(_:caseModules:locations:)``):
/// multi-row inserts, with histories per statement through a ``HistoryBatch`` when one can be
/// made, and the plan's own checks.
extension AutomationImport {
    /// One `field_values` row per object and value.
    func insertValues(_ values: [(field: Int64, value: String)], kind: ObjectKind, objects: [Int64], batch: HistoryBatch?) throws {
        guard !values.isEmpty, !objects.isEmpty else { return }
        var rows: [[(any DatabaseValueConvertible)?]] = []
        rows.reserveCapacity(values.count * objects.count)
        for object in objects { for value in values { rows.append([kind.rawValue, object, value.field, value.value]) } }
        try insert(batch, into: "field_values", columns: ["object_type", "object_id", "field_id", "value"], rows)
    }

    /// The tables the bulk path inserts into.
    static let bulkTables = ["test_cases", "test_case_versions", "test_steps", "field_values", "test_runs", "test_logs", "test_step_logs"]

    /// A ``HistoryBatch`` for the bulk tables, nil when their histories must come from their
    /// triggers (another kind of trigger is installed, or a test asks for the triggers).
    func historyBatch() throws -> HistoryBatch? {
        batchesHistories ? try HistoryBatch(db, tables: Self.bulkTables) : nil
    }

    /// `body` with the triggers off when a batch writes the histories, else as it is.
    func withoutTriggers(_ batch: HistoryBatch?, _ body: () throws -> Void) throws {
        if let batch { try batch.withTriggersOff(body) } else { try body() }
    }

    /// Multi-row inserts, their histories through `batch` when there is one.
    func insert(_ batch: HistoryBatch?, into table: String, columns: [String], _ rows: [[(any DatabaseValueConvertible)?]]) throws {
        if let batch { try batch.insert(into: table, columns: columns, rows) } else { try BulkInsert.rows(db, into: table, columns: columns, rows) }
    }

    /// A value the plan has already made; its absence is a bug in the plan, answered as an
    /// internal error for this upload instead of a trap that would end the process.
    func known<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw StoreError.internalError("bulk upload plan lost a \(what)") }
        return value
    }

    func orderedUniqueParents(_ places: [ExecutionParent]) -> [ExecutionParent] {
        var seen = Set<ExecutionParent>()
        return places.filter { seen.insert($0).inserted }
    }
}
