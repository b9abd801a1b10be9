import Foundation
import GRDB

/// Where the legacy Jenkins upload (`…/test-runs/0/auto-test-logs/ci/{configurationId}`) puts
/// its results, worked out from the setting named in the path. No source describes qTest's own
/// rule; this one follows what the plugin does itself in container mode:
///
/// 1. A setting whose container is a test suite uploads into that suite (it must still exist).
/// 2. Otherwise the suite sits directly in the setting's container (a release or test cycle),
///    else in its release, else at the root, and is named after the job (`ci_project`), plus
///    ` MM-dd-yyyy` (the store clock's date, UTC) when the container says "create a new test
///    suite every day".
/// 3. The suite the setting's last upload used (`test_suite_id`) is reused if it still sits
///    there with that name; else the first suite there with that name; else a new one, with
///    the setting's environment when that value is active.
///
/// ```swift
/// let suite = try CIUploadTarget.suite(db, for: setting, by: userId, at: now)
/// ```
public enum CIUploadTarget {
    public static func suite(_ db: Database, for setting: CISettingRecord, by userId: Int64?, at now: Date) throws -> TestSuiteRecord {
        let projectId = setting.projectId
        if let container = setting.container, container.type == .testSuite {
            guard let suite = try TestSuiteRecord.fetchOne(db, key: container.id), suite.projectId == projectId else {
                throw StoreError.notFound("Test suite \(container.id) of CI setting \(setting.id) does not exist")
            }
            return suite
        }
        let parent: ExecutionParent
        if let container = setting.container {
            parent = ExecutionParent(type: container.type, id: container.id)
        } else if let release = setting.releaseId {
            parent = ExecutionParent(type: .release, id: release)
        } else {
            parent = .root
        }
        try ExecutionTree.check(db, projectId: projectId, parent, allowed: TestSuites.allowedParents, child: "test suite")
        let name = suiteName(job: setting.ciProject, daily: setting.container?.createNewTestSuite ?? false, at: now)
        if setting.testSuiteId > 0, let last = try TestSuiteRecord.fetchOne(db, key: setting.testSuiteId),
           last.projectId == projectId, last.parent == parent, last.name == name {
            return last
        }
        if let same = try TestSuites.list(db, projectId: projectId, under: parent).first(where: { $0.name == name }) { return same }
        let environment = try CIEnvironment.property(db, projectId: projectId, setting.environmentId)
        return try TestSuites.create(db, projectId: projectId, under: parent,
                                     ContainerDraft(name: name, properties: environment.map { [$0] } ?? []), by: userId, at: now)
    }

    /// `nightly`, or `nightly 01-31-2026` for a suite per day: the plugin's own naming for
    /// container mode (it uses the Jenkins host's date; this uses the store clock's, in UTC).
    public static func suiteName(job: String, daily: Bool, at now: Date) -> String {
        let base = String(job.trimmingCharacters(in: .whitespacesAndNewlines).prefix(CISettings.maxProjectLength))
        guard daily else { return base }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: now)
        return base + String(format: " %02d-%02d-%04d", day.month ?? 1, day.day ?? 1, day.year ?? 1970)
    }
}
