import Foundation
import GRDB

/// The test-design sections of an exported project: modules, test cases (every version, with
/// its steps), requirements and defects.
enum DesignExporter {
    static func export(_ db: Database, projectId: Int64, properties: PropertyExporter, into p: inout SeedProject) throws {
        let modules = try ModuleRecord.fetchAll(db, sql: "SELECT * FROM modules WHERE project_id = ?", arguments: [projectId])
        // Parents before children, siblings in their stored order: the loader appends each
        // module last under its parent, which gives the same order back.
        let ordered = treeOrder(modules, id: \.id, parent: \.parentId, order: \.sortOrder)
        let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.id, $0) })
        p.modules = SeedExporter.nonEmpty(ordered.map { m in
            var s = SeedModule(name: m.name)
            s.id = m.id; s.pid = m.pid; s.description = m.description; s.parentId = m.parentId
            if m.shared { s.shared = true }
            return s
        })
        let cases = try TestCaseRecord.fetchAll(db, sql: "SELECT * FROM test_cases WHERE project_id = ?", arguments: [projectId])
            .sorted { key($0.moduleId, $0.sortOrder, $0.id, position).lexicographicallyPrecedes(key($1.moduleId, $1.sortOrder, $1.id, position)) }
        let contentField = try TestCaseAutomationFields.contentFieldID(db, projectId: projectId)
        let held: Set<Int64> = contentField.map { [$0] } ?? []
        p.testCases = SeedExporter.nonEmpty(try cases.map { try testCase(db, $0, properties: properties, held: held) })

        let requirements = try RequirementRecord.fetchAll(db, sql: "SELECT * FROM requirements WHERE project_id = ?", arguments: [projectId])
            .sorted { key($0.moduleId, $0.sortOrder, $0.id, position).lexicographicallyPrecedes(key($1.moduleId, $1.sortOrder, $1.id, position)) }
        p.requirements = SeedExporter.nonEmpty(try requirements.map { r in
            var s = SeedRequirement(name: r.name)
            s.id = r.id; s.pid = r.pid; s.parentId = r.moduleId
            s.properties = properties.of(.requirement, r.id)
            s.linkedTestCaseIds = SeedExporter.nonEmpty(try LinkExporter.linked(db, .requirement, r.id, .testCase))
            return s
        })
        p.defects = SeedExporter.nonEmpty(try DefectRecord.fetchAll(db, sql: "SELECT * FROM defects WHERE project_id = ? ORDER BY id",
                                                                    arguments: [projectId]).map { d in
            var s = SeedDefect()
            s.id = d.id; s.pid = d.pid; s.submitterId = d.submitterId
            s.properties = properties.of(.defect, d.id)
            s.linkedTestRunIds = SeedExporter.nonEmpty(try LinkExporter.linked(db, .defect, d.id, .testRun))
            return s
        })
    }

    /// A case: its latest version at the top level, the earlier ones in `versions`.
    static func testCase(_ db: Database, _ tc: TestCaseRecord, properties: PropertyExporter, held: Set<Int64>) throws -> SeedTestCase {
        let versions = try TestCaseVersions.all(db, caseId: tc.id)
        guard let latest = versions.last else { throw StoreError.internalError("Test case \(tc.id) has no version") }
        var s = SeedTestCase(name: latest.name)
        s.id = tc.id; s.pid = tc.pid; s.parentId = tc.moduleId
        s.description = latest.description; s.precondition = latest.precondition
        s.version = latest.versionText; s.versionId = latest.id
        s.properties = properties.of(.testCase, latest.id, storedAs: .testCaseVersion, held: held)
        s.testSteps = SeedExporter.nonEmpty(try steps(db, versionId: latest.id, properties: properties))
        s.automationContent = tc.automationContent
        s.versions = SeedExporter.nonEmpty(try versions.dropLast().map { v in
            var e = SeedTestCaseVersion(version: v.versionText, name: v.name)
            e.id = v.id; e.description = v.description; e.precondition = v.precondition
            e.properties = properties.of(.testCase, v.id, storedAs: .testCaseVersion, held: held)
            e.testSteps = SeedExporter.nonEmpty(try steps(db, versionId: v.id, properties: properties))
            return e
        })
        return s
    }

    static func steps(_ db: Database, versionId: Int64, properties: PropertyExporter) throws -> [SeedTestStep] {
        try TestStepRecord.fetchAll(db, sql: """
            SELECT * FROM test_steps WHERE test_case_version_id = ? AND parent_test_step_id IS NULL ORDER BY sort_order, id
            """, arguments: [versionId]).map { st in
            var s = SeedTestStep(description: st.description)
            s.id = st.id; s.expected = st.expected; s.calledTestCaseId = st.calledTestCaseId; s.plainValueText = st.plainValueText
            if st.stepGroup != 0 { s.group = st.stepGroup }
            s.properties = properties.of(.testStep, st.id)
            return s
        }
    }

    /// Sort key of an object in a module: the module's place in tree order, then its own order.
    static func key(_ module: Int64?, _ order: Int, _ id: Int64, _ position: [Int64: Int]) -> [Int64] {
        [module.flatMap { position[$0] }.map(Int64.init) ?? -1, Int64(order), id]
    }

    /// `items` depth-first: roots (no parent, or a parent not among `items`) first, each
    /// followed by its children, siblings by `order` then id. Roots are grouped by `rootGroup`
    /// first (their own parent outside `items`): orders count per parent, so only within one
    /// parent does comparing them mean anything.
    static func treeOrder<T>(_ items: [T], id: KeyPath<T, Int64>, parent: KeyPath<T, Int64?>, order: KeyPath<T, Int>,
                             rootGroup: (T) -> [Int64] = { _ in [] }) -> [T] {
        let ids = Set(items.map { $0[keyPath: id] })
        var children: [Int64?: [T]] = [:]
        for item in items {
            let p = item[keyPath: parent].flatMap { ids.contains($0) ? $0 : nil }
            children[p, default: []].append(item)
        }
        for (k, list) in children {
            children[k] = list.sorted {
                let a = rootGroup($0) + [Int64($0[keyPath: order]), $0[keyPath: id]], b = rootGroup($1) + [Int64($1[keyPath: order]), $1[keyPath: id]]
                return a.lexicographicallyPrecedes(b)
            }
        }
        var out: [T] = []
        out.reserveCapacity(items.count)
        // An explicit stack: trees may be deep (TreeLimits.maxDepth levels).
        var stack: [T] = (children[nil] ?? []).reversed()
        while let next = stack.popLast() {
            out.append(next)
            stack += (children[next[keyPath: id]] ?? []).reversed()
        }
        return out
    }
}
