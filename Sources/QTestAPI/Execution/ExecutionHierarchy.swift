import QTestStore

/// `GET …/test-runs/subhierarchy` (`AutomationObjectTree`): the containers under root, a
/// release or a cycle, nested under `children`.
///
/// Cycle trees are nested without recursion and at most ``TreeLimits/maxDepth`` levels of
/// cycles deep below the requested container (see ``TreeNesting``), so a tree left deeper by
/// an old database still answers.
enum ExecutionHierarchy {
    static func tree(_ db: StoreDatabase, projectID: Int64, _ parent: ExecutionParent) throws -> JSON {
        switch parent.type {
        case .root:
            var children = try Releases.list(db, projectId: projectID).map { r -> JSON in
                node("RELEASE", "release", r.id, r.name, r.sortOrder, children: try containers(db, projectID, ExecutionParent(type: .release, id: r.id)))
            }
            children += try containers(db, projectID, .root)
            return node("ROOT", "root", 0, "root", 0, children: children)
        case .release:
            let r = try ReleaseRecord.get(db, projectId: projectID, parent.id)
            return node("RELEASE", "release", r.id, r.name, r.sortOrder, children: try containers(db, projectID, parent))
        case .testCycle:
            let c = try TestCycleRecord.get(db, projectId: projectID, parent.id)
            return try cycleNodes(db, [c]).first ?? cycleNode(c, children: [])
        case .testSuite:
            throw APIError.badRequest("parentType must be root, release or test-cycle")
        }
    }

    /// The cycles (each with its subtree) and then the suites directly under `parent`.
    static func containers(_ db: StoreDatabase, _ projectID: Int64, _ parent: ExecutionParent) throws -> [JSON] {
        let cycles = try cycleNodes(db, try TestCycles.list(db, projectId: projectID, under: parent))
        return cycles + (try TestSuites.list(db, projectId: projectID, under: parent).map(suiteNode))
    }

    /// A node for each of `tops`, with its nested cycles and then its suites as `children`.
    static func cycleNodes(_ db: StoreDatabase, _ tops: [TestCycleRecord]) throws -> [JSON] {
        let rows = try TestCycles.subtrees(db, roots: tops.map(\.id))
        let suites = try TestSuites.list(db, inCycles: rows.map(\.id))
        let nested = TreeNesting.nest(rows, roots: Set(tops.map(\.id)), id: \.id, parent: \.parentCycleId) { cycle, children in
            cycleNode(cycle, children: children + (suites[cycle.id] ?? []).map(suiteNode))
        }
        return tops.map { nested[$0.id] ?? cycleNode($0, children: []) }
    }

    static func cycleNode(_ c: TestCycleRecord, children: [JSON]) -> JSON {
        node("TEST_CYCLE", "test-cycle", c.id, c.name, c.sortOrder, children: children, targetRelease: c.targetReleaseId, targetBuild: c.targetBuildId)
    }

    static func suiteNode(_ s: TestSuiteRecord) -> JSON {
        node("TEST_SUITE", "test-suite", s.id, s.name, s.sortOrder, children: [], targetRelease: s.targetReleaseId, targetBuild: s.targetBuildId)
    }

    static func node(_ artifact: String, _ type: String, _ id: Int64, _ name: String, _ order: Int, children: [JSON],
                     targetRelease: Int64? = nil, targetBuild: Int64? = nil) -> JSON {
        ["artifactType": .string(artifact), "targetReleaseId": .optional(targetRelease), "targetBuildId": .optional(targetBuild),
         "type": .string(type), "id": .int(id), "name": .string(name), "order": .number(order), "children": .array(children)]
    }
}
