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

    /// The objects `ids` of `type`, encoded and narrowed, in the order of `ids` (objects gone
    /// meanwhile left out); the records are read in one statement per page.
    ///
    /// Reading a test case's properties is most of what encoding it costs, so when `fields`
    /// keeps only keys a case has without them (`["id", "name"]`, what uploaders ask for), the
    /// cases are encoded without: the first one shows which keys those are.
    static func encode(_ type: SearchObjectType, _ ids: [Int64], projectID: Int64, _ db: StoreDatabase, _ context: some RequestReading,
                       _ options: Options, _ narrowing: FieldNarrowing) throws -> [JSON] {
        func each<R: StoreRecord & Identifiable>(_ record: R.Type, _ encode: (R) throws -> JSON) throws -> [JSON] where R.ID == Int64 {
            try SearchRecords.records(record, db, projectId: projectID, ids).map { narrowing.apply(try encode($0)) }
        }
        switch type {
        case .releases: return try each(ReleaseRecord.self) { try ReleaseRoutes.encode($0, db, context) }
        case .builds: return try each(BuildRecord.self) { try BuildRoutes.encode($0, db, context) }
        case .testCycles: return try each(TestCycleRecord.self) { TestCycleRoutes.encode($0, context) }
        case .testSuites: return try each(TestSuiteRecord.self) { try TestSuiteRoutes.encode($0, db, context) }
        case .testRuns: return try each(TestRunRecord.self) { try TestRunWire.encode($0, db, context) }
        case .requirements: return try each(RequirementRecord.self) { try RequirementRoutes.encode($0, db, context) }
        case .defects: return try each(DefectRecord.self) { try DefectRoutes.encode($0, db, context) }
        case .testLogs:
            return try each(TestLogRecord.self) { log in
                let json = try TestLogWire.encode(log, db, context)
                guard !options.includeTestLogProperties else { return json }
                return .object((json.objectValue ?? []).filter { $0.0 != "properties" && $0.0 != "test_step_logs" })
            }
        case .testCases:
            let cases = try SearchRecords.testCases(db, projectId: projectID, ids)
            let steps: StepDetail = options.appendTestSteps ? .steps : .none
            var withProperties = true
            if let names = narrowing.names, !names.contains("properties"), let (tc, version) = cases.first {
                let keys = Set((try TestCaseRoutes.encode(tc, version, db, context, steps: steps, withProperties: false).objectValue ?? [])
                    .map { $0.0.lowercased() })
                withProperties = !names.isSubset(of: keys)
            }
            return try cases.map { tc, version in
                narrowing.apply(try TestCaseRoutes.encode(tc, version, db, context, steps: steps, withProperties: withProperties))
            }
        }
    }
}
