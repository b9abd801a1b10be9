import Foundation
import GRDB

/// Where a new test cycle or test suite goes, checked: its valid name, the parent (which must
/// be one the kind may live in, in the project), the parent columns to store and its order
/// among its siblings. The first half of both creates, which qTest treats alike.
///
/// ```swift
/// let place = try ContainerPlacement(db, projectId: p, under: parent, name: draft.name, .testSuite)
/// ```
struct ContainerPlacement {
    let name: String
    let releaseId: Int64?
    let cycleId: Int64?
    let order: Int

    /// `kind` is `.testCycle` or `.testSuite`.
    init(_ db: Database, projectId: Int64, under parent: ExecutionParent, name: String?, _ kind: ObjectKind) throws {
        let isCycle = kind == .testCycle
        self.name = try Releases.validName(name, isCycle ? "Test Cycle" : "Test Suite")
        try ExecutionTree.check(db, projectId: projectId, parent, allowed: isCycle ? TestCycles.allowedParents : TestSuites.allowedParents,
                                child: isCycle ? "test cycle" : "test suite")
        let cols = parent.columns
        releaseId = cols.release
        cycleId = cols.cycle
        // A cycle's parent cycle is `parent_cycle_id`, a suite's `test_cycle_id`.
        let cycleColumn = isCycle ? "parent_cycle_id" : "test_cycle_id"
        order = try ExecutionTree.nextOrder(db, isCycle ? "test_cycles" : "test_suites", projectId: projectId,
                                            where: parent.type == .release ? "release_id" : parent.type == .testCycle ? cycleColumn : nil,
                                            parent.type == .root ? nil : parent.id)
    }
}
