import Foundation
import GRDB

/// The bulk path's test cases (see ``AutomationImport/importBulk(_:caseModules:locations:)``):
/// the ones an upload names that exist, found in one pass, and the missing ones created together
/// with their versions, steps and automation fields.
extension AutomationImport {
    /// Case ids by automation content, for the fingerprints that exist in the project.
    func existingCases(_ fingerprints: Set<String>) throws -> [String: Int64] {
        var found: [String: Int64] = [:]
        let all = Array(fingerprints)
        for start in stride(from: 0, to: all.count, by: 500) {
            let chunk = Array(all[start..<min(all.count, start + 500)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT automation_content, id FROM test_cases WHERE project_id = ? AND automation_content IN (\(marks)) ORDER BY id
                """), arguments: StatementArguments([projectId] + chunk))
            for row in rows {
                let content: String = row[0]
                if found[content] == nil { found[content] = row[1] }
            }
        }
        return found
    }

    /// Creates, together, the cases of fingerprints not found: version 0.1 with the result's
    /// steps, in the result's module (or "Created via API"), appended to that module's order.
    func createCases(_ results: [AutomationResult], _ planned: [(fingerprint: String, steps: [AutomationStepResult])],
                             _ modules: [Int64?], _ caseIDs: inout [String: Int64], _ versions: inout [Int64: CaseVersion]) throws {
        var newIndexes: [Int] = []
        var seen = Set<String>()
        for (i, p) in planned.enumerated() where caseIDs[p.fingerprint] == nil && seen.insert(p.fingerprint).inserted { newIndexes.append(i) }
        guard !newIndexes.isEmpty else { return }
        // The result that creates a case may not name a version of it (it has none yet).
        for i in newIndexes where results[i].testCaseVersionId != nil {
            throw StoreError.badRequest("test_logs[\(i)]: test_case_version_id must be omitted for a test case that does not exist yet")
        }
        // Case properties mix with the automation fields: such cases are made by the per-result
        // path's code, one at a time and in the same order (their PIDs follow one another).
        if newIndexes.contains(where: { !results[$0].testCaseProperties.isEmpty }) {
            for i in newIndexes {
                let (caseId, _) = try testCase(for: results[i], fingerprint: planned[i].fingerprint, steps: planned[i].steps,
                                               moduleId: modules[i], index: i)
                caseIDs[planned[i].fingerprint] = caseId
            }
            return
        }
        let firstCase = try IDs.block(db, .testCase, count: newIndexes.count)
        let firstPID = try PIDs.block(db, project: projectId, .testCase, count: newIndexes.count)
        let firstVersion = try IDs.block(db, .testCaseVersion, count: newIndexes.count)
        let stepCount = newIndexes.reduce(0) { $0 + planned[$1].steps.count }
        var nextStep = stepCount > 0 ? try IDs.block(db, .testStep, count: stepCount) : 0
        var createdViaAPI: Int64?
        var moduleOrder: [Int64: Int] = [:]
        var caseRows: [[(any DatabaseValueConvertible)?]] = []
        var versionRows: [[(any DatabaseValueConvertible)?]] = []
        var stepRows: [[(any DatabaseValueConvertible)?]] = []
        let created = StorageDate.text(now)
        for (n, i) in newIndexes.enumerated() {
            let result = results[i], fingerprint = planned[i].fingerprint
            let rawName = WhiteSpace.trimmed(result.name).isEmpty ? fingerprint : result.name
            let name = try TestCases.validName(String(rawName.prefix(500)))
            let moduleId: Int64
            if let given = modules[i] { moduleId = given } else {
                if createdViaAPI == nil { createdViaAPI = try Modules.createdViaAPI(db, projectId: projectId, by: userId, at: now).id }
                moduleId = try known(createdViaAPI, "module")
            }
            if moduleOrder[moduleId] == nil {
                _ = try Modules.get(db, projectId: projectId, moduleId)
                moduleOrder[moduleId] = try db.cachedValue(Int.self, sql: "SELECT MAX(sort_order) FROM test_cases WHERE module_id = ?", arguments: [moduleId]) ?? 0
            }
            let order = try known(moduleOrder[moduleId], "module order") + 1
            moduleOrder[moduleId] = order
            let caseId = firstCase + Int64(n), versionId = firstVersion + Int64(n)
            caseRows.append([caseId, projectId, "TC-\(firstPID + Int64(n))", moduleId, order, userId, created, created, fingerprint])
            versionRows.append([versionId, caseId, 0, 1, name, "", "", false, userId, created, created])
            var steps: [PlannedStep] = []
            for (order, step) in planned[i].steps.enumerated() {
                steps.append(PlannedStep(id: nextStep, order: order + 1, group: 0, called: nil, parent: nil,
                                         description: step.description, expected: step.expected))
                stepRows.append([nextStep, versionId, step.description, step.expected, order + 1, 0])
                nextStep += 1
            }
            caseIDs[fingerprint] = caseId
            versions[caseId] = CaseVersion(versionId: versionId, name: name, steps: steps)
        }
        let batch = try historyBatch()
        try withoutTriggers(batch) {
            try insert(batch, into: "test_cases", columns: ["id", "project_id", "pid", "module_id", "sort_order", "creator_id", "created_date",
                                                                  "last_modified_date", "automation_content"], caseRows)
            try insert(batch, into: "test_case_versions", columns: ["id", "test_case_id", "major", "minor", "name", "description", "precondition",
                                                                          "is_approved", "creator_id", "created_date", "last_modified_date"], versionRows)
            try insert(batch, into: "test_steps", columns: ["id", "test_case_version_id", "description", "expected", "sort_order", "step_group"], stepRows)
            // New cases get their fields' defaults and Automation = Yes, as the one-by-one path gives them.
            let automationFields = try TestCaseAutomationFields(db, projectId: projectId)
            var values = try ObjectProperties.defaultValues(db, projectId: projectId, .testCase, excluding: automationFields.heldElsewhere)
            if let field = automationFields.automation, let yes = automationFields.yes {
                values.removeAll { $0.field == field.id }
                values.append((field.id, String(yes)))
            }
            try insertValues(values, kind: .testCaseVersion, objects: versionRows.compactMap { $0[0] as? Int64 }, batch: batch)
        }
    }
}
