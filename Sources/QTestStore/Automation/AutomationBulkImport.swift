import Foundation
import GRDB

/// The bulk path of an upload: the same rows as ``AutomationImport/record(_:index:caseModule:runLocation:)``
/// writes one result at a time, planned for the whole batch and written with multi-row INSERTs,
/// ids and PIDs allocated in blocks, and each lookup made once per batch instead of per result.
///
/// Every result shape takes it: run properties (the field list is read once, each value checked
/// as the per-result path checks it), version ids (each pair checked once), log and step
/// attachments. Only cases created with `testcase_properties` are still made one at a time, by
/// the per-result path's own code, since their fields mix with the automation fields there; their
/// runs and logs stay bulk. A test writes the same uploads both ways and compares every row.
extension AutomationImport {
    /// One result, checked and resolved before anything is written.
    private struct PreparedResult {
        let steps: [AutomationStepResult]
        let status: Int64
        let stepStatuses: [Int64]
        let fingerprint: String
        /// The run properties the upload sets (unknown fields dropped, Status taken out).
        let runProperties: [PropertyInput]
        /// A Status sent as a run property: the run's status instead of the log's.
        let runStatus: Int64?
    }

    struct PlannedStep { let id: Int64; let order: Int; let group: Int; let called: Int64?; let parent: Int64?
        let description: String; let expected: String }
    struct CaseVersion { let versionId: Int64; let name: String; var steps: [PlannedStep] }
    private struct PlannedRun { let id: Int64; let caseId: Int64; let versionId: Int64; var status: Int64; let isNew: Bool; var logs: Int64
        let location: ExecutionParent }
    /// A run's place: its container and its case.
    private struct RunKey: Hashable { let type: ExecutionParentType; let parent: Int64; let caseId: Int64 }

    /// The column of `test_runs` that points at a container of `type` (nil for the root).
    private static func runColumn(_ type: ExecutionParentType) -> String? {
        switch type {
        case .root: nil
        case .release: "release_id"
        case .testCycle: "test_cycle_id"
        case .testSuite: "test_suite_id"
        }
    }

    /// The versions whose steps the logs of step 4 are matched against, other than those of cases
    /// this upload creates (their steps are planned): the same choice step 4 makes per log.
    private func matchedVersions(_ results: [AutomationResult], _ prepared: [PreparedResult], _ locations: [ExecutionParent], _ caseIDs: [String: Int64],
                                 _ runs: [RunKey: PlannedRun], _ versions: [Int64: CaseVersion],
                                 _ checkedVersion: (Int64, Int64) throws -> ExecutionCases.Version) throws -> Set<Int64> {
        var wanted = Set<Int64>()
        for (index, result) in results.enumerated() where !prepared[index].steps.isEmpty {
            let caseId = try known(caseIDs[prepared[index].fingerprint], "case")
            let run = try known(runs[RunKey(type: locations[index].type, parent: locations[index].id, caseId: caseId)], "run")
            let logVersion = try result.testCaseVersionId.map { try checkedVersion($0, run.caseId).versionId } ?? run.versionId
            if versions[caseId]?.versionId != logVersion { wanted.insert(logVersion) }
        }
        return wanted
    }

