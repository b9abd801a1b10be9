import Foundation
import GRDB
import Testing
@testable import QTestStore

/// Results with run properties, version ids, step attachments and case properties take the bulk
/// path too; it must write what the per-result path writes for them, row for row.
@Suite struct AutomationRichBulkImportTests {
    typealias Plain = AutomationBulkImportTests
    static let t0 = Plain.t0

    /// A result with a run property (two for every third one, one a Status), and a step attachment
    /// on every fourth.
    static func rich(_ n: Int, steps: Int, version: Int64? = nil) -> AutomationResult {
        var result = Plain.result(n, status: n % 2 == 0 ? "PASS" : "FAIL", steps: steps, attachment: n % 5 == 0)
        result.properties = [PropertyInput(fieldId: 608924, value: "sha-\(n)")]
        if n % 3 == 0 {
            result.properties.append(PropertyInput(fieldId: 608922, value: "output \(n)"))
            result.properties.append(PropertyInput(fieldId: 608917, value: n % 6 == 0 ? "603" : ""))
        }
        // Unknown fields are ignored by uploads.
        if n % 7 == 0 { result.properties.append(PropertyInput(fieldId: 99_999_999, value: "ignored")) }
        if n % 4 == 0 && steps > 0 {
            result.steps[0].attachments = [AutomationAttachment(name: "shot\(n).png", contentType: "image/png", data: Data([0x89, 0x50, UInt8(n % 256)]))]
        }
        result.testCaseVersionId = version
        return result
    }

