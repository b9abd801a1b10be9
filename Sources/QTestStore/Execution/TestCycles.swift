import Foundation
import GRDB

/// A test cycle (`TestCycleResource` on the wire).
public struct TestCycleRecord: ModifiableRecord, Identifiable {
    public var id: Int64
    public var projectId: Int64
    public var pid: String
    public var name: String
    public var description: String?
    /// `root`, `release` or `test-cycle`.
    public var parentType: String
    public var releaseId: Int64?
    public var parentCycleId: Int64?
    public var targetReleaseId: Int64?
    public var targetBuildId: Int64?
    public var sortOrder: Int
    public var creatorId: Int64?
    public var createdDate: Date
    public var lastModifiedDate: Date

    /// The container this cycle sits in.
    public var parent: ExecutionParent {
        .from(type: parentType, release: releaseId, cycle: parentCycleId, suite: nil)
    }
}

/// Input for creating a cycle or suite; for updates nil members stay unchanged.
public struct ContainerDraft: Sendable, Equatable {
    public var id: Int64?
    public var pid: String?
    public var name: String?
    public var description: String?
    public var targetReleaseId: Int64?
    public var targetBuildId: Int64?
    public var properties: [PropertyInput]
    /// Creates a draft.
    public init(id: Int64? = nil, pid: String? = nil, name: String? = nil, description: String? = nil,
                targetReleaseId: Int64? = nil, targetBuildId: Int64? = nil, properties: [PropertyInput] = []) {
        self.id = id; self.pid = pid; self.name = name; self.description = description
        self.targetReleaseId = targetReleaseId; self.targetBuildId = targetBuildId; self.properties = properties
    }
}

/// Store operations on test cycles.
///
/// ```swift
/// let c = try TestCycles.create(db, projectId: p, under: .root, ContainerDraft(name: "Sprint 1"), by: u, at: now)
/// let nested = try TestCycles.create(db, projectId: p, under: ExecutionParent(type: .testCycle, id: c.id), …)
/// ```
public enum TestCycles {
    /// The container types a cycle may live in.
    public static let allowedParents: Set<ExecutionParentType> = [.root, .release, .testCycle]

    /// Creates a cycle (PID `CL-n`) under `parent`; a parent cycle already
    /// ``TreeLimits/maxDepth`` levels deep is refused (400).
    @discardableResult
    public static func create(_ db: Database, projectId: Int64, under parent: ExecutionParent, _ draft: ContainerDraft,
                              by creatorId: Int64?, at now: Date) throws -> TestCycleRecord {
        let place = try ContainerPlacement(db, projectId: projectId, under: parent, name: draft.name, .testCycle)
        if parent.type == .testCycle {
            try TreeTable.testCycles.checkDepth(parentDepth: try TreeTable.testCycles.depth(db, of: parent.id), height: 1,
                                                "Cannot create a Test Cycle under Test Cycle \(try TestCycleRecord.get(db, projectId: projectId, parent.id).pid)")
        }
        let targets = try checkTargets(db, projectId: projectId, draft.targetReleaseId, draft.targetBuildId)
        let cycle = TestCycleRecord(
            id: try IDs.use(db, .testCycle, draft.id), projectId: projectId, pid: try PIDs.use(db, project: projectId, .testCycle, draft.pid),
            name: place.name, description: draft.description, parentType: parent.type.rawValue, releaseId: place.releaseId,
            parentCycleId: place.cycleId, targetReleaseId: targets.release, targetBuildId: targets.build, sortOrder: place.order,
            creatorId: creatorId, createdDate: now, lastModifiedDate: now)
        try cycle.insert(db)
        return cycle
    }


    /// The cycles directly under `parent`, in creation order. The parent must exist.
    public static func list(_ db: Database, projectId: Int64, under parent: ExecutionParent, paging: Paging = .all) throws -> [TestCycleRecord] {
        try ExecutionTree.check(db, projectId: projectId, parent, allowed: allowedParents, child: "test cycle")
        return try ExecutionTree.children(db, TestCycleRecord.self, in: "test_cycles", projectId: projectId, under: parent,
                                          cycleColumn: "parent_cycle_id", paging: paging)
    }

