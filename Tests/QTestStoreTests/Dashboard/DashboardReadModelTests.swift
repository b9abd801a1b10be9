import Foundation
import GRDB
import Testing
@testable import QTestStore

/// The read models the dashboard draws, called in-process: trees with their counts at any
/// depth, the two ways of reading each container's first runs compared row for row, a run's
/// history with its files, and job summaries.
@Suite struct DashboardReadModelTests {
    @Test func theDemoExecutionTreeCountsRunsAtEveryLevel() throws {
        let (store, _) = try ExecutionStoreTests.demo()
        try store.read { (db: Database) throws in
            let tree = try ExecutionOverview.load(db, projectId: 108781, runsPerNode: 20)
            #expect(tree.nodes[0].counts == [601: 2, 604: 1, 605: 1] && tree.nodes[0].descendants == 5)
            let release = try #require(tree.node(for: ExecutionParent(type: .release, id: 500001)))
            #expect(release.counts == tree.nodes[0].counts && release.directRuns == 0 && release.descendants == 4)
            let signIn = try #require(tree.node(for: ExecutionParent(type: .testSuite, id: 2300001)))
            #expect(signIn.runs.map(\.pid) == ["TR-1", "TR-2"] && signIn.counts == [601: 2] && signIn.totalRuns == 2)
            let path = try #require(tree.path(to: ExecutionParent(type: .testSuite, id: 2300002)))
            #expect(path.map(\.pid) == ["", "RL-1", "CL-1", "CL-2", "TS-2"])
            #expect(tree.node(for: ExecutionParent(type: .testSuite, id: 99)) == nil)
            #expect(try ExecutionOverview.load(db, projectId: 108782, runsPerNode: 20).nodes.count == 1, "an empty project is its root")
        }
    }

    @Test func bothWaysOfReadingTheFirstRunsAgree() throws {
        let (store, now) = try ExecutionStoreTests.demo()
        try store.write { (db: Database) throws in
            let release = ExecutionParent(type: .release, id: 500001)
            let cycle = ExecutionParent(type: .testCycle, id: 1200001)
            // 320 suites with 1 to 25 runs (more than the 20 shown), and runs at the root, in a
            // release and in a cycle directly.
            for i in 0..<320 {
                let suite = try TestSuites.create(db, projectId: 108781, under: i % 2 == 0 ? release : cycle, ContainerDraft(name: "S\(i)"), by: nil, at: now)
                for _ in 0..<(1 + i % 25) {
                    try TestRuns.create(db, projectId: 108781, under: ExecutionParent(type: .testSuite, id: suite.id), TestRunDraft(testCaseId: 40000001), by: nil, at: now)
                }
            }
            for parent in [ExecutionParent.root, release, cycle] {
                for _ in 0..<3 { try TestRuns.create(db, projectId: 108781, under: parent, TestRunDraft(testCaseId: 40000002), by: nil, at: now) }
            }
            let each = try ExecutionOverview.load(db, projectId: 108781, runsPerNode: 20, perContainerQueries: 10_000)
            let onePass = try ExecutionOverview.load(db, projectId: 108781, runsPerNode: 20, perContainerQueries: 0)
            #expect(each.nodes.count == onePass.nodes.count && each.nodes.count == 1 + 5 + 320)
            for (a, b) in zip(each.nodes, onePass.nodes) {
                #expect(a.container == b.container && a.runs == b.runs && a.counts == b.counts, "\(a.container)")
                #expect(a.runs.count == min(20, a.directRuns))
            }
            #expect(each.nodes[0].runs.count == 3 && each.nodes[0].totalRuns == 4 + 9 + (0..<320).reduce(0) { $0 + 1 + $1 % 25 })
        }
    }

