import Foundation
import GRDB

/// Applies an automation upload (a batch of results) to the store: test cases found by their
/// automation content or created, runs found in place or created, one log per result.
///
/// It runs inside the job worker's transaction, so an upload is applied whole or not at all.
/// Lookups made once per upload (modules, cycles, statuses) are cached for the length of it.
public final class AutomationImport {
    let db: Database
    let projectId: Int64
    let userId: Int64?
    let now: Date
    private var statusIDs: [String: Int64] = [:]
    private var moduleIDs: [String: Int64] = [:]
    private var cycleIDs: [String: Int64] = [:]
    /// Lets tests force the per-result path, to compare it with the bulk one (which takes every upload).
    var allowsBulk = true
    /// Lets tests keep the history triggers on in the bulk path, to compare them with
    /// ``HistoryBatch``'s statements.
    var batchesHistories = true

    /// Starts an import into `projectId` on behalf of `userId`.
    public init(_ db: Database, projectId: Int64, userId: Int64?, at now: Date) {
        self.db = db
        self.projectId = projectId
        self.userId = userId
        self.now = now
    }

    // MARK: Suite upload (v3.1)

    /// Where a suite upload's runs go: an existing suite, or a new one.
    public enum SuiteTarget: Sendable, Equatable {
        case existing(suiteId: Int64)
        case new(name: String, under: ExecutionParent)
    }

    /// v3.1 upload: every result becomes a run (reused when the suite already has one for the
    /// case) with a new log, inside one suite. New cases go under `caseModuleId`, or under an
    /// "Automation" module below `parentModuleId` (the root when nil) unless
    /// `skipAutomationModule` puts them directly in `parentModuleId`.
    public func importIntoSuite(_ target: SuiteTarget, parentModuleId: Int64?, skipAutomationModule: Bool,
                                _ results: [AutomationResult]) throws -> (suite: TestSuiteRecord, logs: Int) {
        let suite: TestSuiteRecord
        switch target {
        case let .existing(id): suite = try TestSuiteRecord.get(db, projectId: projectId, id)
        case let .new(name, parent):
            suite = try TestSuites.create(db, projectId: projectId, under: parent, ContainerDraft(name: name), by: userId, at: now)
        }
        if let parentModuleId { _ = try Modules.get(db, projectId: projectId, parentModuleId) }
        let baseModule = skipAutomationModule ? parentModuleId : try module(named: "Automation", under: parentModuleId)
        let location = ExecutionParent(type: .testSuite, id: suite.id)
        let modules = try results.map { try modulePath($0.moduleNames, under: baseModule) }
        if allowsBulk {
            try importBulk(results, caseModules: modules, locations: Array(repeating: location, count: results.count))
        } else {
            for (index, result) in results.enumerated() {
                try record(result, index: index, caseModule: modules[index], runLocation: location)
            }
        }
        return (suite, results.count)
    }

    // MARK: Tree upload (v3)

    /// v3 upload: `module_names` become nested modules under the root (reused by name at each
    /// level) and the same nested cycles under `cycleRoot`; each result's run sits in the
    /// deepest of those cycles (or directly in `cycleRoot`). Returns the cycle the upload
    /// started from and the number of logs.
    public func importTree(under cycleRoot: ExecutionParent, _ results: [AutomationResult]) throws -> Int {
        try ExecutionTree.check(db, projectId: projectId, cycleRoot, allowed: [.root, .release, .testCycle], child: "test cycle")
        // Folders first (modules, then the same names as cycles), then the results.
        let modules = try results.map { try modulePath($0.moduleNames, under: nil) }
        let locations = try results.map { result in
            try result.moduleNames.reduce(cycleRoot) { parent, name in ExecutionParent(type: .testCycle, id: try cycle(named: name, under: parent)) }
        }
        if allowsBulk {
            try importBulk(results, caseModules: modules, locations: locations)
        } else {
            for (index, result) in results.enumerated() {
                try record(result, index: index, caseModule: modules[index], runLocation: locations[index])
            }
        }
        return results.count
    }