    /// The cycles of the subtrees of `roots` (each at level 1), down to `levels` levels:
    /// parents before children, siblings in tree order. Readers nest these without recursion.
    public static func subtrees(_ db: Database, roots: [Int64], levels: Int = TreeLimits.maxDepth) throws -> [TestCycleRecord] {
        try TreeTable.testCycles.subtree(db, TestCycleRecord.self, roots: roots, levels: levels)
    }

    /// Applies the non-nil members of `draft` and, with `moveTo`, moves the cycle. A cycle can
    /// not move under itself or one of its descendants, nor so that its subtree would reach
    /// deeper than ``TreeLimits/maxDepth``.
    @discardableResult
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, _ draft: ContainerDraft, moveTo: ExecutionParent?,
                              at now: Date) throws -> TestCycleRecord {
        var c = try TestCycleRecord.get(db, projectId: projectId, id)
        if let parent = moveTo {
            try ExecutionTree.check(db, projectId: projectId, parent, allowed: allowedParents, child: "test cycle")
            // The target's ancestry (walked up, bounded) says both whether the cycle would go
            // under its own subtree and how deep the target is; under a release or the root a
            // cycle is level 1, and a subtree left too deep by an old database fits nowhere.
            var ancestry: [Int64] = []
            if parent.type == .testCycle {
                ancestry = try TreeTable.testCycles.ancestry(db, of: parent.id, limit: TreeLimits.maxDepth + 1)
                if ancestry.contains(id) {
                    throw StoreError.badRequest("A test cycle cannot be moved under itself or one of its descendants")
                }
            }
            try TreeTable.testCycles.checkDepth(parentDepth: ancestry.count, height: try TreeTable.testCycles.height(db, of: id),
                                                "Cannot move Test Cycle \(c.pid) \(try placeName(db, projectId: projectId, parent))")
            let cols = parent.columns
            c.parentType = parent.type.rawValue
            c.releaseId = cols.release
            c.parentCycleId = cols.cycle
        } else {
            if draft.name != nil { c.name = try Releases.validName(draft.name, "Test Cycle") }
            if let v = draft.description { c.description = v }
            let targets = try checkTargets(db, projectId: projectId, draft.targetReleaseId, draft.targetBuildId)
            // A given 0 clears the target, as on create.
            if draft.targetReleaseId != nil { c.targetReleaseId = targets.release }
            if draft.targetBuildId != nil { c.targetBuildId = targets.build }
        }
        try c.update(db, modifiedAt: now)
        return c
    }

    /// Deletes a cycle. One that holds cycles, suites or runs needs `force`; then everything
    /// under it (logs included) goes too.
    public static func delete(_ db: Database, projectId: Int64, _ id: Int64, force: Bool) throws {
        _ = try TestCycleRecord.get(db, projectId: projectId, id)
        let contents = try ExecutionTree.emptyOut(db, ExecutionParent(type: .testCycle, id: id), projectId: projectId, force: force, "Test Cycle")
        try ObjectProperties.purge(db, .testCycle, ids: [id])
        // Bottom-up in bulk rather than by the nested-cycle cascade, which SQLite stops after
        // 1,000 levels; each cycle still cascades to its suites, runs and logs.
        try TreeTable.testCycles.deleteRows(db, ids: [id] + contents.cycles)
    }

    /// "under Test Cycle CL-3", "under Release RL-1", "to the root": where a move was headed.
    static func placeName(_ db: Database, projectId: Int64, _ parent: ExecutionParent) throws -> String {
        switch parent.type {
        case .root: "to the root"
        case .release: "under Release \(try ReleaseRecord.get(db, projectId: projectId, parent.id).pid)"
        case .testCycle: "under Test Cycle \(try TestCycleRecord.get(db, projectId: projectId, parent.id).pid)"
        case .testSuite: "under Test Suite \(try TestSuiteRecord.get(db, projectId: projectId, parent.id).pid)"
        }
    }

    /// Checks a cycle's target release and build exist in the project. `0` means "no target"
    /// (clients send it for an unset id) and comes back as nil, so it is never stored as a
    /// reference to a release that does not exist.
    static func checkTargets(_ db: Database, projectId: Int64, _ release: Int64?, _ build: Int64?) throws -> (release: Int64?, build: Int64?) {
        let release = release == 0 ? nil : release, build = build == 0 ? nil : build
        if let release { _ = try ReleaseRecord.get(db, projectId: projectId, release) }
        if let build { _ = try BuildRecord.get(db, projectId: projectId, build) }
        return (release, build)
    }
}
