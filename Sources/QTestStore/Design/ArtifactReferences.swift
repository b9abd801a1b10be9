import Foundation
import GRDB

/// Resolves the references clients send as "an id or a PID" (`"123"`, `123`, `"CL-3"`,
/// `"cl-3"`) to an object id in one project.
///
/// ```swift
/// try ArtifactReferences.resolve(db, projectId: 108781, .testCycle, "CL-3")  // → 1200003
/// ```
public enum ArtifactReferences {
    /// The tables of the kinds that have PIDs.
    static let tables: [ObjectKind: String] = [
        .release: "releases", .build: "builds", .testCycle: "test_cycles", .testSuite: "test_suites",
        .testRun: "test_runs", .testCase: "test_cases", .module: "modules", .requirement: "requirements", .defect: "defects",
    ]

    /// The id of the `kind` object that `reference` names in `projectId`. Throws `notFound`
    /// (naming the reference) when nothing matches and `badRequest` when the text is neither
    /// an id nor a PID of that kind.
    public static func resolve(_ db: Database, projectId: Int64, _ kind: ObjectKind, _ reference: String) throws -> Int64 {
        guard let table = tables[kind] else { throw StoreError.badRequest("\(kind.rawValue) have no PIDs") }
        let text = ObjectProperties.trimmingSpaces(reference)
        // Only errors name the kind ("test case"): not worth building on every lookup.
        var label: String { String(kind.rawValue.replacingOccurrences(of: "-", with: " ").dropLast()) }
        let found: Int64?
        if let id = Int64(text) {
            found = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM \(table) WHERE id = ? AND project_id = ?"), arguments: [id, projectId])
        } else if let number = PIDs.parse(text, kind), let prefix = kind.pidPrefix {
            found = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM \(table) WHERE pid = ? AND project_id = ?"),
                                       arguments: [prefix + String(number), projectId])
        } else {
            throw StoreError.badRequest("'\(reference)' is not an id or PID of a \(label)")
        }
        guard let found else { throw StoreError.notFound("\(label.prefix(1).uppercased() + label.dropFirst()) \(reference) does not exist") }
        return found
    }
}
