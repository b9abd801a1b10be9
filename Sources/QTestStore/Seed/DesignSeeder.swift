import Foundation
import GRDB

/// Loads the test-design sections of a seed project: `modules`, `test_cases` (with steps,
/// versions and calls), `requirements` (with covered cases) and `defects` (with linked runs).
///
/// Order matters inside a section: a module's parent, and a case a step calls, must come
/// earlier. ``loadDefects(_:projectId:path:into:at:summary:)`` runs after the test runs are
/// loaded, since defects link to runs.
enum DesignSeeder {
    static func loadDesign(_ p: SeedProject, projectId: Int64, path: String, into db: Database, at now: Date,
                           summary s: inout SeedSummary) throws {
        for (i, m) in (p.modules ?? []).enumerated() {
            try at("\(path).modules[\(i)]") {
                _ = try Modules.create(db, projectId: projectId, ModuleDraft(id: m.id, pid: m.pid, name: m.name, description: m.description,
                                                                             parentId: m.parentId, shared: m.shared ?? false),
                                       by: nil, at: now)
            }
            s.modules += 1
        }
        var exactSteps: [ExactCaseSeeder.PendingSteps] = []
        for (i, c) in (p.testCases ?? []).enumerated() {
            let casePath = "\(path).test_cases[\(i)]"
            if c.versionId != nil {
                exactSteps += try at(casePath) { try ExactCaseSeeder.load(c, projectId: projectId, path: casePath, into: db, at: now) }
                s.testCases += 1
                continue
            }
            try at(casePath) {
                let target = try version(c.version, "\(casePath).version")
                let steps = (c.testSteps ?? []).map {
                    TestStepDraft(description: $0.description, expected: $0.expected ?? "", calledTestCaseId: $0.calledTestCaseId)
                }
                let draft = TestCaseDraft(id: c.id, pid: c.pid, name: c.name, description: c.description ?? "", precondition: c.precondition ?? "",
                                          moduleId: c.parentId, properties: properties(c.properties), steps: steps,
                                          automationContent: c.automationContent)
                let (tc, _) = try TestCases.create(db, projectId: projectId, draft, by: nil, at: now)
                // Replay the history that leads to the requested version: approvals, then saves.
                for major in 0..<target.major {
                    if major > 0 { _ = try TestCaseVersions.saveNew(db, caseId: tc.id, by: nil, at: now) }
                    _ = try TestCaseVersions.approve(db, caseId: tc.id, by: nil, at: now)
                }
                for _ in 0..<max(0, target.major == 0 ? target.minor - 1 : target.minor) {
                    _ = try TestCaseVersions.saveNew(db, caseId: tc.id, by: nil, at: now)
                }
            }
            s.testCases += 1
        }
        // Exactly loaded cases get their steps once every case exists: a step may call a case
        // that comes later in the section.
        try ExactCaseSeeder.insertSteps(exactSteps, projectId: projectId, into: db)
        for (i, r) in (p.requirements ?? []).enumerated() {
            try at("\(path).requirements[\(i)]") {
                let req = try Requirements.create(db, projectId: projectId, RequirementDraft(id: r.id, pid: r.pid, name: r.name, moduleId: r.parentId,
                                                                                           properties: properties(r.properties)), by: nil, at: now)
                try ObjectLinks.link(db, projectId: projectId, .requirement, req.id, to: .testCase, r.linkedTestCaseIds ?? [], at: now)
            }
            s.requirements += 1
        }
    }

    static func loadDefects(_ p: SeedProject, projectId: Int64, path: String, into db: Database, at now: Date,
                            summary s: inout SeedSummary) throws {
        for (i, d) in (p.defects ?? []).enumerated() {
            try at("\(path).defects[\(i)]") {
                let defect = try Defects.submit(db, projectId: projectId, properties(d.properties), id: d.id, pid: d.pid, by: d.submitterId, at: now)
                for runID in d.linkedTestRunIds ?? [] {
                    try ObjectLinks.link(db, projectId: projectId, .testRun, runID, to: .defect, [defect.id], at: now)
                }
            }
            s.defects += 1
        }
    }

    static func properties(_ list: [SeedProperty]?) -> [PropertyInput] {
        (list ?? []).map { PropertyInput(fieldId: $0.fieldId, value: $0.fieldValue) }
    }

    /// `"0.1"` (default), `"1.0"`, `"2.3"` → (major, minor); `"0.0"` is not a version.
    static func version(_ text: String?, _ path: String) throws -> (major: Int, minor: Int) {
        guard let text else { return (0, 1) }
        let parts = text.split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0, major + minor > 0 else {
            throw StoreError.badRequest("\(path): expected a version such as \"0.1\" or \"1.0\", found \"\(text)\"")
        }
        return (major, minor)
    }

    /// Prefixes a store error with the JSON path where it happened.
    static func at<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StoreError where !e.message.hasPrefix("$") {
            throw StoreError(e.kind == .internalError ? .internalError : .badRequest, "\(path): \(e.message)")
        }
    }
}