    func importBulk(_ results: [AutomationResult], caseModules: [Int64?], locations: [ExecutionParent]) throws {
        // Nothing to plan: an empty block of ids is refused by the allocator.
        guard !results.isEmpty else { return }
        // 1. Validate every result first, with the per-result path's messages.
        var prepared: [PreparedResult] = []
        prepared.reserveCapacity(results.count)
        let hasRunProperties = results.contains { !$0.properties.isEmpty }
        // Looked up once: the run fields an upload may set, and the one that is the run's Status.
        let runFields = hasRunProperties ? Set(try ObjectProperties.fieldInfo(db, projectId: projectId, .testRun).map(\.id)) : []
        let runStatusField = hasRunProperties ? try ObjectProperties.fieldID(db, projectId: projectId, .testRun, label: "Status") : nil
        for (index, result) in results.enumerated() {
            let steps = try result.orderedSteps(index: index)
            let status = try self.status(result.status, index: index)
            let stepStatuses = try steps.map { try self.status($0.status, index: index) }
            guard result.exeEndDate >= result.exeStartDate else { throw StoreError.badRequest("exe_end_date must not be before exe_start_date") }
            // As `TestLogs.submit` reads them: unknown fields ignored, a Status is the run's status.
            var runStatus: Int64?
            var runProperties: [PropertyInput] = []
            for input in result.properties where runFields.contains(input.fieldId) {
                guard input.fieldId == runStatusField else { runProperties.append(input); continue }
                guard let text = input.value, !text.isEmpty else { continue }
                guard let id = Int64(text) else { throw StoreError.badRequest("Field value is invalid. Status must be an execution status id") }
                runStatus = try ExecutionStatuses.resolve(db, projectId: projectId, id: id).id
            }
            prepared.append(PreparedResult(steps: steps, status: status, stepStatuses: stepStatuses, fingerprint: result.fingerprint,
                                           runProperties: runProperties, runStatus: runStatus))
        }

        // 2. Cases: found by fingerprint in one pass, the missing ones created together.
        var caseIDs = try existingCases(Set(prepared.map(\.fingerprint)))
        var versions: [Int64: CaseVersion] = [:]  // for cases created here, by case id
        try createCases(results, prepared.map { ($0.fingerprint, $0.steps) }, caseModules, &caseIDs, &versions)
        // A version id names a version of the result's case (checked once per pair; the named
        // versions read together first, a pair they do not answer looked up alone).
        var checkedVersions = try ExecutionCases.versions(db, projectId: projectId, versionIds: Set(results.compactMap(\.testCaseVersionId)))
        func checkedVersion(_ versionId: Int64, ofCase caseId: Int64) throws -> ExecutionCases.Version {
            if let known = checkedVersions[versionId], known.caseId == caseId { return known }
            let found = try ExecutionCases.version(db, projectId: projectId, caseId: caseId, versionId: versionId)
            checkedVersions[versionId] = found
            return found
        }

        // 3. Runs: the existing run of each case at its place (the oldest), else a new one there.
        var runs: [RunKey: PlannedRun] = [:]
        let places = orderedUniqueParents(locations)
        for place in places {
            try ExecutionTree.check(db, projectId: projectId, place, allowed: TestRuns.allowedParents, child: "test run")
            let filter = Self.runColumn(place.type).map { "\($0) = ?2" } ?? "parent_type = 'root' AND ?2 = 0"
            let statement = try db.cachedStatement(sql: """
                SELECT id, test_case_id, test_case_version_id FROM test_runs WHERE project_id = ?1 AND \(filter) ORDER BY id
                """)
            for row in try Row.fetchAll(statement, arguments: [projectId, place.id]) {
                let key = RunKey(type: place.type, parent: place.id, caseId: row[1])
                if runs[key] == nil { runs[key] = PlannedRun(id: row[0], caseId: key.caseId, versionId: row[2], status: 0, isNew: false, logs: -1, location: place) }
            }
        }
        var neededRuns: [RunKey] = []
        // The version a new run is made with: the one its first result names, if it names one.
        var namedVersion: [RunKey: Int64] = [:]
        var planned = Set<RunKey>()
        for (index, p) in prepared.enumerated() {
            let key = RunKey(type: locations[index].type, parent: locations[index].id, caseId: try known(caseIDs[p.fingerprint], "case"))
            if runs[key] == nil, planned.insert(key).inserted {
                neededRuns.append(key)
                namedVersion[key] = results[index].testCaseVersionId
            }
        }
        var runNames: [RunKey: String] = [:]
        if !neededRuns.isEmpty {
            // The latest versions of the cases that get a run without naming a version, together.
            let unnamed = neededRuns.filter { namedVersion[$0] == nil && versions[$0.caseId] == nil }.map(\.caseId)
            let latest = try ExecutionCases.latestVersions(db, projectId: projectId, caseIds: Set(unnamed))
            let firstID = try IDs.block(db, .testRun, count: neededRuns.count)
            let defaultStatus = try ExecutionStatuses.defaultStatus(db, projectId: projectId)?.id ?? 605
            for (i, key) in neededRuns.enumerated() {
                let version: (id: Int64, name: String)
                if let named = namedVersion[key] {
                    let v = try checkedVersion(named, ofCase: key.caseId)
                    version = (v.versionId, v.name)
                } else if let made = versions[key.caseId] { version = (made.versionId, made.name) } else {
                    let v = try latest[key.caseId] ?? ExecutionCases.version(db, projectId: projectId, caseId: key.caseId, versionId: nil)
                    version = (v.versionId, v.name)
                }
                runs[key] = PlannedRun(id: firstID + Int64(i), caseId: key.caseId, versionId: version.id, status: defaultStatus, isNew: true, logs: 0,
                                       location: ExecutionParent(type: key.type, id: key.parent))
                runNames[key] = version.name
            }
        }

        // 4. Logs and step logs, in submission order; each becomes its run's latest. The steps of
        // the versions the logs are matched against are read first, in one query.
        var stepsOfVersion = try ExecutionCases.steps(db, versionIds: try matchedVersions(results, prepared, locations, caseIDs, runs, versions, checkedVersion))
        var logRows: [[(any DatabaseValueConvertible)?]] = []
        var stepLogRows: [[(any DatabaseValueConvertible)?]] = []
        let firstLog = try IDs.block(db, .testLog, count: results.count)
        let stepLogCount = prepared.reduce(0) { $0 + $1.steps.count }
        var nextStepLog = stepLogCount > 0 ? try IDs.block(db, .testStepLog, count: stepLogCount) : 0
        let created = StorageDate.text(now)
        var logIDs: [Int64] = []
        var logRuns: [Int64] = []
        // A result's step logs as the per-result path reads them back to attach files: by order, then id.
        var stepLogsInOrder: [Int: [Int64]] = [:]
        for (index, result) in results.enumerated() {
            let p = prepared[index]
            let caseId = try known(caseIDs[p.fingerprint], "case")
            let key = RunKey(type: locations[index].type, parent: locations[index].id, caseId: caseId)
            var run = try known(runs[key], "run")
            if run.logs < 0 {
                run.logs = try db.cachedValue(Int64.self, sql: "SELECT COUNT(*) FROM test_logs WHERE test_run_id = ?", arguments: [run.id]) ?? 0
            }
            run.logs += 1
            run.status = p.runStatus ?? p.status
            runs[key] = run
            // A named version is the log's (and its steps are matched against it), else the run's.
            let logVersion = try result.testCaseVersionId.map { try checkedVersion($0, ofCase: run.caseId).versionId } ?? run.versionId
            let logId = firstLog + Int64(index)
            logIDs.append(logId)
            logRuns.append(run.id)
            let end = StorageDate.text(result.exeEndDate)
            logRows.append([logId, projectId, run.id, logVersion, p.status, result.name, result.note, StorageDate.text(result.exeStartDate),
                            end, result.buildNumber, result.buildUrl, nil, nil, run.logs, p.fingerprint, userId, created, created])
            guard !p.steps.isEmpty else { continue }
            let caseSteps: [(id: Int64, order: Int, group: Int, called: Int64?, parent: Int64?)]
            if let made = versions[caseId], made.versionId == logVersion {
                caseSteps = made.steps.map { ($0.id, $0.order, $0.group, $0.called, $0.parent) }
            } else {
                if stepsOfVersion[logVersion] == nil { stepsOfVersion[logVersion] = try ExecutionCases.steps(db, versionId: logVersion) }
                caseSteps = try known(stepsOfVersion[logVersion], "steps").map { ($0.id, $0.order, $0.group, $0.calledTestCaseId, $0.parentTestStepId) }
            }
            var placed: [(id: Int64, order: Int)] = []
            for (i, step) in p.steps.enumerated() {
                let match = i < caseSteps.count ? caseSteps[i] : nil
                stepLogRows.append([nextStepLog, logId, match?.id, p.stepStatuses[i], step.description, step.expected, step.actual ?? "",
                                    match?.order ?? (i + 1), match?.group ?? 0, end, userId, match?.called, match?.parent])
                placed.append((nextStepLog, match?.order ?? (i + 1)))
                nextStepLog += 1
            }
            if p.steps.contains(where: { !$0.attachments.isEmpty }) {
                stepLogsInOrder[index] = placed.sorted { ($0.order, $0.id) < ($1.order, $1.id) }.map(\.id)
            }
        }

        // 5. Write: runs (new ones already carry their final status), logs, step logs; their
        // histories written per statement, not per row, when that can be done.
        let newRuns = try neededRuns.map { try known(runs[$0], "run") }
        let batch = try historyBatch()
        try withoutTriggers(batch) {
            if !newRuns.isEmpty {
                let firstPID = try PIDs.block(db, project: projectId, .testRun, count: newRuns.count)
                var orders: [ExecutionParent: Int] = [:]
                var rows: [[(any DatabaseValueConvertible)?]] = []
                for (i, run) in newRuns.enumerated() {
                    let place = run.location
                    if orders[place] == nil {
                        orders[place] = try ExecutionTree.nextOrder(db, "test_runs", projectId: projectId, where: Self.runColumn(place.type),
                                                                    place.type == .root ? nil : place.id) - 1
                    }
                    let order = try known(orders[place], "order") + 1
                    orders[place] = order
                    rows.append([run.id, projectId, "TR-\(firstPID + Int64(i))", runNames[neededRuns[i]], place.type.rawValue,
                                 place.type == .release ? place.id : nil, place.type == .testCycle ? place.id : nil,
                                 place.type == .testSuite ? place.id : nil, run.caseId, run.versionId, run.status, "Yes", order,
                                 userId, created, created])
                }
                try insert(batch, into: "test_runs", columns: ["id", "project_id", "pid", "name", "parent_type", "release_id", "test_cycle_id",
                                                                    "test_suite_id", "test_case_id", "test_case_version_id", "status_id", "automation",
                                                                    "sort_order", "creator_id", "created_date", "last_modified_date"], rows)
                // Defaults of the run fields; Status lives in `status_id`.
                let status = try ObjectProperties.fieldID(db, projectId: projectId, .testRun, label: "Status")
                try insertValues(try ObjectProperties.defaultValues(db, projectId: projectId, .testRun, excluding: status.map { [$0] } ?? []),
                                 kind: .testRun, objects: newRuns.map(\.id), batch: batch)
            }
            try insert(batch, into: "test_logs", columns: ["id", "project_id", "test_run_id", "test_case_version_id", "status_id", "name", "note",
                                                                 "exe_start_date", "exe_end_date", "build_number", "build_url", "planned_exe_time",
                                                                 "actual_exe_time", "result_number", "automation_content", "tester_id",
                                                                 "created_date", "last_modified_date"], logRows)
            try insert(batch, into: "test_step_logs", columns: ["id", "test_log_id", "test_step_id", "status_id", "description", "expected_result",
                                                                      "actual_result", "sort_order", "step_group", "exe_date", "user_id",
                                                                      "called_test_case_id", "parent_test_step_id"], stepLogRows)
        }
        // In id order: the histories these updates record come out the same every time.
        for run in runs.values.sorted(by: { $0.id < $1.id }) where !run.isNew && run.logs > 0 {
            try db.cachedExecute(sql: "UPDATE test_runs SET status_id = ?, last_modified_date = ? WHERE id = ?", arguments: [run.status, now, run.id])
        }
        // 6. What each result adds to the rows above, in submission order as the per-result path
        // adds it: the run's properties, then the log's attachments, then its steps'.
        // (Attachments have no triggers and properties do not read them: they are written last,
        // together, in the same order.)
        let runFieldRecords = hasRunProperties ? try ObjectProperties.fieldsByID(db, projectId: projectId, .testRun) : [:]
        var files: [Attachments.NewFile] = []
        for (index, result) in results.enumerated() {
            let p = prepared[index]
            if !p.runProperties.isEmpty {
                try ObjectProperties.apply(db, fields: runFieldRecords, fieldKind: .testRun, valueKind: .testRun, objectId: logRuns[index],
                                           p.runProperties)
            }
            for attachment in result.attachments {
                files.append(.init(kind: .testLog, objectId: logIDs[index], name: attachment.name, contentType: attachment.contentType,
                                   data: attachment.data))
            }
            for (step, stepLog) in zip(p.steps, stepLogsInOrder[index] ?? []) {
                for attachment in step.attachments {
                    files.append(.init(kind: .testStepLog, objectId: stepLog, name: attachment.name, contentType: attachment.contentType,
                                       data: attachment.data))
                }
            }
        }
        try Attachments.addAll(db, projectId: projectId, files, by: userId, at: now)
    }
}
