import Foundation
import QTestStore

/// The JSON of a search hit: the object as its own GET route answers it, written by that
/// route's encoder, so a search item and a GET of the same object never disagree.
enum SearchItems {
    /// What the query string asks to include (the vendor's defaults: no steps, no log
    /// properties).
    struct Options: Sendable {
        /// `appendTestSteps=true`: test cases carry `test_steps`.
        var appendTestSteps = false
        /// `includeTestLogProperties=true`: test logs carry `properties` and `test_step_logs`.
        var includeTestLogProperties = false
        /// `includeExternalProperties=true`: accepted; requirements here have no external
        /// (Jira) properties to add.
        var includeExternalProperties = false
        /// Test cases with their `properties` (false only when `fields` leaves them out).
        var withProperties = true

        init(appendTestSteps: Bool = false, includeTestLogProperties: Bool = false, includeExternalProperties: Bool = false) {
            self.appendTestSteps = appendTestSteps
            self.includeTestLogProperties = includeTestLogProperties
            self.includeExternalProperties = includeExternalProperties
        }

        init(_ context: some RequestReading) throws {
            appendTestSteps = try context.queryBool("appendTestSteps") ?? false
            includeTestLogProperties = try context.queryBool("includeTestLogProperties") ?? false
            includeExternalProperties = try context.queryBool("includeExternalProperties") ?? false
        }
    }

    /// The objects `ids` of `type`, encoded and narrowed (objects gone meanwhile left out).
    ///
    /// Reading a test case's properties is most of what encoding it costs, so when `fields`
    /// keeps only keys a case has without them (`["id", "name"]`, what uploaders ask for), the
    /// cases are encoded without: the first one shows which keys those are.
    static func encode(_ type: SearchObjectType, _ ids: [Int64], projectID: Int64, _ db: StoreDatabase, _ context: some RequestReading,
                       _ options: Options, _ narrowing: FieldNarrowing) throws -> [JSON] {
        var options = options
        if type == .testCases, let names = narrowing.names, !names.contains("properties"), let first = ids.first {
            options.withProperties = false
            let keys = Set((try encode(type, first, projectID: projectID, db, context, options)?.objectValue ?? []).map { $0.0.lowercased() })
            options.withProperties = !names.isSubset(of: keys)
        }
        return try ids.compactMap { id in try encode(type, id, projectID: projectID, db, context, options).map(narrowing.apply) }
    }

    /// The object `id` of `type` in the project, encoded; nil if it is gone.
    static func encode(_ type: SearchObjectType, _ id: Int64, projectID: Int64, _ db: StoreDatabase, _ context: some RequestReading,
                       _ options: Options) throws -> JSON? {
        switch type {
        case .releases:
            return try ReleaseRecord.find(db, projectId: projectID, id).map { try ReleaseRoutes.encode($0, db, context) }
        case .builds:
            return try BuildRecord.find(db, projectId: projectID, id).map { try BuildRoutes.encode($0, db, context) }
        case .testCycles:
            return try TestCycleRecord.find(db, projectId: projectID, id).map { TestCycleRoutes.encode($0, context) }
        case .testSuites:
            return try TestSuiteRecord.find(db, projectId: projectID, id).map { try TestSuiteRoutes.encode($0, db, context) }
        case .testRuns:
            return try TestRuns.find(db, projectId: projectID, id).map { try TestRunWire.encode($0, db, context) }
        case .testCases:
            return try TestCaseRecord.find(db, projectId: projectID, id).map {
                try TestCaseRoutes.encodeLatest($0, db, context, steps: options.appendTestSteps ? .steps : .none, withProperties: options.withProperties)
            }
        case .requirements:
            return try RequirementRecord.find(db, projectId: projectID, id).map { try RequirementRoutes.encode($0, db, context) }
        case .defects:
            return try DefectRecord.find(db, projectId: projectID, id).map { try DefectRoutes.encode($0, db, context) }
        case .testLogs:
            guard let log = try TestLogRecord.fetchOne(db, key: id), log.projectId == projectID else { return nil }
            let json = try TestLogWire.encode(log, db, context)
            guard !options.includeTestLogProperties else { return json }
            return .object((json.objectValue ?? []).filter { $0.0 != "properties" && $0.0 != "test_step_logs" })
        }
    }
}