    @Test func theDemoDesignTreeHasItsCasesAtTheirLatestVersion() throws {
        let (store, _) = try ExecutionStoreTests.demo()
        try store.read { (db: Database) throws in
            let design = try DesignOverview.load(db, projectId: 108781, casesPerModule: 20)
            let store = try #require(design.module(6100001))
            #expect(store.totalCases == 4 && store.directCases == 0 && store.descendants == 3)
            #expect(design.cases(in: 6100002).map(\.pid) == ["TC-1", "TC-2"])
            let wrong = try #require(design.cases(in: 6100002).last)
            #expect(wrong.version == "1.1" && !wrong.isApproved && wrong.automationContent == "tests/auth/test_signin.py::test_wrong_password")
            #expect(wrong.steps.map(\.description) == ["Open the sign-in page", "Enter a valid e-mail and a wrong password"])
            #expect(try #require(design.cases(in: 6100004).first).steps.first?.calledTestCaseId == 40000001)
            #expect(design.path(to: 6100004)?.map(\.pid) == ["", "MD-1", "MD-3", "MD-4"])
            let page = try DesignOverview.cases(db, projectId: 108781, moduleId: 6100002, paging: Paging(page: 2, pageSize: 1))
            #expect(page.total == 2 && page.items.map(\.pid) == ["TC-2"])
            #expect(try DesignOverview.cases(db, projectId: 108781, moduleId: 0, paging: .all).total == 0, "no case without a module")
        }
    }

    @Test func aRunsHistoryIsNewestFirstWithItsFilesAndCappedSteps() throws {
        let (store, now) = try ExecutionStoreTests.demo()
        try store.write { (db: Database) throws in
            let logs = try TestLogs.list(db, projectId: 108781, runId: 31000001, paging: .all).items
            let latest = try #require(logs.last)
            let step = try #require(try TestLogs.stepLogs(db, logId: latest.id).first)
            try Attachments.add(db, projectId: 108781, to: .testLog, latest.id, name: "log.txt", contentType: "text/plain", data: Data("a".utf8), by: nil, at: now)
            try Attachments.add(db, projectId: 108781, to: .testStepLog, step.id, name: "step.png", contentType: "image/png", data: Data([1]), by: nil, at: now)
            let history = try RunHistory.load(db, projectId: 108781, runId: 31000001, logs: Paging(page: 1, pageSize: 20), stepsPerLog: 2)
            #expect(history.logs.items.map(\.log.id) == logs.map(\.id).reversed(), "newest first")
            let first = try #require(history.logs.items.first)
            #expect(first.attachments.map(\.name) == ["log.txt"] && first.steps.first?.attachments.map(\.name) == ["step.png"])
            #expect(first.steps.count == 2 && first.stepCount == 3 && first.tester == "tester@example.com")
            #expect(history.testCasePid == "TC-1" && history.testCaseVersion == "1.0")
            #expect(history.properties.contains { $0.fieldName == "Priority" && $0.valueName == "High" })
            #expect(throws: StoreError.self) { try RunHistory.load(db, projectId: 108782, runId: 31000001, logs: .all) }
            #expect(try RunHistory.attachment(db, projectId: 108782, first.attachments[0].id) == nil, "another project's file")
        }
    }

    @Test func jobSummariesCutTheirTexts() throws {
        let (store, now) = try ExecutionStoreTests.demo()
        try store.write { (db: Database) throws in
            let big = String(repeating: "x", count: 10_000)
            let job = try Jobs.enqueue(db, projectId: 108781, userId: 10001, type: "AUTOMATION_TEST_LOG", request: big, at: now)
            try Jobs.finish(db, job.id, .failed, content: "why: " + big, contentType: "text/plain", at: now.addingTimeInterval(2))
            _ = try Jobs.enqueue(db, projectId: 108781, userId: nil, type: "AUTOMATION_TEST_LOG", request: "{}", at: now)
            let page = try JobSummaries.page(db, paging: Paging(page: 1, pageSize: 10), excerpt: 100)
            #expect(page.total == 2 && page.items.map(\.id) == [job.id + 1, job.id], "newest first")
            let failed = page.items[1]
            #expect(failed.request.count == 100 && failed.requestLength == 10_000 && failed.content?.count == 100 && failed.contentLength == 10_005)
            #expect(failed.state == .failed && failed.username == "api-test@qasymphony.com" && failed.updatedDate == now.addingTimeInterval(2))
            #expect(page.items[0].username == nil && page.items[0].content == nil)
        }
    }
}
