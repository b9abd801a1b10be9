import Foundation
import GRDB
import Testing
@testable import QTestStore

/// Store-level rules of test design, called in-process (no HTTP).
@Suite struct DesignStoreTests {
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    func makeStore() throws -> (QTestDatabase, Int64) {
        let store = try QTestDatabase()
        let project = try store.write { (db: Database) throws in try Projects.create(db, ProjectDraft(name: "Design"), by: nil, at: now).id }
        return (store, project)
    }

    @Test func versionsCountMinorsAsIntegersAndApproveToNextMajor() throws {
        let (store, p) = try makeStore()
        let texts: [String] = try store.write { (db: Database) throws in
            let (tc, first) = try TestCases.create(db, projectId: p, TestCaseDraft(name: "V", steps: [TestStepDraft(description: "s")]), by: nil, at: now)
            var seen = [first.versionText]
            for _ in 0..<9 { seen.append(try TestCases.update(db, projectId: p, tc.id, TestCasePatch(description: "d"), by: nil, at: now).1.versionText) }
            seen.append(try TestCaseVersions.approve(db, caseId: tc.id, by: nil, at: now).versionText)
            seen.append(try TestCaseVersions.approve(db, caseId: tc.id, by: nil, at: now).versionText) // already approved: unchanged
            seen.append(try TestCases.update(db, projectId: p, tc.id, TestCasePatch(name: "V2"), by: nil, at: now).1.versionText)
            seen.append(try TestCaseVersions.approve(db, caseId: tc.id, by: nil, at: now).versionText)
            seen.append(contentsOf: try TestCaseVersions.listed(db, caseId: tc.id).map(\.versionText))
            // every version has its own step rows
            let stepRows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM test_steps") ?? 0
            seen.append("steps=\(stepRows)")
            return seen
        }
        #expect(texts == ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.10", "1.0", "1.0", "1.1", "2.0", "1.0", "2.0", "steps=13"])
    }

    @Test func stepsStayNumberedFromOne() throws {
        let (store, p) = try makeStore()
        let orders: [[String]] = try store.write { (db: Database) throws in
            let drafts = (1...3).map { TestStepDraft(description: "s\($0)") }
            let (tc, v) = try TestCases.create(db, projectId: p, TestCaseDraft(name: "S", steps: drafts), by: nil, at: now)
            func texts() throws -> [String] { try TestSteps.list(db, versionId: v.id).map { "\($0.sortOrder):\($0.description)" } }
            var out: [[String]] = []
            let inserted = try TestSteps.add(db, projectId: p, caseId: tc.id, TestStepDraft(description: "new", order: 2), by: nil, at: now)
            out.append(try texts())
            _ = try TestSteps.update(db, projectId: p, caseId: tc.id, stepId: inserted.id, description: nil, expected: nil, plainValueText: nil,
                                     calledTestCaseId: nil, order: 4, by: nil, at: now)
            out.append(try texts())
            try TestSteps.delete(db, caseId: tc.id, stepId: inserted.id, updateVersion: false, by: nil, at: now)
            out.append(try texts())
            return out
        }
        #expect(orders == [["1:s1", "2:new", "3:s2", "4:s3"], ["1:s1", "2:s2", "3:s3", "4:new"], ["1:s1", "2:s2", "3:s3"]])
    }

    @Test func modulesRefuseCyclesAndNonForcedDeletes() throws {
        let (store, p) = try makeStore()
        try store.write { (db: Database) throws in
            let a = try Modules.create(db, projectId: p, ModuleDraft(name: "A"), by: nil, at: now)
            let b = try Modules.create(db, projectId: p, ModuleDraft(name: "B", parentId: a.id), by: nil, at: now)
            #expect(throws: StoreError.self) { try Modules.move(db, projectId: p, a.id, under: b.id, at: now) }
            #expect(throws: StoreError.self) { try Modules.move(db, projectId: p, a.id, under: a.id, at: now) }
            #expect(throws: StoreError.self) { try Modules.delete(db, projectId: p, a.id, force: false) }
            try Modules.delete(db, projectId: p, a.id, force: true)
            #expect(try ModuleRecord.fetchCount(db) == 0)
        }
    }

    @Test func failedWriteChangesNothing() throws {
        let (store, p) = try makeStore()
        #expect(throws: StoreError.self) {
            try store.write { (db: Database) throws in
                _ = try TestCases.create(db, projectId: p, TestCaseDraft(name: "ok"), by: nil, at: now)
                _ = try TestCases.create(db, projectId: p, TestCaseDraft(name: "bad", moduleId: 42), by: nil, at: now)
            }
        }
        #expect(try store.read { (db: Database) throws in try TestCaseRecord.fetchCount(db) } == 0)
        #expect(try store.read { (db: Database) throws in try ModuleRecord.fetchCount(db) } == 0)
    }

    @Test func linksAreReadFromBothEndsAndStayInTheProject() throws {
        let (store, p) = try makeStore()
        try store.write { (db: Database) throws in
            let other = try Projects.create(db, ProjectDraft(name: "Other"), by: nil, at: now).id
            let (tc, _) = try TestCases.create(db, projectId: p, TestCaseDraft(name: "c"), by: nil, at: now)
            let (foreign, _) = try TestCases.create(db, projectId: other, TestCaseDraft(name: "f"), by: nil, at: now)
            let r = try Requirements.create(db, projectId: p, RequirementDraft(name: "r"), by: nil, at: now)
            try ObjectLinks.link(db, projectId: p, .requirement, r.id, to: .testCase, [tc.id, tc.id], at: now)
            #expect(try ObjectLinks.linkedIDs(db, .testCase, tc.id, of: .requirement) == [r.id])
            #expect(throws: StoreError.self) { try ObjectLinks.link(db, projectId: p, .requirement, r.id, to: .testCase, [foreign.id], at: now) }
            try TestCases.delete(db, projectId: p, tc.id)
            #expect(try Requirements.coveringCaseIDs(db, r.id).isEmpty)
        }
    }
}
