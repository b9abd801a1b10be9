import Foundation
import HTTPServer
import QTestStore

/// TestCycleApi: list, create, get, update (and move), delete test cycles.
enum TestCycleRoutes: RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.project("GET", "/api/v3/projects/{projectId}/test-cycles") { context in
            // No parameters (or parentId=0 with any type) lists the root cycles; a negative
            // pageSize returns every cycle.
            let parent = try ExecutionWire.parent(context) ?? .root
            let page = try PageRequest(context, negativeMeansAll: true)
            let descendants = expandsDescendants(context)
            return try context.read(answering: 200) { db in
                let cycles = try TestCycles.list(db, projectId: context.projectID, under: parent, paging: page.paging)
                return .array(descendants ? try encodeTrees(cycles, db, context) : cycles.map { encode($0, context) })
            }
        }

        table.project("POST", "/api/v3/projects/{projectId}/test-cycles") { context in
            try context.creatingContainer(draft: { try draft($0, requireName: true) }) { db, parent, draft in
                encode(try TestCycles.create(db, projectId: context.projectID, under: parent, draft, by: context.caller.userID, at: context.now), context)
            }
        }

        table.project("GET", "/api/v3/projects/{projectId}/test-cycles/{testCycleId}") { context in
            let id = try context.pathID("testCycleId")
            let descendants = expandsDescendants(context)
            return try context.read(answering: 200) { db in
                let cycle = try TestCycleRecord.get(db, projectId: context.projectID, id)
                return descendants ? try encodeTrees([cycle], db, context).first ?? encode(cycle, context) : encode(cycle, context)
            }
        }

        table.project("PUT", "/api/v3/projects/{projectId}/test-cycles/{testCycleId}") { context in
            try context.updatingMovable("testCycleId", unchanged: ContainerDraft(), draft: { try draft($0, requireName: false) }) { db, id, draft, moveTo in
                encode(try TestCycles.update(db, projectId: context.projectID, id, draft, moveTo: moveTo, at: context.now), context)
            }
        }

        table.project("DELETE", "/api/v3/projects/{projectId}/test-cycles/{testCycleId}") { context in
            let force = try ExecutionWire.force(context)
            return try context.deleting("testCycleId", "Test Cycle") { try TestCycles.delete($0, projectId: context.projectID, $1, force: force) }
        }
    }

    static func expandsDescendants(_ context: some RequestReading) -> Bool {
        context.queryList("expand").contains { $0.lowercased() == "descendants" }
    }

    static func draft(_ body: JSON, requireName: Bool) throws -> ContainerDraft {
        ContainerDraft(
            name: requireName || body["name"] != nil ? try body.requiredName() : nil,
            description: try body.optionalString("description"),
            targetReleaseId: try body.optionalInt("target_release_id"),
            targetBuildId: try body.optionalInt("target_build_id"))
    }

    /// Each cycle with its subtree (`expand=descendants`): nested cycles under `test-cycles`,
    /// each cycle's suites under `test-suites`; built without recursion and at most
    /// ``TreeLimits/maxDepth`` levels of cycles deep (see ``TreeNesting``).
    static func encodeTrees(_ tops: [TestCycleRecord], _ db: StoreDatabase, _ context: some RequestReading) throws -> [JSON] {
        let rows = try TestCycles.subtrees(db, roots: tops.map(\.id))
        let suites = try TestSuites.list(db, inCycles: rows.map(\.id))
        let nested = try TreeNesting.nest(rows, roots: Set(tops.map(\.id)), id: \.id, parent: \.parentCycleId) { cycle, children in
            encode(cycle, context, cycles: children, suites: try (suites[cycle.id] ?? []).map { try TestSuiteRoutes.encode($0, db, context) })
        }
        return tops.map { nested[$0.id] ?? encode($0, context) }
    }

    /// `TestCycleResource`. The `test-cycles` and `test-suites` keys are always there (empty
    /// unless `expand=descendants`), as on a real server.
    static func encode(_ c: TestCycleRecord, _ context: some RequestReading, cycles: [JSON] = [], suites: [JSON] = []) -> JSON {
        let base = "/api/v3/projects/\(c.projectId)"
        return Wire.artifact(c, links: [
            Wire.link("self", context.baseURL + base + "/test-cycles/\(c.id)"),
            Wire.link("test-suites", context.baseURL + base + "/test-suites?parentId=\(c.id)&parentType=test-cycle"),
            Wire.link("test-runs", context.baseURL + base + "/test-runs?parentId=\(c.id)&parentType=test-cycle"),
        ], [
            "web_url": ExecutionWire.webURL(context, projectID: c.projectId, tab: "testexecution", object: 4, id: c.id),
            "description": .string(c.description ?? ""),
            "target_release_id": .optional(c.targetReleaseId),
            "target_build_id": .optional(c.targetBuildId),
            "test-cycles": .array(cycles),
            "test-suites": .array(suites),
        ])
    }
}
