import Foundation
import GRDB

/// Loads the test-execution sections of a seed project: `releases` (with builds),
/// `test_cycles`, `test_suites` and `test_runs` (with logs), in that order. Within a section a
/// parent must come before its children. Runs need their test cases, so this runs after the
/// design sections; defects link to runs, so they load after this.
enum ExecutionSeeder {
    static func load(_ p: SeedProject, projectId: Int64, path: String, into db: Database, at now: Date) throws {
        for (i, r) in (p.releases ?? []).enumerated() {
            let releasePath = "\(path).releases[\(i)]"
            let release = try DesignSeeder.at(releasePath) {
                try Releases.create(db, projectId: projectId, ReleaseDraft(
                    id: r.id, pid: r.pid, name: r.name, description: r.description, note: r.note,
                    startDate: try r.startDate.map { try date($0, "\(releasePath).start_date") },
                    endDate: try r.endDate.map { try date($0, "\(releasePath).end_date") },
                    properties: DesignSeeder.properties(r.properties)), by: nil, at: now)
            }
            for (j, b) in (r.builds ?? []).enumerated() {
                _ = try DesignSeeder.at("\(releasePath).builds[\(j)]") {
                    try Builds.create(db, projectId: projectId, releaseId: release.id, name: b.name, id: b.id, pid: b.pid,
                                      properties: DesignSeeder.properties(b.properties), by: nil, at: now)
                }
            }
        }
        for (i, c) in (p.testCycles ?? []).enumerated() {
            let cyclePath = "\(path).test_cycles[\(i)]"
            _ = try DesignSeeder.at(cyclePath) {
                try TestCycles.create(db, projectId: projectId, under: try parent(c.parentType, c.parentId, cyclePath),
                                      ContainerDraft(id: c.id, pid: c.pid, name: c.name, description: c.description,
                                                     targetReleaseId: c.targetReleaseId, targetBuildId: c.targetBuildId), by: nil, at: now)
            }
        }
        for (i, s) in (p.testSuites ?? []).enumerated() {
            let suitePath = "\(path).test_suites[\(i)]"
            _ = try DesignSeeder.at(suitePath) {
                try TestSuites.create(db, projectId: projectId, under: try parent(s.parentType, s.parentId, suitePath),
                                      ContainerDraft(id: s.id, pid: s.pid, name: s.name, targetReleaseId: s.targetReleaseId,
                                                     targetBuildId: s.targetBuildId, properties: DesignSeeder.properties(s.properties)),
                                      by: nil, at: now)
            }
        }
        for (i, r) in (p.testRuns ?? []).enumerated() {
            let runPath = "\(path).test_runs[\(i)]"
            _ = try DesignSeeder.at(runPath) {
                let versionID = try r.testCaseVersion.map { try version(db, caseId: r.testCaseId, $0, "\(runPath).test_case_version") }
                let run = try TestRuns.create(db, projectId: projectId, under: try parent(r.parentType, r.parentId, runPath),
                                              TestRunDraft(id: r.id, pid: r.pid, name: r.name, testCaseId: r.testCaseId, testCaseVersionId: versionID,
                                                           properties: DesignSeeder.properties(r.properties), automation: r.automation,
                                                           parameterValues: r.parameterValues), by: nil, at: now)
                for (j, l) in (r.testLogs ?? []).enumerated() {
                    try loadLog(l, run: run, projectId: projectId, path: "\(runPath).test_logs[\(j)]", into: db, at: now)
                }
                // A status set apart from the logs (exports) comes last, as it did in the source.
                if let status = r.statusId {
                    let resolved = try DesignSeeder.at("\(runPath).status_id") { try ExecutionStatuses.resolve(db, projectId: projectId, id: status) }
                    try db.execute(sql: "UPDATE test_runs SET status_id = ? WHERE id = ?", arguments: [resolved.id, run.id])
                }
            }
        }
    }

    static func loadLog(_ l: SeedTestLog, run: TestRunRecord, projectId: Int64, path logPath: String, into db: Database, at now: Date) throws {
        let versionID = try l.testCaseVersion.map { try version(db, caseId: run.testCaseId, $0, "\(logPath).test_case_version") }
        let steps = try ExecutionCases.steps(db, versionId: versionID ?? run.testCaseVersionId)
        var stepLogs: [StepLogDraft]
        if let full = l.testStepLogs {
            stepLogs = try full.enumerated().map { k, st in
                StepLogDraft(testStepId: st.testStepId, statusId: st.statusId, description: st.description, expectedResult: st.expectedResult,
                             actualResult: st.actualResult, order: st.order,
                             exeDate: try st.exeDate.map { try date($0, "\(logPath).test_step_logs[\(k)].exe_date") })
            }
        } else {
            let stepStatuses = l.stepStatusIds ?? []
            guard stepStatuses.count <= steps.count else {
                throw StoreError.badRequest("\(logPath).step_status_ids: the test case version has only \(steps.count) steps")
            }
            stepLogs = zip(steps, stepStatuses).map { StepLogDraft(testStepId: $0.id, statusId: $1) }
        }
        _ = try DesignSeeder.at(logPath) {
            try TestLogs.submit(db, projectId: projectId, runId: run.id, TestLogDraft(
                id: l.id, statusId: l.statusId, exeStartDate: try date(l.exeStartDate, "\(logPath).exe_start_date"),
                exeEndDate: try date(l.exeEndDate, "\(logPath).exe_end_date"), name: l.name, note: l.note, testCaseVersionId: versionID,
                buildNumber: l.buildNumber, buildUrl: l.buildUrl, plannedExeTime: l.plannedExeTime, actualExeTime: l.actualExeTime,
                automationContent: l.automationContent, stepLogs: stepLogs), by: l.testerId, at: now)
        }
    }

    /// The id of version `text` (`"1.0"`) of a case.
    static func version(_ db: Database, caseId: Int64, _ text: String, _ path: String) throws -> Int64 {
        let v = try DesignSeeder.version(text, path)
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM test_case_versions WHERE test_case_id = ? AND major = ? AND minor = ?",
                                          arguments: [caseId, v.major, v.minor]) else {
            throw StoreError.badRequest("\(path): test case \(caseId) has no version \(text)")
        }
        return id
    }

    static func parent(_ type: String?, _ id: Int64?, _ path: String) throws -> ExecutionParent {
        guard let type else { return ExecutionParent(type: .root, id: 0) }
        guard let t = ExecutionParentType(wire: type) else {
            throw StoreError.badRequest("\(path).parent_type: unknown parent type \"\(type)\"")
        }
        return ExecutionParent(type: t, id: id ?? 0)
    }

    static func date(_ text: String, _ path: String) throws -> Date {
        guard let d = QTestDate.parse(text) else { throw StoreError.badRequest("\(path): invalid date \"\(text)\"") }
        return d
    }
}
