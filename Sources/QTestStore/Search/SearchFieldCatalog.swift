import Foundation

/// The system fields a query may name for each object type, by every name clients use for them
/// (the web app's labels, the JSON keys, the ids the vendor's examples use).
///
/// Names compare by their letters and digits only, in any case: `'Created Date'`,
/// `created_date` and `CreatedDate` are one field. Custom fields are looked up by
/// ``SearchFieldResolver`` after these.
enum SearchFieldCatalog {
    struct Entry: Sendable {
        var names: [String]
        var field: SearchField
    }

    /// `'Test Case Id'` → `testcaseid`.
    static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static func entry(_ label: String, _ aliases: [String] = [], _ type: SearchValueType, _ source: SearchFieldSource) -> Entry {
        Entry(names: ([label] + aliases).map(key), field: SearchField(label: label, type: type, source: source))
    }

    static func column(_ name: String, nullable: Bool = false) -> SearchFieldSource { .column(name, nullable: nullable) }

    /// The system field of `type` called `name`, if there is one.
    static func field(_ type: SearchObjectType, named name: String) -> SearchField? {
        let k = key(name)
        return entries(type).first { $0.names.contains(k) }?.field
    }

    /// `id`, `pid`, `name` and the two dates, which nearly every type has.
    static func head(_ type: SearchObjectType, name: SearchFieldSource = column("name")) -> [Entry] {
        [
            entry("id", [], .reference(type.objectKind), column("id")),
            entry("pid", [], .text, column("pid")),
            entry("Name", [], .text, name),
            entry("Created Date", ["created"], .date, column("created_date")),
            entry("Last Modified Date", ["last modified", "updated"], .date, column("last_modified_date")),
            entry("Created By", ["creator", "creator id"], .user, column("creator_id", nullable: true)),
        ]
    }

    static let targetReleaseBuild: [Entry] = [
        entry("Target Release/Build", ["target release build", "target release or build"], .integer, .targetReleaseOrBuild),
        entry("Target Release", ["target release id"], .reference(.release), column("target_release_id", nullable: true)),
        entry("Target Build", ["target build id"], .reference(.build), column("target_build_id", nullable: true)),
    ]

    static func entries(_ type: SearchObjectType) -> [Entry] {
        switch type {
        case .releases:
            head(type) + [
                entry("Description", [], .text, column("description", nullable: true)),
                entry("Note", [], .text, column("note", nullable: true)),
                entry("Start Date", [], .date, column("start_date", nullable: true)),
                entry("End Date", [], .date, column("end_date", nullable: true)),
            ]
        case .builds:
            head(type) + [entry("Release Id", ["release"], .reference(.release), column("release_id"))]
        case .testCycles:
            head(type) + targetReleaseBuild + [
                entry("Description", [], .text, column("description", nullable: true)),
                entry("Release Id", ["release"], .reference(.release), .underRelease),
                entry("Test Cycle Id", ["test cycle", "parent test cycle"], .reference(.testCycle), .underCycle),
            ]
        case .testSuites:
            head(type) + targetReleaseBuild + [
                entry("Release Id", ["release"], .reference(.release), .underRelease),
                entry("Test Cycle Id", ["test cycle"], .reference(.testCycle), .underCycle),
            ]
        case .testRuns:
            head(type) + [
                entry("Status", ["execution status", "status id"], .status, column("status_id")),
                entry("Test Case Id", ["test case", "testcaseid"], .reference(.testCase), column("test_case_id")),
                entry("Test Case Version Id", [], .integer, column("test_case_version_id")),
                entry("Test Suite Id", ["test suite"], .reference(.testSuite), column("test_suite_id", nullable: true)),
                entry("Test Cycle Id", ["test cycle"], .reference(.testCycle), .underCycle),
                entry("Release Id", ["release"], .reference(.release), .underRelease),
                entry("Automation", [], .text, column("automation", nullable: true)),
            ]
        case .testLogs:
            [
                entry("id", [], .reference(.testLog), column("id")),
                entry("Name", [], .text, column("name", nullable: true)),
                entry("Status", ["execution status", "status id"], .status, column("status_id")),
                entry("Execution Start Date", ["exe start date", "start date"], .date, column("exe_start_date")),
                entry("Execution End Date", ["exe end date", "end date"], .date, column("exe_end_date")),
                entry("Test Run Id", ["test run"], .reference(.testRun), column("test_run_id")),
                entry("Test Case Id", ["test case"], .reference(.testCase), .run(column("test_case_id"))),
                entry("Test Case Version Id", [], .integer, column("test_case_version_id", nullable: true)),
                entry("Test Suite Id", ["test suite"], .reference(.testSuite), .run(column("test_suite_id", nullable: true))),
                entry("Test Cycle Id", ["test cycle"], .reference(.testCycle), .run(.underCycle)),
                entry("Release Id", ["release"], .reference(.release), .run(.underRelease)),
                entry("Tester", ["executed by", "tester id", "executor"], .user, column("tester_id", nullable: true)),
                entry("Build Number", [], .text, column("build_number", nullable: true)),
                entry("Build URL", [], .text, column("build_url", nullable: true)),
                entry("Note", [], .text, column("note", nullable: true)),
                entry("Automation Content", [], .text, column("automation_content", nullable: true)),
                entry("Planned Execution Time", ["planned exe time"], .integer, column("planned_exe_time", nullable: true)),
                entry("Actual Execution Time", ["actual exe time"], .integer, column("actual_exe_time", nullable: true)),
                entry("Created Date", ["created"], .date, column("created_date")),
                entry("Last Modified Date", ["last modified", "updated"], .date, column("last_modified_date")),
            ]
        case .testCases:
            head(type, name: .versionColumn("name")) + [
                entry("Description", [], .text, .versionColumn("description")),
                entry("Precondition", [], .text, .versionColumn("precondition")),
                entry("Module Id", ["module", "parent id", "parent module"], .reference(.module), column("module_id", nullable: true)),
                // "Automation Content" is resolved with the field of that label too (see
                // SearchFieldResolver): uploads write the column, clients may write the field.
                entry("Automation Content", [], .text, column("automation_content", nullable: true)),
            ]
        case .requirements:
            head(type) + [
                entry("Module Id", ["module", "parent id", "parent module"], .reference(.module), column("module_id", nullable: true)),
            ]
        case .defects:
            [
                entry("id", [], .reference(.defect), column("id")),
                entry("pid", [], .text, column("pid")),
                entry("Submitted Date", ["created date", "created", "submitted"], .date, column("submitted_date")),
                entry("Last Modified Date", ["last modified", "updated"], .date, column("last_modified_date")),
                entry("Submitter", ["submitted by", "created by", "submitter id", "reporter"], .user, column("submitter_id", nullable: true)),
                entry("Last Modified By", ["last modified user id"], .user, column("last_modified_user_id", nullable: true)),
            ]
        }
    }

    /// Other names of custom fields: a defect's name is its Summary.
    static func customAliases(_ type: SearchObjectType) -> [String: String] {
        type == .defects ? ["name": "Summary"] : [:]
    }
}
