import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The bulk path of a suite upload must write exactly what the per-result path writes. The
/// same uploads go through both on two databases; every row is compared by its PIDs, orders
/// and values (ids may differ: the bulk path allocates them in blocks).
@Suite struct AutomationBulkImportTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    static func result(_ n: Int, status: String, steps: Int, modules: [String] = [], attachment: Bool = false) -> AutomationResult {
        AutomationResult(
            name: "test \(n % 7 == 0 ? "" : "name \(n)")", status: status, automationContent: "pkg.Class#test\(n)", moduleNames: modules,
            exeStartDate: t0.addingTimeInterval(Double(n)), exeEndDate: t0.addingTimeInterval(Double(n) + 1.5), note: n % 3 == 0 ? "note \(n)" : nil,
            buildNumber: "42", buildUrl: n % 2 == 0 ? "http://ci/42" : nil,
            steps: (0..<steps).map { s in AutomationStepResult(description: "step \(s) of \(n)", expected: "ok \(s)", actual: s == 1 ? "bad" : nil,
                                                                status: s == 1 ? "FAIL" : "passed", order: steps > 2 ? s : nil) },
            attachments: attachment ? [AutomationAttachment(name: "log\(n).txt", contentType: "text/plain", data: Data("x\(n)".utf8))] : [])
    }

    static var firstUpload: [AutomationResult] {
        (0..<40).map { n in result(n, status: ["PASS", "FAILED", "skip", "Blocked"][n % 4], steps: n % 4, modules: n % 5 == 0 ? ["Web", "Login"] : [],
                                   attachment: n % 9 == 0) }
            + [result(3, status: "FAILED", steps: 3)]  // the same test twice: one run, two logs
    }

    static var secondUpload: [AutomationResult] {
        (30..<60).map { n in result(n, status: n % 2 == 0 ? "PASSED" : "FAIL", steps: 2) }
    }

    /// Runs the three uploads (a first suite, a second suite reusing some cases, then the first
    /// suite again) with the bulk path on or off.
    static func apply(bulk: Bool) throws -> QTestDatabase {
        let store = try QTestDatabase(clock: FixedClock(t0))
        try store.write { db in
            _ = try Seeder.load(try SeedFixture.decode(Data(DemoSeed.json.utf8)), into: db, at: t0)
        }
        for (upload, target, skip) in [(firstUpload, "A", false), (secondUpload, "B", true), (firstUpload + secondUpload, "A", false)] {
            try store.write { db in
                let importer = AutomationImport(db, projectId: 108781, userId: 10001, at: t0)
                importer.allowsBulk = bulk
                let existing = try TestSuites.list(db, projectId: 108781, under: .root).first { $0.name == "Suite \(target)" }
                _ = try importer.importIntoSuite(existing.map { .existing(suiteId: $0.id) } ?? .new(name: "Suite \(target)", under: .root),
                                                 parentModuleId: nil, skipAutomationModule: skip, upload)
            }
        }
        return store
    }

    static let snapshots: [String] = [
        "SELECT c.pid, m.pid, m.name, c.sort_order, c.automation_content, c.creator_id, c.created_date FROM test_cases c JOIN modules m ON m.id = c.module_id ORDER BY c.pid",
        "SELECT c.pid, v.major, v.minor, v.name, v.description, v.precondition, v.is_approved FROM test_case_versions v JOIN test_cases c ON c.id = v.test_case_id ORDER BY c.pid, v.major, v.minor",
        "SELECT c.pid, s.sort_order, s.description, s.expected, s.step_group, s.plain_value_text FROM test_steps s JOIN test_case_versions v ON v.id = s.test_case_version_id JOIN test_cases c ON c.id = v.test_case_id ORDER BY c.pid, s.sort_order",
        "SELECT r.pid, r.name, r.parent_type, s.name, cy.pid, c.pid, r.status_id, r.sort_order, r.automation, r.creator_id, r.last_modified_date FROM test_runs r JOIN test_cases c ON c.id = r.test_case_id LEFT JOIN test_suites s ON s.id = r.test_suite_id LEFT JOIN test_cycles cy ON cy.id = r.test_cycle_id ORDER BY r.pid",
        "SELECT c.pid, c.name, c.parent_type, p.pid, c.sort_order FROM test_cycles c LEFT JOIN test_cycles p ON p.id = c.parent_cycle_id ORDER BY c.pid",
        "SELECT m.pid, m.name, p.pid, m.sort_order FROM modules m LEFT JOIN modules p ON p.id = m.parent_id ORDER BY m.pid",
        "SELECT r.pid, l.result_number, l.status_id, l.name, l.note, l.exe_start_date, l.exe_end_date, l.build_number, l.build_url, l.automation_content, l.tester_id, l.test_case_version_id = r.test_case_version_id FROM test_logs l JOIN test_runs r ON r.id = l.test_run_id ORDER BY r.pid, l.result_number",
        "SELECT r.pid, l.result_number, sl.sort_order, sl.status_id, sl.description, sl.expected_result, sl.actual_result, sl.step_group, sl.exe_date, sl.user_id, ts.sort_order FROM test_step_logs sl JOIN test_logs l ON l.id = sl.test_log_id JOIN test_runs r ON r.id = l.test_run_id LEFT JOIN test_steps ts ON ts.id = sl.test_step_id ORDER BY r.pid, l.result_number, sl.sort_order, sl.description",
        "SELECT r.pid, l.result_number, a.name, a.content_type, b.bytes FROM attachments a JOIN attachment_blobs b ON b.attachment_id = a.id JOIN test_logs l ON l.id = a.object_id AND a.object_type = 'test-logs' JOIN test_runs r ON r.id = l.test_run_id ORDER BY r.pid, l.result_number",
        "SELECT object_type, next_value FROM pid_sequences WHERE project_id = 108781 ORDER BY object_type",
    ]

    /// Tree uploads: into the root (no folders), and under a cycle with nested folders, twice.
    static func applyTree(bulk: Bool) throws -> QTestDatabase {
        let store = try QTestDatabase(clock: FixedClock(t0))
        try store.write { db in
            _ = try Seeder.load(try SeedFixture.decode(Data(DemoSeed.json.utf8)), into: db, at: t0)
        }
        let nightly = try store.write { db in
            try TestCycles.create(db, projectId: 108781, under: .root, ContainerDraft(name: "Nightly"), by: 10001, at: t0)
        }
        let foldered = (0..<30).map { n in result(n, status: n % 3 == 0 ? "FAIL" : "PASS", steps: n % 3,
                                                  modules: n % 2 == 0 ? ["Checkout", "Payments"] : ["Checkout"]) }
        let flat = (100..<110).map { n in result(n, status: "PASSED", steps: 1) }
        for (upload, root) in [(flat, ExecutionParent.root), (foldered, ExecutionParent(type: .testCycle, id: nightly.id)),
                               (foldered + flat, ExecutionParent(type: .testCycle, id: nightly.id))] {
            try store.write { db in
                let importer = AutomationImport(db, projectId: 108781, userId: 10001, at: t0)
                importer.allowsBulk = bulk
                _ = try importer.importTree(under: root, upload)
            }
        }
        return store
    }

    @Test func bulkAndPerResultTreeUploadsWriteTheSameRows() throws {
        let bulk = try Self.applyTree(bulk: true)
        let single = try Self.applyTree(bulk: false)
        for sql in Self.snapshots {
            let a = try Self.rows(bulk, sql), b = try Self.rows(single, sql)
            #expect(a == b, "\(sql)\nbulk:   \(a.prefix(3))\nsingle: \(b.prefix(3))")
        }
        #expect(try Self.rows(bulk, "SELECT 1 FROM test_runs WHERE parent_type = 'root'").count == 10)
    }

    static func rows(_ store: QTestDatabase, _ sql: String) throws -> [[String]] {
        try store.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { $0.description } }
        }
    }

    @Test func bulkAndPerResultPathsWriteTheSameRows() throws {
        let bulk = try Self.apply(bulk: true)
        let single = try Self.apply(bulk: false)
        for sql in Self.snapshots {
            let a = try Self.rows(bulk, sql), b = try Self.rows(single, sql)
            #expect(!a.isEmpty || sql.contains("attachments"), "no rows for \(sql)")
            #expect(a == b, "\(sql)\nbulk:   \(a.prefix(3))\nsingle: \(b.prefix(3))")
        }
    }

    @Test func bulkRefusesWhatThePerResultPathRefuses() throws {
        let store = try QTestDatabase(clock: FixedClock(Self.t0))
        try store.write { db in _ = try Seeder.load(try SeedFixture.decode(Data(DemoSeed.json.utf8)), into: db, at: Self.t0) }
        var backwards = Self.result(1, status: "PASS", steps: 1)
        backwards.exeEndDate = backwards.exeStartDate.addingTimeInterval(-5)
        for bad in [[Self.result(1, status: "SOMETIMES", steps: 0)], [backwards]] {
            #expect(throws: StoreError.self) {
                try store.write { db in
                    _ = try AutomationImport(db, projectId: 108781, userId: 10001, at: Self.t0)
                        .importIntoSuite(.new(name: "X", under: .root), parentModuleId: nil, skipAutomationModule: false, bad)
                }
            }
        }
        #expect(try store.read { db in try TestSuites.list(db, projectId: 108781, under: .root).contains { $0.name == "X" } } == false)
    }
}