    /// A first suite of plain results, then the same tests again (properties, attachments, and
    /// each naming its case's version), then a suite of new cases created with case properties.
    static func apply(bulk: Bool, batchesHistories: Bool = true) throws -> QTestDatabase {
        let store = try QTestDatabase(clock: FixedClock(t0))
        try store.write { db in _ = try Seeder.load(try SeedFixture.decode(Data(DemoSeed.json.utf8)), into: db, at: t0) }
        func upload(_ results: [AutomationResult], suite: String) throws {
            try store.write { db in
                let importer = AutomationImport(db, projectId: 108781, userId: 10001, at: t0)
                importer.allowsBulk = bulk
                importer.batchesHistories = batchesHistories
                let existing = try TestSuites.list(db, projectId: 108781, under: .root).first { $0.name == suite }
                _ = try importer.importIntoSuite(existing.map { .existing(suiteId: $0.id) } ?? .new(name: suite, under: .root),
                                                 parentModuleId: nil, skipAutomationModule: false, results)
            }
        }
        try upload((0..<24).map { Plain.result($0, status: "PASS", steps: $0 % 4) }, suite: "Plain")
        let versions = try store.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT c.automation_content, v.id FROM test_cases c JOIN test_case_versions v ON v.test_case_id = c.id
                WHERE c.automation_content LIKE 'pkg.Class#%'
                """).map { (($0[0] as String), ($0[1] as Int64)) })
        }
        try upload((0..<24).map { rich($0, steps: $0 % 4, version: $0 % 2 == 0 ? versions["pkg.Class#test\($0)"] : nil) }, suite: "Rich")
        try upload((0..<24).map { rich($0, steps: $0 % 4) } + [rich(5, steps: 1)], suite: "Plain")
        var created = (100..<112).map { rich($0, steps: 2) }
        for i in created.indices where i % 2 == 0 {
            created[i].testCaseProperties = [PropertyInput(fieldId: 608942, value: "726"), PropertyInput(fieldId: 99_999_999, value: "x")]
        }
        try upload(created, suite: "New")
        try upload((200..<210).map { rich($0, steps: 1 + $0 % 3) }, suite: "New")
        return store
    }

    static let snapshots: [String] = Plain.snapshots + [
        // Run fields (defaults and what uploads set), by run.
        "SELECT r.pid, v.field_id, v.value FROM field_values v JOIN test_runs r ON r.id = v.object_id WHERE v.object_type = 'test-runs' ORDER BY r.pid, v.field_id",
        // Case fields, by case and version.
        "SELECT c.pid, cv.major, cv.minor, v.field_id, v.value FROM field_values v JOIN test_case_versions cv ON cv.id = v.object_id JOIN test_cases c ON c.id = cv.test_case_id WHERE v.object_type = 'test-case-versions' ORDER BY c.pid, cv.major, cv.minor, v.field_id",
        // Which version each log names.
        "SELECT r.pid, l.result_number, cv.major, cv.minor FROM test_logs l JOIN test_runs r ON r.id = l.test_run_id JOIN test_case_versions cv ON cv.id = l.test_case_version_id ORDER BY r.pid, l.result_number",
        // Step attachments, by step log.
        "SELECT r.pid, l.result_number, sl.sort_order, a.name, a.content_type, b.bytes FROM attachments a JOIN attachment_blobs b ON b.attachment_id = a.id JOIN test_step_logs sl ON sl.id = a.object_id AND a.object_type = 'test-step-logs' JOIN test_logs l ON l.id = sl.test_log_id JOIN test_runs r ON r.id = l.test_run_id ORDER BY r.pid, l.result_number, sl.sort_order",
    ]

    @Test func bulkAndPerResultPathsWriteTheSameRichRows() throws {
        let bulk = try Self.apply(bulk: true)
        let single = try Self.apply(bulk: false)
        for sql in Self.snapshots {
            let a = try Plain.rows(bulk, sql), b = try Plain.rows(single, sql)
            #expect(!a.isEmpty, "no rows for \(sql)")
            #expect(a == b, "\(sql)\nbulk:   \(a.prefix(3))\nsingle: \(b.prefix(3))")
        }
        // The uploads did set what they sent: a Status property is the run's status.
        let statuses = try Plain.rows(bulk, "SELECT r.status_id FROM test_runs r JOIN test_suites s ON s.id = r.test_suite_id WHERE s.name = 'Rich' ORDER BY r.pid")
        #expect(statuses.prefix(7).map { $0[0] } == ["603", "602", "601", "602", "601", "602", "603"])
        #expect(try Plain.rows(bulk, "SELECT COUNT(*) FROM attachments WHERE object_type = 'test-step-logs'") != [["0"]])
    }

    /// With the history triggers off and their statements run per insert instead, every row of
    /// every table (histories, ids and all) is what the triggers give.
    @Test func batchedHistoriesAreTheTriggersHistories() throws {
        let batched = try Self.apply(bulk: true, batchesHistories: true)
        let triggered = try Self.apply(bulk: true, batchesHistories: false)
        // (Users have random password salts, agents a JSON text in no fixed key order: seeding, not uploads.)
        let tables = try batched.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('users', 'sqlite_sequence', 'automation_agents') ORDER BY name")
        }
        #expect(tables.contains("histories"))
        for table in tables {
            let sql = "SELECT * FROM \"\(table)\" ORDER BY rowid"
            let a = try Plain.rows(batched, sql), b = try Plain.rows(triggered, sql)
            let firstDifference = zip(a, b).first { $0.0 != $0.1 }.map { "\($0.0) vs \($0.1)" } ?? "none in the common rows"
            #expect(a == b, "\(table): \(a.count) vs \(b.count) rows; first difference \(firstDifference)")
        }
        #expect(try Plain.rows(batched, "SELECT COUNT(*) FROM histories").first.flatMap { Int($0[0]) } ?? 0 > 500)
    }

    @Test func aHistoryTriggerBecomesOneStatement() throws {
        let store = try QTestDatabase()
        let sql = try store.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'history_field_values_insert'") }
        let trigger = try #require(sql)
        let statement = try #require(HistoryBatch.setStatement(trigger, table: "field_values"))
        #expect(statement.hasPrefix("INSERT INTO histories (project_id, object_type, object_id, author_id, description, changes, created, write_id) SELECT "))
        #expect(!statement.contains("NEW.") && statement.contains("FROM history_context ctx, field_values new_row WHERE new_row.rowid > ?1 AND (new_row.object_type IN ("))
        #expect(statement.hasSuffix("ORDER BY new_row.rowid"))
        // The schema's own triggers on every table an upload writes can be batched: if one could
        // not, uploads would quietly go back to the triggers (the rows are the same, only slower).
        let batch = try store.write { db in try HistoryBatch(db, tables: AutomationImport.bulkTables) }
        #expect(batch != nil, "a history trigger of the bulk tables is of a shape HistoryBatch does not read")
        // A trigger of another shape is not rewritten.
        #expect(HistoryBatch.setStatement("CREATE TRIGGER x AFTER INSERT ON t BEGIN\n    UPDATE t SET a = 1; DELETE FROM u;\nEND", table: "t") == nil)
    }

    @Test func anotherKindOfTriggerKeepsTheTriggersOn() throws {
        let store = try QTestDatabase()
        try store.write { db in
            #expect(try HistoryBatch(db, tables: ["test_logs"]) != nil)
            try db.execute(sql: "CREATE TRIGGER outbox_test_logs AFTER INSERT ON test_logs BEGIN SELECT 1; END")
            #expect(try HistoryBatch(db, tables: ["test_logs"]) == nil)
        }
    }

    @Test func aVersionOfAnotherCaseIsRefusedAsThePerResultPathRefusesIt() throws {
        for bulk in [true, false] {
            let store = try QTestDatabase(clock: FixedClock(Self.t0))
            try store.write { db in _ = try Seeder.load(try SeedFixture.decode(Data(DemoSeed.json.utf8)), into: db, at: Self.t0) }
            let upload = { (results: [AutomationResult]) in
                try store.write { db in
                    let importer = AutomationImport(db, projectId: 108781, userId: 10001, at: Self.t0)
                    importer.allowsBulk = bulk
                    _ = try importer.importIntoSuite(.new(name: "S", under: .root), parentModuleId: nil, skipAutomationModule: false, results)
                }
            }
            try upload([Plain.result(1, status: "PASS", steps: 1), Plain.result(2, status: "PASS", steps: 1)])
            let other = try store.read { db in
                try Int64.fetchOne(db, sql: "SELECT v.id FROM test_case_versions v JOIN test_cases c ON c.id = v.test_case_id WHERE c.automation_content = 'pkg.Class#test2'")
            }
            var wrong = Plain.result(1, status: "PASS", steps: 1)
            wrong.testCaseVersionId = other
            #expect(throws: StoreError.self) { try upload([wrong]) }
            var fresh = Plain.result(3, status: "PASS", steps: 1)
            fresh.testCaseVersionId = other
            #expect(throws: StoreError.badRequest("test_logs[0]: test_case_version_id must be omitted for a test case that does not exist yet")) {
                try upload([fresh])
            }
        }
    }
}
