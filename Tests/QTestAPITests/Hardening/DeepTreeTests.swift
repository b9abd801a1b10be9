import Foundation
import GRDB
import Testing
import QTestStore
@testable import QTestAPI
import TestSupport

/// Deep module and test-cycle trees over HTTP: trees far deeper than ``TreeLimits/maxDepth``
/// (written straight into the database, as an old `--db` file may hold them) are read by every
/// tree reader and force-deleted, with the server alive afterwards; creates, moves and uploads
/// past the limit are 400s that write nothing.
@Suite struct DeepTreeTests {
    static let base = "/api/v3/projects/108781"
    static let limit = TreeLimits.maxDepth

    /// `count` rows chained by their parent column, ids from `firstID`, bypassing the limit.
    static func insertChain(_ h: EmulatorHarness, modules: Bool, count: Int, firstID: Int64, releaseId: Int64? = nil) throws {
        let sql = modules ? """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1)
            INSERT INTO modules (id, project_id, pid, name, parent_id, sort_order, shared, created_date, last_modified_date)
            SELECT ?2 + i, 108781, 'MD-CHAIN-' || (?2 + i), 'level ' || (i + 1), CASE WHEN i > 0 THEN ?2 + i - 1 END, 1, 0,
                   '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000' FROM n
            """ : """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1)
            INSERT INTO test_cycles (id, project_id, pid, name, parent_type, release_id, parent_cycle_id, sort_order, created_date, last_modified_date)
            SELECT ?2 + i, 108781, 'CL-CHAIN-' || (?2 + i), 'level ' || (i + 1),
                   CASE WHEN i > 0 THEN 'test-cycle' WHEN ?3 IS NULL THEN 'root' ELSE 'release' END,
                   CASE WHEN i = 0 THEN ?3 END, CASE WHEN i > 0 THEN ?2 + i - 1 END, 1,
                   '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000' FROM n
            """
        let arguments: StatementArguments = modules ? [count, firstID] : [count, firstID, releaseId]
        try h.app.context.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    /// Follows the first child under `key` down from `node`, without recursion; returns the
    /// number of levels and the deepest node.
    static func descend(_ node: [String: Any], key: String) -> (levels: Int, deepest: [String: Any]) {
        var levels = 1
        var current = node
        while let next = (current[key] as? [[String: Any]])?.first {
            levels += 1
            current = next
        }
        return (levels, current)
    }

    static func count(_ h: EmulatorHarness, _ sql: String) throws -> Int {
        try h.app.context.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    @Test func deepOldTreesAnswerEveryReaderAndForceDelete() throws {
        let h = try EmulatorHarness(.router)
        // 20,000 modules with a test case at the bottom; 20,000 root cycles with a run at the
        // bottom; 2,000 cycles under a release.
        try Self.insertChain(h, modules: true, count: 20_000, firstID: 90_000_001)
        try Self.insertChain(h, modules: false, count: 20_000, firstID: 91_000_001)
        let release = try h.post(Self.base + "/releases", json: ["name": "Deep release"])
        let releaseID = try #require(release.object["id"] as? Int, "\(release)")
        try Self.insertChain(h, modules: false, count: 2_000, firstID: 92_000_001, releaseId: Int64(releaseID))
        let testCase = try h.post(Self.base + "/test-cases", json: ["name": "deep case", "parent_id": 90_020_000])
        #expect(testCase.status == 200 || testCase.status == 201, "\(testCase)")
        let caseID = try #require(testCase.object["id"] as? Int)
        let run = try h.post(Self.base + "/test-runs?parentId=91020000&parentType=test-cycle", json: ["name": "deep run", "test_case": ["id": caseID]])
        #expect(run.status == 200 || run.status == 201, "\(run)")

        // Module readers: nesting stops after maxDepth levels; reading on from the last one works.
        let modules = try h.get(Self.base + "/modules?expand=descendants")
        #expect(modules.status == 200)
        let top = try #require(modules.array.first { $0["id"] as? Int == 90_000_001 })
        #expect(Self.descend(top, key: "children").levels == Self.limit)
        let one = try h.get(Self.base + "/modules/90000001?expand=descendants")
        #expect(one.status == 200)
        let (levels, deepest) = Self.descend(one.object, key: "children")
        #expect(levels == Self.limit)
        #expect(deepest["id"] as? Int == 90_000_000 + Self.limit)
        #expect((deepest["children"] as? [Any])?.isEmpty == true)
        let further = try h.get(Self.base + "/modules/\(90_000_000 + Self.limit)?expand=descendants")
        #expect(Self.descend(further.object, key: "children").deepest["id"] as? Int == 90_000_000 + 2 * Self.limit - 1)

        // Cycle readers.
        let cycles = try h.get(Self.base + "/test-cycles?expand=descendants")
        #expect(cycles.status == 200)
        let rootCycle = try #require(cycles.array.first { $0["id"] as? Int == 91_000_001 })
        #expect(Self.descend(rootCycle, key: "test-cycles").levels == Self.limit)
        let cycle = try h.get(Self.base + "/test-cycles/91000001?expand=descendants")
        #expect(cycle.status == 200)
        #expect(Self.descend(cycle.object, key: "test-cycles").levels == Self.limit)
        let underRelease = try h.get(Self.base + "/test-cycles?parentId=\(releaseID)&parentType=release&expand=descendants")
        #expect(underRelease.status == 200)
        #expect(Self.descend(try #require(underRelease.array.first), key: "test-cycles").levels == Self.limit)
        let tree = try h.get(Self.base + "/test-runs/subhierarchy")
        #expect(tree.status == 200, "\(tree.status)")
        let rootNode = try #require((tree.object["children"] as? [[String: Any]])?.first { $0["id"] as? Int == 91_000_001 })
        #expect(Self.descend(rootNode, key: "children").levels == Self.limit)
        #expect(try h.get(Self.base + "/test-runs/subhierarchy?parentId=\(releaseID)&parentType=release").status == 200)
        #expect(try h.get(Self.base + "/test-runs/subhierarchy?parentId=91000001&parentType=test-cycle").status == 200)
        let runs = try h.get(Self.base + "/test-runs?parentId=91000001&parentType=test-cycle&expand=descendants")
        #expect(runs.status == 200, "\(runs)")

        // Force-deletes take the whole chains, and what hangs at their bottom.
        let deletedModules = try h.delete(Self.base + "/modules/90000001?force=true")
        #expect(deletedModules.status == 200, "\(deletedModules)")
        #expect(try h.get(Self.base + "/modules/90020000").status == 404)
        #expect(try h.get(Self.base + "/test-cases/\(caseID)").status == 404)
        let deletedCycles = try h.delete(Self.base + "/test-cycles/91000001?force=true")
        #expect(deletedCycles.status == 200, "\(deletedCycles)")
        #expect(try h.get(Self.base + "/test-cycles/91020000").status == 404)
        let deletedRelease = try h.delete(Self.base + "/releases/\(releaseID)?force=true")
        #expect(deletedRelease.status == 200, "\(deletedRelease)")
        #expect(try Self.count(h, "SELECT COUNT(*) FROM test_cycles WHERE id >= 91000001") == 0)
        #expect(try Self.count(h, "SELECT COUNT(*) FROM modules WHERE id >= 90000001") == 0)

        // And the server is still there.
        #expect(try h.get("/api/v3/projects").status == 200)
    }

    @Test func createsAndMovesPastTheLimitAre400AndWriteNothing() throws {
        let h = try EmulatorHarness(.router)
        try Self.insertChain(h, modules: true, count: Self.limit, firstID: 93_000_001)
        try Self.insertChain(h, modules: false, count: Self.limit, firstID: 94_000_001)
        let deepestModule = 93_000_000 + Self.limit
        let deepestCycle = 94_000_000 + Self.limit
        let modulesBefore = try Self.count(h, "SELECT COUNT(*) FROM modules")
        let cyclesBefore = try Self.count(h, "SELECT COUNT(*) FROM test_cycles")

        for response in [
            try h.post(Self.base + "/modules", json: ["name": "too deep", "parent_id": deepestModule]),
            try h.post(Self.base + "/modules?parentId=\(deepestModule)", json: ["name": "too deep"]),
            try h.post(Self.base + "/test-cycles?parentId=\(deepestCycle)&parentType=test-cycle", json: ["name": "too deep"]),
        ] {
            #expect(response.status == 400, "\(response)")
            #expect((response.object["message"] as? String)?.contains("cannot be nested more than \(Self.limit) levels deep") == true, "\(response)")
        }
        // One level higher still fits.
        #expect(try h.post(Self.base + "/modules", json: ["name": "fits", "parent_id": deepestModule - 1]).status == 201)
        #expect(try h.post(Self.base + "/test-cycles?parentId=\(deepestCycle - 1)&parentType=test-cycle", json: ["name": "fits"]).status == 200)

        // Moves: a root module / cycle under the deepest one.
        let module = try #require(try h.post(Self.base + "/modules", json: ["name": "mover"]).object["id"] as? Int)
        let cycle = try #require(try h.post(Self.base + "/test-cycles", json: ["name": "mover"]).object["id"] as? Int)
        for response in [
            try h.put(Self.base + "/modules/\(module)?parentId=\(deepestModule)", json: [:]),
            try h.put(Self.base + "/modules/\(module)", json: ["parent_id": deepestModule]),
            try h.put(Self.base + "/test-cycles/\(cycle)?parentId=\(deepestCycle)&parentType=test-cycle", json: [:]),
        ] {
            #expect(response.status == 400, "\(response)")
            #expect((response.object["message"] as? String)?.contains("cannot be nested more than \(Self.limit) levels deep") == true, "\(response)")
        }
        #expect(try h.get(Self.base + "/modules/\(module)").object["parent_id"] == nil)
        #expect(try Self.count(h, "SELECT COUNT(*) FROM modules") == modulesBefore + 2)
        #expect(try Self.count(h, "SELECT COUNT(*) FROM test_cycles") == cyclesBefore + 2)
        #expect(try Self.count(h, "SELECT COUNT(*) FROM test_cycles WHERE id = \(cycle) AND parent_type = 'root'") == 1)
    }

    static func treeLog(_ name: String, modules: [String]) -> [String: Any] {
        AutomationUploadTests.log(name, "PASSED", modules: modules)
    }

    @Test func uploadsWhoseModulePathIsTooDeepAreRefusedAtSubmit() throws {
        let h = try EmulatorHarness(.router)
        let jobsBefore = try Self.count(h, "SELECT COUNT(*) FROM jobs")
        let modulesBefore = try Self.count(h, "SELECT COUNT(*) FROM modules")
        let tooDeep = (1...20_000).map { "level \($0)" }
        for (path, body) in [
            (AutomationUploadTests.treeUpload, ["test_logs": [Self.treeLog("deep", modules: tooDeep)]]),
            (AutomationUploadTests.treeUpload, ["test_logs": [Self.treeLog("ok", modules: ["a"]), Self.treeLog("deep", modules: Array(tooDeep.prefix(Self.limit + 1)))]]),
            // The suite upload puts an "Automation" module above the path.
            (AutomationUploadTests.suiteUpload, ["test_logs": [Self.treeLog("deep", modules: Array(tooDeep.prefix(Self.limit)))]]),
        ] as [(String, [String: Any])] {
            let r = try h.post(path, json: body)
            #expect(r.status == 400, "\(r)")
            #expect((r.object["message"] as? String)?.contains("module_names has") == true, "\(r)")
        }
        let single = try h.post(Self.base + "/test-runs/0/auto-test-logs", json: Self.treeLog("deep", modules: Array(tooDeep.prefix(Self.limit))))
        #expect(single.status == 400, "\(single)")
        #expect(try Self.count(h, "SELECT COUNT(*) FROM jobs") == jobsBefore, "nothing was queued")
        #expect(try Self.count(h, "SELECT COUNT(*) FROM modules") == modulesBefore)

        // Exactly the limit goes through, in both kinds of upload.
        let exact = Array(tooDeep.prefix(Self.limit))
        let tree = try h.post(AutomationUploadTests.treeUpload, json: ["test_logs": [Self.treeLog("exact", modules: exact)]])
        #expect(tree.status == 201, "\(tree)")
        let treeJob = try AutomationUploadTests.waitForJob(h, try #require(tree.object["id"] as? Int))
        #expect(treeJob.object["state"] as? String == "SUCCESS", "\(treeJob)")
        let suite = try h.post(AutomationUploadTests.suiteUpload, json: ["skipCreatingAutomationModule": true,
                                                                         "test_logs": [Self.treeLog("exact-suite", modules: exact)]])
        #expect(suite.status == 201, "\(suite)")
        let suiteJob = try AutomationUploadTests.waitForJob(h, try #require(suite.object["id"] as? Int))
        #expect(suiteJob.object["state"] as? String == "SUCCESS", "\(suiteJob)")
        #expect(try Self.count(h, "SELECT COUNT(*) FROM modules WHERE name = 'level \(Self.limit)'") == 1, "one module path, reused")
    }

    @Test func uploadThatOnlyGrowsTooDeepUnderItsCycleFailsTheJobAndWritesNothing() throws {
        let h = try EmulatorHarness(.router)
        try Self.insertChain(h, modules: false, count: 60, firstID: 95_000_001)
        let cyclesBefore = try Self.count(h, "SELECT COUNT(*) FROM test_cycles")
        let r = try h.post(AutomationUploadTests.treeUpload, json: [
            "test_cycle": "95000060", "test_logs": [Self.treeLog("grows", modules: (1...50).map { "grows \($0)" })],
        ])
        #expect(r.status == 201, "the request alone does not show the depth: \(r)")
        let done = try AutomationUploadTests.waitForJob(h, try #require(r.object["id"] as? Int))
        #expect(done.object["state"] as? String == "FAILED", "\(done)")
        #expect((done.object["content"] as? String)?.contains("Test Cycles cannot be nested more than \(Self.limit) levels deep") == true, "\(done)")
        #expect(try Self.count(h, "SELECT COUNT(*) FROM test_cycles") == cyclesBefore)
        #expect(try Self.count(h, "SELECT COUNT(*) FROM modules WHERE name LIKE 'grows %'") == 0, "the upload is applied whole or not at all")
    }

    @Test func toscaEventsNestedPastTheLimitAre400() throws {
        let h = try EmulatorHarness(.router)
        func event(depth: Int) -> [[String: Any]] {
            var node: [String: Any] = ["name": "L\(depth)", "toscaUniqueId": "el-\(depth)", "toscaNodePath": "/L\(depth)"]
            for level in stride(from: depth - 1, through: 1, by: -1) {
                node = ["name": "L\(level)", "toscaUniqueId": "el-\(level)", "toscaNodePath": "/L\(level)", "testCycles": [node]]
            }
            return [node]
        }
        // Each cycle level is two JSON levels (the object and its `testCycles` array), so the
        // body's nesting limit (128) refuses such an event before the tree limit is reached.
        let refused = try h.post(Self.base + "/tosca/import/test-event", json: event(depth: Self.limit + 1))
        #expect(refused.status == 400, "\(refused)")
        #expect((refused.object["message"] as? String)?.contains("levels deep") == true, "\(refused)")
        let deepest = 60
        let accepted = try h.post(Self.base + "/tosca/import/test-event", json: event(depth: deepest))
        #expect(accepted.status == 200, "\(accepted)")
        let done = try AutomationUploadTests.waitForJob(h, try #require(accepted.object["id"] as? Int))
        #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
        #expect(try Self.count(h, "SELECT COUNT(*) FROM test_cycles WHERE tosca_unique_id LIKE 'el-%'") == deepest)
    }
}
