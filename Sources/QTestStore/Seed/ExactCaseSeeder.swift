import Foundation
import GRDB

/// Loads a test case written by an export (it has `version_id`) exactly as it was: every
/// version with its own number, id, content, properties and steps (step ids kept), instead of
/// replaying approvals and saves of one content.
///
/// Steps are inserted by ``insertSteps(_:projectId:into:)`` after every case of the project
/// exists, since a step may call a case that comes later in the section.
enum ExactCaseSeeder {
    /// The steps of one loaded version, waiting for every case to exist.
    struct PendingSteps {
        var caseId: Int64
        var versionId: Int64
        var steps: [SeedTestStep]
        var path: String
    }

    /// One version to load, oldest first; the last one is the case's top level.
    private struct Version {
        var id: Int64?
        var number: (major: Int, minor: Int)
        var name: String
        var description: String
        var precondition: String
        var properties: [SeedProperty]?
        var steps: [SeedTestStep]
        var path: String
    }

    static func load(_ c: SeedTestCase, projectId: Int64, path: String, into db: Database, at now: Date) throws -> [PendingSteps] {
        var versions: [Version] = []
        for (j, v) in (c.versions ?? []).enumerated() {
            let p = "\(path).versions[\(j)]"
            versions.append(Version(id: v.id, number: try DesignSeeder.version(v.version, "\(p).version"), name: v.name,
                                    description: v.description ?? "", precondition: v.precondition ?? "", properties: v.properties,
                                    steps: v.testSteps ?? [], path: p))
        }
        versions.append(Version(id: c.versionId, number: try DesignSeeder.version(c.version, "\(path).version"), name: c.name,
                                description: c.description ?? "", precondition: c.precondition ?? "", properties: c.properties,
                                steps: c.testSteps ?? [], path: path))
        for (j, v) in versions.enumerated() {
            if j > 0, !(versions[j - 1].number < v.number) {
                throw StoreError.badRequest("\(v.path).version: \(v.number.major).\(v.number.minor) must come after \(versions[j - 1].number.major).\(versions[j - 1].number.minor)")
            }
            if let id = v.id, try TestCaseVersions.find(db, id) != nil {
                throw StoreError.badRequest("\(v.path)\(j == versions.count - 1 ? ".version_id" : ".id"): test case version \(id) already exists")
            }
        }
        guard let first = versions.first else { return [] }
        let (tc, created) = try TestCases.create(db, projectId: projectId, TestCaseDraft(
            id: c.id, pid: c.pid, name: first.name, description: first.description, precondition: first.precondition, moduleId: c.parentId,
            properties: DesignSeeder.properties(first.properties), versionId: first.id), by: nil, at: now)
        // Set as the column, not through the create: that would also mark the case automated,
        // and the exported properties already say whether it is.
        if let content = c.automationContent {
            try db.execute(sql: "UPDATE test_cases SET automation_content = ? WHERE id = ?", arguments: [content, tc.id])
        }
        if first.number != (0, 1) {
            try db.execute(sql: "UPDATE test_case_versions SET major = ?, minor = ?, is_approved = ? WHERE id = ?",
                           arguments: [first.number.major, first.number.minor, approved(first.number), created.id])
        }
        var pending = [PendingSteps(caseId: tc.id, versionId: created.id, steps: first.steps, path: "\(first.path).test_steps")]
        let automation = try TestCaseAutomationFields(db, projectId: projectId)
        for v in versions.dropFirst() {
            try DesignSeeder.at(v.path) {
                let record = TestCaseVersionRecord(
                    id: try IDs.use(db, .testCaseVersion, v.id), testCaseId: tc.id, major: v.number.major, minor: v.number.minor,
                    name: try TestCases.validName(v.name), description: v.description, precondition: v.precondition,
                    isApproved: approved(v.number), creatorId: nil, createdDate: now, lastModifiedDate: now)
                try record.insert(db)
                // Automation Content lives on the case, not on a version.
                let (_, inputs) = automation.takeContent(from: DesignSeeder.properties(v.properties))
                try ObjectProperties.create(db, projectId: projectId, fieldKind: .testCase, valueKind: .testCaseVersion, objectId: record.id,
                                            inputs, heldElsewhere: automation.heldElsewhere)
                pending.append(PendingSteps(caseId: tc.id, versionId: record.id, steps: v.steps, path: "\(v.path).test_steps"))
            }
        }
        return pending
    }

    static func insertSteps(_ pending: [PendingSteps], projectId: Int64, into db: Database) throws {
        for version in pending {
            for (j, st) in version.steps.enumerated() {
                try DesignSeeder.at("\(version.path)[\(j)]") {
                    if let id = st.id, try TestStepRecord.exists(db, key: id) {
                        throw StoreError.badRequest("\(version.path)[\(j)].id: test step \(id) already exists")
                    }
                    try TestSteps.validateCall(db, projectId: projectId, caseId: version.caseId, st.calledTestCaseId)
                    let step = TestStepRecord(id: try IDs.use(db, .testStep, st.id), testCaseVersionId: version.versionId, description: st.description,
                                              expected: st.expected ?? "", sortOrder: j + 1, stepGroup: st.group ?? 0,
                                              plainValueText: st.plainValueText, calledTestCaseId: st.calledTestCaseId, parentTestStepId: nil)
                    try step.insertRow(db)
                    try ObjectProperties.apply(db, projectId: projectId, fieldKind: .testStep, valueKind: .testStep, objectId: step.id,
                                               DesignSeeder.properties(st.properties))
                }
            }
        }
    }

    /// `M.0` versions (from 1.0 on) are the approved ones: approving is what makes a new major.
    static func approved(_ number: (major: Int, minor: Int)) -> Bool { number.major > 0 && number.minor == 0 }
}
