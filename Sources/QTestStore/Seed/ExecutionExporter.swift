import Foundation
import GRDB

/// The test-execution sections of an exported project: releases with builds, cycles, suites,
/// and runs with their logs and step logs.
///
/// Orders count per parent (a release's cycles, a suite's runs …), so containers are sorted by
/// parent first and then by their stored order: the loader appends them in that order under
/// the same parents, which gives the same document back.
enum ExecutionExporter {
    static func export(_ db: Database, projectId: Int64, properties: PropertyExporter, into p: inout SeedProject) throws {
        p.releases = SeedExporter.nonEmpty(try ReleaseRecord.fetchAll(db, sql: "SELECT * FROM releases WHERE project_id = ? ORDER BY sort_order, id",
                                                                      arguments: [projectId]).map { r in
            var s = SeedRelease(name: r.name)
            s.id = r.id; s.pid = r.pid; s.description = r.description; s.note = r.note
            s.startDate = SeedExporter.date(r.startDate); s.endDate = SeedExporter.date(r.endDate)
            s.properties = properties.of(.release, r.id)
            s.builds = SeedExporter.nonEmpty(try BuildRecord.fetchAll(db, sql: "SELECT * FROM builds WHERE release_id = ? ORDER BY sort_order, id",
                                                                      arguments: [r.id]).map { b in
                var sb = SeedBuild(name: b.name)
                sb.id = b.id; sb.pid = b.pid; sb.properties = properties.of(.build, b.id)
                return sb
            })
            return s
        })
        let cycles = try TestCycleRecord.fetchAll(db, sql: "SELECT * FROM test_cycles WHERE project_id = ?", arguments: [projectId])
        p.testCycles = SeedExporter.nonEmpty(DesignExporter.treeOrder(cycles, id: \.id, parent: \.parentCycleId, order: \.sortOrder,
                                                                      rootGroup: { [$0.releaseId == nil ? 0 : 1, $0.releaseId ?? 0] }).map { c in
            var s = SeedTestCycle(name: c.name)
            s.id = c.id; s.pid = c.pid; s.description = c.description
            (s.parentType, s.parentId) = parent(c.parent)
            s.targetReleaseId = c.targetReleaseId; s.targetBuildId = c.targetBuildId
            return s
        })
        let target = try TestSuites.targetFieldIDs(db, projectId: projectId)
        p.testSuites = SeedExporter.nonEmpty(try TestSuiteRecord.fetchAll(db, sql: """
            SELECT * FROM test_suites WHERE project_id = ? ORDER BY parent_type, COALESCE(release_id, test_cycle_id, 0), sort_order, id
            """, arguments: [projectId]).map { t in
            var s = SeedTestSuite(name: t.name)
            s.id = t.id; s.pid = t.pid
            (s.parentType, s.parentId) = parent(t.parent)
            s.properties = properties.of(.testSuite, t.id, held: target)
            s.targetReleaseId = t.targetReleaseId; s.targetBuildId = t.targetBuildId
            return s
        })
        let status = try TestRuns.statusField(db, projectId: projectId).map { Set([$0.id]) } ?? []
        let defaultStatus = try ExecutionStatuses.defaultStatus(db, projectId: projectId)?.id ?? 605
        let versions = try versionTexts(db, projectId: projectId)
        p.testRuns = SeedExporter.nonEmpty(try TestRunRecord.fetchAll(db, sql: """
            SELECT * FROM test_runs WHERE project_id = ?
            ORDER BY parent_type, COALESCE(release_id, test_cycle_id, test_suite_id, 0), sort_order, id
            """, arguments: [projectId]).map { r in
            var s = SeedTestRun(testCaseId: r.testCaseId)
            s.id = r.id; s.pid = r.pid; s.name = r.name
            (s.parentType, s.parentId) = parent(r.parent)
            s.testCaseVersion = versions[r.testCaseVersionId]
            s.properties = properties.of(.testRun, r.id, held: status)
            let logs = try TestLogRecord.fetchAll(db, sql: "SELECT * FROM test_logs WHERE test_run_id = ? ORDER BY id", arguments: [r.id])
            s.testLogs = SeedExporter.nonEmpty(try logs.map { try log(db, $0, run: r, versions: versions) })
            // The loader ends a run at its last log's status; one set otherwise is kept apart.
            if r.statusId != (logs.last?.statusId ?? defaultStatus) { s.statusId = r.statusId }
            s.automation = r.automation; s.parameterValues = r.parameterValues
            return s
        })
    }

    static func log(_ db: Database, _ l: TestLogRecord, run: TestRunRecord, versions: [Int64: String]) throws -> SeedTestLog {
        var s = SeedTestLog(statusId: l.statusId, exeStartDate: SeedExporter.date(l.exeStartDate), exeEndDate: SeedExporter.date(l.exeEndDate))
        s.id = l.id; s.note = l.note; s.testerId = l.testerId; s.name = l.name
        if let v = l.testCaseVersionId, v != run.testCaseVersionId { s.testCaseVersion = versions[v] }
        s.buildNumber = l.buildNumber; s.buildUrl = l.buildUrl; s.plannedExeTime = l.plannedExeTime; s.actualExeTime = l.actualExeTime
        s.automationContent = l.automationContent
        // A manual step log whose step was deleted names no step, which a manual log cannot
        // be loaded with: it is left out.
        let steps = try TestLogs.stepLogs(db, logId: l.id).filter { $0.testStepId != nil || l.isAutomation }
        s.testStepLogs = SeedExporter.nonEmpty(steps.map { st in
            var e = SeedTestStepLog(testStepId: st.testStepId, statusId: st.statusId)
            e.description = st.description; e.expectedResult = st.expectedResult; e.actualResult = st.actualResult
            if st.testStepId == nil { e.order = st.sortOrder }
            if let d = st.exeDate, d != l.exeEndDate { e.exeDate = SeedExporter.date(d) }
            return e
        })
        return s
    }

    /// `"M.m"` of every case version of the project, by version id.
    static func versionTexts(_ db: Database, projectId: Int64) throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT v.id, v.major, v.minor FROM test_case_versions v JOIN test_cases c ON c.id = v.test_case_id WHERE c.project_id = ?
            """, arguments: [projectId]) {
            out[row[0]] = "\(row[1] as Int).\(row[2] as Int)"
        }
        return out
    }

    /// `parent_type` and `parent_id` of a container; nil for the root (the loader's default).
    static func parent(_ p: ExecutionParent) -> (String?, Int64?) {
        p.type == .root ? (nil, nil) : (p.type.rawValue, p.id)
    }
}
