import Foundation
import GRDB

/// Store operations on CI settings, the way the Jenkins plugin uses them: it looks its job's
/// setting up by CI server and job name (falling back to the id it stored), then saves it on
/// every configuration save and every build.
///
/// ```swift
/// let saved = try CISettings.save(db, projectId: 108781,
///     CISettingDraft(ciServer: "http://ci:8080/jenkins", ciProject: "nightly", ciid: "02-42-AC-11-00-02:8080", releaseId: 500001),
///     by: userId, at: now)
/// try CISettings.lookup(db, projectId: 108781, type: "jenkins", server: "http://ci:8080/jenkins",
///                       project: "nightly", ciid: "02-42-ac-11-00-02:8080")   // → saved
/// ```
public enum CISettings {
    /// The setting of a CI job: same type (any case), server and job name, and the same CI
    /// server identity (any case) or none stored. Nil when there is none.
    ///
    /// With `ciid` nil any identity matches. A setting whose identity equals `ciid` wins over
    /// one stored without an identity; among equals the oldest wins.
    public static func lookup(_ db: Database, projectId: Int64, type: String, server: String, project: String,
                              ciid: String?) throws -> CISettingRecord? {
        let candidates = try settings(db, projectId: projectId, type: type, server: server, project: project)
        guard let ciid else { return candidates.first }
        let wanted = ciid.lowercased()
        return candidates.first { $0.ciid.lowercased() == wanted } ?? candidates.first { $0.ciid.isEmpty }
    }

    /// The setting `id` of `projectId`; 404 otherwise.
    public static func get(_ db: Database, projectId: Int64, _ id: Int64) throws -> CISettingRecord {
        try CISettingRecord.get(db, projectId: projectId, id)
    }

    /// Saves a job's setting (`POST …/ci`): the setting with the same CI identity (type, server,
    /// job name and server id) is updated when there is one, so a client that lost the id it
    /// was given does not make a second setting for the same job; otherwise a new one is made.
    public static func save(_ db: Database, projectId: Int64, _ draft: CISettingDraft, by userId: Int64?, at now: Date) throws -> CISettingRecord {
        let existing = try settings(db, projectId: projectId, type: draft.ciType, server: draft.ciServer, project: draft.ciProject)
            .first { $0.ciid.lowercased() == draft.ciid.lowercased() }
        return try write(db, projectId: projectId, over: existing, draft, by: userId, at: now)
    }

    /// The settings of one CI job, any server id, oldest first.
    private static func settings(_ db: Database, projectId: Int64, type: String, server: String, project: String) throws -> [CISettingRecord] {
        try CISettingRecord.fetchAll(db, sql: """
            SELECT * FROM ci_settings WHERE project_id = ? AND ci_server = ? AND ci_project = ? ORDER BY id
            """, arguments: [projectId, server, project]).filter { $0.ciType.lowercased() == type.lowercased() }
    }

    /// Replaces setting `id` with `draft` (`PUT …/ci/{id}`); 404 for an unknown id. The CI
    /// identity may change: that is how a renamed job keeps its setting.
    public static func update(_ db: Database, projectId: Int64, _ id: Int64, _ draft: CISettingDraft, by userId: Int64?,
                              at now: Date) throws -> CISettingRecord {
        let existing = try get(db, projectId: projectId, id)
        return try write(db, projectId: projectId, over: existing, draft, by: userId, at: now)
    }

    /// Remembers the suite an upload went to, so that the next upload reuses it.
    public static func recordUpload(_ db: Database, _ id: Int64, suiteId: Int64, at now: Date) throws {
        try db.execute(sql: "UPDATE ci_settings SET test_suite_id = ?, last_modified_date = ? WHERE id = ?", arguments: [suiteId, now, id])
    }

    // MARK: Checks

    /// The longest job name: a suite named after it, plus ` MM-dd-yyyy`, must stay within
    /// qTest's 500-character names.
    static let maxProjectLength = 489

