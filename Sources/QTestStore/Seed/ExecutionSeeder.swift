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
                                      ContainerDraft(id: s.id, pid: s.pid, name: s.name, properties: DesignSeeder.properties(s.properties)),
                                      by: nil, at: now)
            }
        }
        for (i, r) in (p.testRuns ?? []).enumerated() {
            let runPath = "\(path).test_runs[\(i)]"
            _ = try DesignSeeder.at(runPath) {
                var versionID: Int64?
                if let text = r.testCaseVersion {
                    let v = try DesignSeeder.version(text, "\(runPath).test_case_version")
                    guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM test_case_versions WHERE test_case_id = ? AND major = ? AND minor = ?",
                                                      arguments: [r.testCaseId, v.major, v.minor]) else {
                        throw StoreError.badRequest("\(runPath).test_case_version: test case \(r.testCaseId) has no version \(text)")
                    }
                    versionID = id
                }
                let run = try TestRuns.create(db, projectId: projectId, under: try parent(r.parentType, r.parentId, runPath),
                                              TestRunDraft(id: r.id, pid: r.pid, name: r.name, testCaseId: r.testCaseId, testCaseVersionId: versionID,
                                                           properties: DesignSeeder.properties(r.properties)), by: nil, at: now)
                let steps = try ExecutionCases.steps(db, versionId: run.testCaseVersionId)
                for (j, l) in (r.testLogs ?? []).enumerated() {
                    let logPath = "\(runPath).test_logs[\(j)]"
                    let stepStatuses = l.stepStatusIds ?? []
                    guard stepStatuses.count <= steps.count else {
                        throw StoreError.badRequest("\(logPath).step_status_ids: the test case version has only \(steps.count) steps")
                    }
                    _ = try DesignSeeder.at(logPath) {
                        try TestLogs.submit(db, projectId: projectId, runId: run.id, TestLogDraft(
                            id: l.id, statusId: l.statusId, exeStartDate: try date(l.exeStartDate, "\(logPath).exe_start_date"),
                            exeEndDate: try date(l.exeEndDate, "\(logPath).exe_end_date"), note: l.note,
                            stepLogs: zip(steps, stepStatuses).map { StepLogDraft(testStepId: $0.id, statusId: $1) }),
                            by: l.testerId, at: now)
                    }
                }
            }
        }
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
