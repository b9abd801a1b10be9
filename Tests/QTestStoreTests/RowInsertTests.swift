import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The hand-written INSERTs of `RowInserts.swift` must write exactly what GRDB reads back:
/// a column added to a record but not to its INSERT would otherwise be lost silently.
@Suite struct RowInsertTests {
    @Test func everyHotRecordRoundTrips() throws {
        let store = try QTestDatabase()
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        try store.write { db in
            let project = try Projects.create(db, ProjectDraft(name: "Rows"), by: nil, at: now)
            let module = try Modules.create(db, projectId: project.id, ModuleDraft(name: "M"), by: nil, at: now)
            let tc = TestCaseRecord(id: 7, projectId: project.id, pid: "TC-70", moduleId: module.id, sortOrder: 3, creatorId: nil,
                                    toscaGuid: "g", toscaNodePath: "/n", toscaTestCaseUniqueId: "u", toscaUrl: "http://t",
                                    createdDate: now, lastModifiedDate: now.addingTimeInterval(5))
            try tc.insertRow(db)
            #expect(try TestCaseRecord.fetchOne(db, key: 7) == tc)
            let version = TestCaseVersionRecord(id: 8, testCaseId: 7, major: 1, minor: 2, name: "v", description: "d", precondition: "p",
                                                isApproved: true, creatorId: nil, createdDate: now, lastModifiedDate: now)
            try version.insertRow(db)
            #expect(try TestCaseVersionRecord.fetchOne(db, key: 8) == version)
            let step = TestStepRecord(id: 9, testCaseVersionId: 8, description: "s", expected: "e", sortOrder: 1, stepGroup: 2,
                                      plainValueText: "pv", calledTestCaseId: 7, parentTestStepId: nil)
            try step.insertRow(db)
            #expect(try TestStepRecord.fetchOne(db, key: 9) == step)
            let run = TestRunRecord(id: 10, projectId: project.id, pid: "TR-1", name: "r", parentType: "root", releaseId: nil, testCycleId: nil,
                                    testSuiteId: nil, testCaseId: 7, testCaseVersionId: 8, statusId: 605, automation: "Yes", sortOrder: 1,
                                    toscaGuid: nil, toscaNodePath: nil, creatorId: nil, createdDate: now, lastModifiedDate: now, parameterValues: "{}")
            try run.insertRow(db)
            #expect(try TestRunRecord.fetchOne(db, key: 10) == run)
            let log = TestLogRecord(id: 11, projectId: project.id, testRunId: 10, testCaseVersionId: 8, statusId: 601, name: "l", note: "n",
                                    exeStartDate: now, exeEndDate: now.addingTimeInterval(1), buildNumber: "42", buildUrl: "http://ci",
                                    plannedExeTime: 5, actualExeTime: 6, resultNumber: 1, automationContent: "a.b", testerId: nil,
                                    createdDate: now, lastModifiedDate: now)
            try log.insertRow(db)
            #expect(try TestLogRecord.fetchOne(db, key: 11) == log)
            let stepLog = TestStepLogRecord(id: 12, testLogId: 11, testStepId: 9, statusId: 602, description: "s", expectedResult: "e",
                                            actualResult: "a", sortOrder: 1, stepGroup: 0, exeDate: now, userId: nil, calledTestCaseId: nil,
                                            parentTestStepId: nil)
            try stepLog.insertRow(db)
            #expect(try TestStepLogRecord.fetchOne(db, key: 12) == stepLog)
        }
    }

    @Test func idBlocksNeverRepeatAcrossTransactionsOrExplicitIds() throws {
        let store = try QTestDatabase()
        var seen = Set<Int64>()
        for round in 0..<3 {
            let ids: [Int64] = try store.write { db in
                var out: [Int64] = []
                for i in 0..<300 {
                    if i == 150 { try IDs.reserve(db, .testLog, (out.last ?? 0) + 3) ; out.append((out.last ?? 0) + 3) }
                    out.append(try IDs.next(db, .testLog))
                }
                return out
            }
            for id in ids { #expect(seen.insert(id).inserted, "id \(id) repeated in round \(round)") }
        }
        // A rolled-back transaction gives its ids back without leaving a block behind.
        struct Abort: Error {}
        _ = try? store.write { db in for _ in 0..<100 { _ = try IDs.next(db, .testRun) }; throw Abort() }
        let first = try store.write { db in try IDs.next(db, .testRun) }
        #expect(first == ObjectKind.testRun.firstID)
    }
}