    private static func write(_ db: Database, projectId: Int64, over existing: CISettingRecord?, _ draft: CISettingDraft,
                              by userId: Int64?, at now: Date) throws -> CISettingRecord {
        let ciType = try text(draft.ciType, "ci_type", max: 100)
        let server = try text(draft.ciServer, "ci_server", max: 2000)
        let project = try text(draft.ciProject, "ci_project", max: maxProjectLength)
        guard draft.ciid.count <= 200 else { throw StoreError.badRequest("Field 'ciid' must be at most 200 characters") }
        let releaseId = try reference(draft.releaseId, "release_id")
        if let releaseId {
            try ExecutionTree.check(db, projectId: projectId, ExecutionParent(type: .release, id: releaseId), allowed: [.release], child: "CI setting")
        }
        if let container = draft.container {
            try ExecutionTree.check(db, projectId: projectId, ExecutionParent(type: container.type, id: container.id),
                                    allowed: [.release, .testCycle, .testSuite], child: "CI setting container")
        }
        let testSuiteId = try reference(draft.testSuiteId, "test_suite_id") ?? 0
        let environmentId = try reference(draft.environmentId, "environment_id") ?? 0
        try CIEnvironment.check(db, projectId: projectId, environmentId)
        let moduleId = try module(db, projectId: projectId, sent: try reference(draft.moduleId, "module_id"), kept: existing?.moduleId,
                                  named: project, by: userId, at: now)
        let record = CISettingRecord(
            id: try existing?.id ?? IDs.next(db, .ciSetting), projectId: projectId, ciType: ciType, ciServer: server, ciProject: project,
            ciid: draft.ciid, releaseId: releaseId, containerType: draft.container?.type.rawValue, containerId: draft.container?.id,
            createNewTestSuite: draft.container?.createNewTestSuite ?? false, testSuiteId: testSuiteId, moduleId: moduleId,
            environmentId: environmentId, overwriteExistingTestSteps: draft.overwriteExistingTestSteps,
            creatorId: existing?.creatorId ?? userId, createdDate: existing?.createdDate ?? now, lastModifiedDate: now)
        if existing == nil { try record.insert(db) } else { try record.update(db) }
        return record
    }

    /// The module new test cases go under: the one sent if it exists (the plugin sends back
    /// what it was answered), else the one the setting has, else a root module named after
    /// the job (an existing one of that name is reused). A module that is gone is not an error:
    /// a failed save cancels the plugin's upload, and the module is the server's to choose.
    private static func module(_ db: Database, projectId: Int64, sent: Int64?, kept: Int64?, named name: String,
                               by userId: Int64?, at now: Date) throws -> Int64 {
        for candidate in [sent, kept].compactMap({ $0 }) where try exists(db, "modules", candidate, projectId) {
            return candidate
        }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let same = try Modules.children(db, projectId: projectId, parentId: nil).first(where: { $0.name == trimmed }) { return same.id }
        return try Modules.create(db, projectId: projectId, ModuleDraft(name: trimmed), by: userId, at: now).id
    }

    private static func exists(_ db: Database, _ table: String, _ id: Int64, _ projectId: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ? AND project_id = ?)", arguments: [id, projectId]) ?? false
    }

    /// A non-blank string of at most `max` characters.
    private static func text(_ value: String, _ field: String, max: Int) throws -> String {
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw StoreError.badRequest("Field '\(field)' is required") }
        guard value.count <= max else { throw StoreError.badRequest("Field '\(field)' must be at most \(max) characters") }
        return value
    }

    /// An optional id where 0 means none, as the plugin sends unset ids; negative ones are a 400.
    private static func reference(_ id: Int64?, _ field: String) throws -> Int64? {
        guard let id, id != 0 else { return nil }
        guard id > 0 else { throw StoreError.badRequest("Field '\(field)' must not be negative") }
        return id
    }
}