    // MARK: Single result (v3, testRunId = 0)

    /// `POST …/test-runs/0/auto-test-logs`: the result's run goes into a root suite named
    /// `suiteName` (reused by name), new cases into a root "Automation" module.
    public func importSingle(_ result: AutomationResult, suiteName: String) throws -> TestLogRecord {
        let suiteId: Int64
        if let existing = try TestSuites.list(db, projectId: projectId, under: .root).first(where: { $0.name == suiteName }) {
            suiteId = existing.id
        } else {
            suiteId = try TestSuites.create(db, projectId: projectId, under: .root, ContainerDraft(name: suiteName), by: userId, at: now).id
        }
        let module = try self.module(named: "Automation", under: nil)
        return try record(result, index: 0, caseModule: try modulePath(result.moduleNames, under: module),
                          runLocation: ExecutionParent(type: .testSuite, id: suiteId))
    }

    /// Stores inline attachments on a log (the single-run endpoints share this with uploads).
    public func attach(_ attachments: [AutomationAttachment], toLog logId: Int64) throws {
        for attachment in attachments {
            try Attachments.add(db, projectId: projectId, to: .testLog, logId, name: attachment.name,
                                contentType: attachment.contentType, data: attachment.data, by: userId, at: now)
        }
    }

    // MARK: Shared steps

    /// Finds or creates the case, finds or creates its run at `runLocation`, submits the log.
    @discardableResult
    public func record(_ result: AutomationResult, index: Int, caseModule: Int64?, runLocation: ExecutionParent) throws -> TestLogRecord {
        let steps = try result.orderedSteps(index: index)
        let statusId = try status(result.status, index: index)
        let stepStatuses = try steps.map { try status($0.status, index: index) }
        let fingerprint = result.fingerprint
        let (caseId, newVersionId) = try testCase(for: result, fingerprint: fingerprint, steps: steps, moduleId: caseModule, index: index)
        // A case made just now has one version; naming it spares the run a lookup of the latest.
        let runId = try run(caseId: caseId, versionId: result.testCaseVersionId ?? newVersionId, name: result.name, at: runLocation,
                            automationContent: fingerprint)
        let draft = TestLogDraft(
            statusId: statusId, exeStartDate: result.exeStartDate, exeEndDate: result.exeEndDate, name: result.name,
            note: result.note, testCaseVersionId: result.testCaseVersionId, buildNumber: result.buildNumber, buildUrl: result.buildUrl,
            automationContent: fingerprint, runProperties: result.properties,
            stepLogs: zip(steps, stepStatuses).enumerated().map { order, pair in
                StepLogDraft(statusId: pair.1, description: pair.0.description, expectedResult: pair.0.expected,
                             actualResult: pair.0.actual, order: order + 1)
            })
        let log = try TestLogs.submit(db, projectId: projectId, runId: runId, draft, by: userId, at: now)
        try attach(result.attachments, toLog: log.id)
        if steps.contains(where: { !$0.attachments.isEmpty }) {
            let stepLogs = try TestLogs.stepLogs(db, logId: log.id)
            for (step, stepLog) in zip(steps, stepLogs) {
                for attachment in step.attachments {
                    try Attachments.add(db, projectId: projectId, to: .testStepLog, stepLog.id, name: attachment.name,
                                        contentType: attachment.contentType, data: attachment.data, by: userId, at: now)
                }
            }
        }
        return log
    }

    /// The status id for a tool's string; unknown strings fail the upload with a reason.
    func status(_ text: String, index: Int) throws -> Int64 {
        let key = text.lowercased()
        if let id = statusIDs[key] { return id }
        do {
            let id = try ExecutionStatuses.resolve(db, projectId: projectId, automation: text).id
            statusIDs[key] = id
            return id
        } catch let error as StoreError {
            throw StoreError.badRequest("test_logs[\(index)]: \(error.message)")
        }
    }

