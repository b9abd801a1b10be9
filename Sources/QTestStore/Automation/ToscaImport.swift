import Foundation
import GRDB

/// A Tosca execution entry: becomes (or finds again) a test run.
public struct ToscaRunInput: Sendable, Equatable {
    public var name: String
    public var toscaUniqueId: String
    public var toscaNodePath: String
    /// The Tosca test case the entry executes; the run's qTest case is found or made from it.
    public var testCaseUniqueId: String?
    public var testCaseNodePath: String?
    /// Creates an input.
    public init(name: String, toscaUniqueId: String, toscaNodePath: String, testCaseUniqueId: String? = nil, testCaseNodePath: String? = nil) {
        self.name = name; self.toscaUniqueId = toscaUniqueId; self.toscaNodePath = toscaNodePath
        self.testCaseUniqueId = testCaseUniqueId; self.testCaseNodePath = testCaseNodePath
    }
}

/// A Tosca execution list: becomes (or finds again) a test cycle holding its entries' runs.
public struct ToscaCycleInput: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var toscaUniqueId: String
    public var toscaNodePath: String
    /// Where a new cycle goes (root when nil).
    public var parent: ExecutionParent?
    public var runs: [ToscaRunInput]
    public var children: [ToscaCycleInput]
    /// Creates an input.
    public init(name: String, description: String? = nil, toscaUniqueId: String, toscaNodePath: String, parent: ExecutionParent? = nil,
                runs: [ToscaRunInput] = [], children: [ToscaCycleInput] = []) {
        self.name = name; self.description = description; self.toscaUniqueId = toscaUniqueId; self.toscaNodePath = toscaNodePath
        self.parent = parent; self.runs = runs; self.children = children
    }
}

/// Applies a Tosca TestEvent import: cycles, cases and runs are matched by their Tosca unique
/// ids, so importing the same event twice changes nothing the second time.
public enum ToscaImport {
    /// Returns how many cycles and runs the import touched.
    public static func apply(_ db: Database, projectId: Int64, _ cycles: [ToscaCycleInput], by userId: Int64?,
                             at now: Date) throws -> (cycles: Int, runs: Int) {
        var counts = (cycles: 0, runs: 0)
        // Depth first, in document order, with an explicit stack rather than recursion: the
        // nesting comes from the request.
        var stack: [(input: ToscaCycleInput, parent: ExecutionParent)] = cycles.reversed().map { ($0, $0.parent ?? .root) }
        while let (input, parent) = stack.popLast() {
            let location = try apply(db, projectId: projectId, input, under: parent, by: userId, at: now, counts: &counts)
            stack += input.children.reversed().map { ($0, location) }
        }
        return counts
    }

    /// Finds or makes one cycle with its runs; returns where its children go.
    private static func apply(_ db: Database, projectId: Int64, _ input: ToscaCycleInput, under parent: ExecutionParent,
                              by userId: Int64?, at now: Date, counts: inout (cycles: Int, runs: Int)) throws -> ExecutionParent {
        let cycleId: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM test_cycles WHERE project_id = ? AND tosca_unique_id = ?",
                                             arguments: [projectId, input.toscaUniqueId]) {
            cycleId = existing
        } else {
            cycleId = try TestCycles.create(db, projectId: projectId, under: parent,
                                            ContainerDraft(name: input.name, description: input.description), by: userId, at: now).id
            try db.execute(sql: "UPDATE test_cycles SET tosca_unique_id = ?, tosca_node_path = ? WHERE id = ?",
                           arguments: [input.toscaUniqueId, input.toscaNodePath, cycleId])
        }
        counts.cycles += 1
        let location = ExecutionParent(type: .testCycle, id: cycleId)
        for run in input.runs {
            try apply(db, projectId: projectId, run, in: location, by: userId, at: now)
            counts.runs += 1
        }
        return location
    }

    private static func apply(_ db: Database, projectId: Int64, _ input: ToscaRunInput, in location: ExecutionParent,
                              by userId: Int64?, at now: Date) throws {
        if try Int64.fetchOne(db, sql: "SELECT id FROM test_runs WHERE project_id = ? AND tosca_guid = ?",
                              arguments: [projectId, input.toscaUniqueId]) != nil { return }
        let caseKey = input.testCaseUniqueId ?? input.toscaUniqueId
        let caseId: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM test_cases WHERE project_id = ? AND tosca_guid = ?",
                                             arguments: [projectId, caseKey]) {
            caseId = existing
        } else {
            let module = try toscaModule(db, projectId: projectId, by: userId, at: now)
            caseId = try TestCases.create(db, projectId: projectId, TestCaseDraft(name: input.name, moduleId: module), by: userId, at: now).0.id
            try db.execute(sql: "UPDATE test_cases SET tosca_guid = ?, tosca_node_path = ? WHERE id = ?",
                           arguments: [caseKey, input.testCaseNodePath ?? input.toscaNodePath, caseId])
        }
        let run = try TestRuns.create(db, projectId: projectId, under: location, TestRunDraft(name: input.name, testCaseId: caseId, automation: "Yes"),
                                      by: userId, at: now)
        try db.execute(sql: "UPDATE test_runs SET tosca_guid = ?, tosca_node_path = ? WHERE id = ?",
                       arguments: [input.toscaUniqueId, input.toscaNodePath, run.id])
    }

    /// Cases made for Tosca test cases live in a root module named "Tosca".
    private static func toscaModule(_ db: Database, projectId: Int64, by userId: Int64?, at now: Date) throws -> Int64 {
        if let existing = try Modules.children(db, projectId: projectId, parentId: nil).first(where: { $0.name == "Tosca" }) {
            return existing.id
        }
        return try Modules.create(db, projectId: projectId, ModuleDraft(name: "Tosca"), by: userId, at: now).id
    }
}
