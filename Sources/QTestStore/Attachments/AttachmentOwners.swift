import Foundation
import GRDB

/// The objects that can carry attachments, and the check that one exists in a project.
///
/// The kinds are the `objectType` values of qTest's AttachmentApi: releases, builds,
/// requirements, test cases, test logs, test steps, test step logs and defects. Test runs,
/// cycles, suites and modules take none (their attachments live on their logs or cases).
///
/// ```swift
/// AttachmentOwners.kind("test-logs")      // .testLog
/// AttachmentOwners.kind("release")        // .release (the spec's singular spelling)
/// AttachmentOwners.kind("test-runs")      // nil: a 400 at the API
/// try AttachmentOwners.requireExisting(db, projectId: 108781, .testLog, 86000001)
/// ```
public enum AttachmentOwners {
    /// Kinds that take attachments, in the order qTest documents them.
    public static let kinds: [ObjectKind] = [.release, .build, .requirement, .testCase, .testLog, .testStep, .testStepLog, .defect]

    /// The owner kind a path segment or `type` value names (`test-cases`, `release`, …), or nil.
    public static func kind(_ name: String) -> ObjectKind? {
        guard let kind = ObjectKind(pathSegment: name), kinds.contains(kind) else { return nil }
        return kind
    }

    /// The valid values, for 400 messages.
    public static var names: String { kinds.map(\.rawValue).joined(separator: ", ") }

    /// Whether object `kind`/`id` exists in `projectId` (one of another project does not).
    public static func exists(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ id: Int64) throws -> Bool {
        switch kind {
        case .testStepLog:
            // Step logs have no project column: their log has.
            return try Bool.fetchOne(db, sql: """
                SELECT 1 FROM test_step_logs s JOIN test_logs l ON l.id = s.test_log_id WHERE s.id = ? AND l.project_id = ?
                """, arguments: [id, projectId]) ?? false
        default:
            return try ObjectLinks.find(db, projectId: projectId, kind, id) != nil
        }
    }

    /// Like ``exists(_:projectId:_:_:)`` but 404 "… does not exist" when missing.
    public static func requireExisting(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ id: Int64) throws {
        guard try exists(db, projectId: projectId, kind, id) else { throw StoreError.notFound("\(name(kind)) \(id) does not exist") }
    }

    /// The owner's name as qTest messages write it (`Test Step Log`).
    static func name(_ kind: ObjectKind) -> String {
        kind == .testStepLog ? "Test Step Log" : ObjectLinks.name(kind)
    }
}