    /// The case whose automation content is the result's fingerprint, or a new one with the
    /// result's steps. A version id may only be named for a case that exists.
    /// Returns the case id, and the id of its version when the case was created here.
    func testCase(for result: AutomationResult, fingerprint: String, steps: [AutomationStepResult], moduleId: Int64?,
                  index: Int) throws -> (Int64, Int64?) {
        if let existing = try db.cachedValue(Int64.self, sql: """
            SELECT id FROM test_cases WHERE project_id = ? AND automation_content = ? ORDER BY id LIMIT 1
            """, arguments: [projectId, fingerprint]) {
            return (existing, nil)
        }
        if result.testCaseVersionId != nil {
            throw StoreError.badRequest("test_logs[\(index)]: test_case_version_id must be omitted for a test case that does not exist yet")
        }
        let name = WhiteSpace.trimmed(result.name).isEmpty ? fingerprint : result.name
        let (testCase, version) = try TestCases.create(db, projectId: projectId, TestCaseDraft(
            name: String(name.prefix(500)), moduleId: moduleId,
            properties: try ObjectProperties.known(db, projectId: projectId, .testCase, result.testCaseProperties),
            steps: steps.map { TestStepDraft(description: $0.description, expected: $0.expected) }, automationContent: fingerprint),
            by: userId, at: now)
        return (testCase.id, version.id)
    }

    /// The run of `caseId` at `location`, or a new one there.
    func run(caseId: Int64, versionId: Int64?, name: String, at location: ExecutionParent, automationContent: String) throws -> Int64 {
        let column: String = switch location.type {
        case .root: "release_id IS NULL AND test_cycle_id IS NULL AND test_suite_id IS NULL AND ?1 = 0"
        case .release: "release_id = ?1"
        case .testCycle: "test_cycle_id = ?1"
        case .testSuite: "test_suite_id = ?1"
        }
        if let existing = try db.cachedValue(Int64.self, sql: """
            SELECT id FROM test_runs WHERE project_id = ?2 AND test_case_id = ?3 AND \(column) ORDER BY id LIMIT 1
            """, arguments: [location.id, projectId, caseId]) {
            return existing
        }
        return try TestRuns.create(db, projectId: projectId, under: location,
                                   TestRunDraft(testCaseId: caseId, testCaseVersionId: versionId, automation: "Yes"),
                                   by: userId, at: now).id
    }

    /// Nested modules named `path` under `parent` (nil = root), reusing same-named ones.
    func modulePath(_ path: [String], under parent: Int64?) throws -> Int64? {
        var current = parent
        for name in path { current = try module(named: name, under: current) }
        return current
    }

    func module(named rawName: String, under parent: Int64?) throws -> Int64 {
        let name = WhiteSpace.trimmed(rawName)
        let key = "\(parent ?? 0)/\(name)"
        if let id = moduleIDs[key] { return id }
        let id: Int64
        if let existing = try Modules.children(db, projectId: projectId, parentId: parent).first(where: { $0.name == name }) {
            id = existing.id
        } else {
            id = try Modules.create(db, projectId: projectId, ModuleDraft(name: name, parentId: parent), by: userId, at: now).id
        }
        moduleIDs[key] = id
        return id
    }

    func cycle(named rawName: String, under parent: ExecutionParent) throws -> Int64 {
        let name = WhiteSpace.trimmed(rawName)
        let key = "\(parent.type.rawValue):\(parent.id)/\(name)"
        if let id = cycleIDs[key] { return id }
        let id: Int64
        if let existing = try TestCycles.list(db, projectId: projectId, under: parent).first(where: { $0.name == name }) {
            id = existing.id
        } else {
            id = try TestCycles.create(db, projectId: projectId, under: parent, ContainerDraft(name: name), by: userId, at: now).id
        }
        cycleIDs[key] = id
        return id
    }
}
