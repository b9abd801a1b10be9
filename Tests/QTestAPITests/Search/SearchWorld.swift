import Foundation
import Testing
import QTestStore
import TestSupport

/// A live emulator (demo seed) plus objects made for search tests, each named `Q-…` and created
/// a known hour apart on a fixed clock, so queries over names, dates and properties have
/// answers written down in advance. The demo seed's own objects are created at `seeded`, before
/// any of these.
final class SearchWorld {
    let h: EmulatorHarness
    let clock: FixedClock
    static let seeded = "2026-02-01T09:00:00Z"
    static let p = "/api/v3/projects/108781"

    var cases: [String: Int] = [:]
    var runs: [String: Int] = [:]
    var release = 0, build = 0, cycle = 0, nested = 0, targeted = 0, suite = 0
    var logs: [Int] = []
    var requirement = 0, defect = 0

    // Demo field ids (seed-data/demo.json).
    static let casePriority = 608942, caseAutomationContent = 608944, runAssignedTo = 608918, runFailureOutput = 608922
    static let requirementPriority = 608961, defectSummary = 608970, defectStatus = 608972

    init(_ mode: EmulatorHarness.Mode = .live) throws {
        clock = FixedClock(QTestDate.parse(Self.seeded) ?? Date())
        h = try EmulatorHarness(mode, clock: clock)
        clock.set(QTestDate.parse("2026-02-02T09:00:00Z") ?? Date())
        try populate()
    }

    /// Moves the clock one hour on: every object below has its own creation hour.
    func tick() { clock.advance(by: 3600) }

    func created(_ r: WireResponse, _ what: String) throws -> Int {
        guard (200...201).contains(r.status), let id = r.object["id"] as? Int else { throw TestClientError(description: "\(what): \(r)") }
        return id
    }

    private func populate() throws {
        let p = Self.p
        func testCase(_ name: String, _ properties: [[String: Any]] = []) throws {
            cases[name] = try created(h.post("\(p)/test-cases", json: ["name": name, "properties": properties,
                                                                       "test_steps": [["description": "step", "expected": "ok"]]]), name)
            tick()
        }
        try testCase("Q-Login works", [["field_id": Self.casePriority, "field_value": "726"],
                                       ["field_id": Self.caseAutomationContent, "field_value": "com.acme.LoginTest"]])   // 09:00
        try testCase("Q-Logout works", [["field_id": Self.casePriority, "field_value": 722]])                            // 10:00
        // Sent empty, Priority stays empty (not sent, a new case would get its default, Medium).
        let noPriority: [[String: Any]] = [["field_id": Self.casePriority, "field_value": ""]]
        try testCase("Q-It's \"quoted\"", noPriority)                                                                  // 11:00
        try testCase("Q-100% done_1", noPriority)                                                                        // 12:00
        // A case as automation uploads make it: Automation Content in its column, not a field.
        let now = clock.now()
        cases["Q-Uploaded"] = Int(try h.app.context.database.write { db in
            try TestCases.create(db, projectId: 108781, TestCaseDraft(name: "Q-Uploaded", properties: [PropertyInput(fieldId: Int64(Self.casePriority), value: nil)],
                                                                   automationContent: "com.acme.UploadTest"), by: 10001, at: now).0.id
        })                                                                                                               // 13:00
        tick()
        // A second version renames the case: searches see the latest name only.         14:00
        #expect(try h.put("\(p)/test-cases/\(cases["Q-Logout works"] ?? 0)", json: ["name": "Q-Logout really works"]).status == 200)
        cases["Q-Logout really works"] = cases.removeValue(forKey: "Q-Logout works")
        tick()

        release = try created(h.post("\(p)/releases", json: ["name": "Q-Release"]), "release")                           // 15:00
        build = try created(h.post("\(p)/builds", json: ["name": "Q-Build", "release": ["id": release]]), "build")
        tick()
        cycle = try created(h.post("\(p)/test-cycles?parentId=\(release)&parentType=release", json: ["name": "Q-Cycle"]), "cycle")
        nested = try created(h.post("\(p)/test-cycles?parentId=\(cycle)&parentType=test-cycle", json: ["name": "Q-Nested"]), "nested cycle")
        targeted = try created(h.post("\(p)/test-cycles?parentId=0&parentType=root",
                                      json: ["name": "Q-Targeted", "target_release_id": release, "target_build_id": build]), "targeted cycle")
        suite = try created(h.post("\(p)/test-suites?parentId=\(nested)&parentType=test-cycle", json: ["name": "Q-Suite"]), "suite")
        tick()                                                                                                           // 17:00
        func run(_ name: String, _ testCase: String, parent: Int, type: String, _ properties: [[String: Any]] = []) throws {
            runs[name] = try created(h.post("\(p)/test-runs?parentId=\(parent)&parentType=\(type)",
                                            json: ["name": name, "test_case": ["id": cases[testCase] ?? 0], "properties": properties]), name)
        }
        try run("Q-Run A", "Q-Login works", parent: suite, type: "test-suite",
                [["field_id": Self.runAssignedTo, "field_value": "[10002]"], ["field_id": Self.runFailureOutput, "field_value": "NullPointerException at Login"]])
        try run("Q-Run B", "Q-Logout really works", parent: cycle, type: "test-cycle")
        try run("Q-Run C", "Q-It's \"quoted\"", parent: 0, type: "root")
        tick()                                                                                                           // 18:00
        func log(_ run: String, _ status: Int, _ start: String, _ end: String) throws {
            logs.append(try created(h.post("\(p)/test-runs/\(runs[run] ?? 0)/test-logs",
                                           json: ["status": ["id": status], "exe_start_date": start, "exe_end_date": end, "note": "by \(run)"]), "log"))
        }
        try log("Q-Run A", 601, "2026-02-03T10:00:00Z", "2026-02-03T10:01:00Z")
        try log("Q-Run B", 602, "2026-02-04T23:30:00Z", "2026-02-05T00:10:00Z")
        tick()                                                                                                           // 19:00
        requirement = try created(h.post("\(p)/requirements", json: ["name": "Q-Req", "properties": [["field_id": Self.requirementPriority, "field_value": 313]]]), "requirement")
        defect = try created(h.post("\(p)/defects", json: ["properties": [["field_id": Self.defectSummary, "field_value": "Q-Crash on login"],
                                                                         ["field_id": Self.defectStatus, "field_value": 401]]]), "defect")
        tick()                                                                                                           // 20:00
    }

    // MARK: Asking

    @discardableResult
    func search(_ type: String, _ query: String?, fields: [String]? = ["*"], query string: String = "", token: String? = Demo.adminToken,
                path: String = "/search") throws -> WireResponse {
        var body: [String: Any] = ["object_type": type]
        if let query { body["query"] = query }
        if let fields { body["fields"] = fields }
        return try h.post("\(Self.p)\(path)\(string)", json: body, token: token)
    }

    /// The names of what `query` finds among this world's `Q-` objects (demo objects left out),
    /// in answer order; records an issue when the answer is not a 200 page.
    func names(_ type: String, _ query: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let r = try search(type, query, query: "?pageSize=999")
        #expect(r.status == 200, "\(type) \(query): \(r)", sourceLocation: sourceLocation)
        return Self.items(r).compactMap { item in
            let name = item["name"] as? String ?? (item["properties"] as? [[String: Any]])?.first { $0["field_name"] as? String == "Summary" }?["field_value"] as? String
            return name.flatMap { $0.hasPrefix("Q-") ? $0 : nil }
        }
    }

    /// The message of a refused query; records an issue unless it is a 400 `{message}`.
    func refusal(_ type: String, _ query: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try search(type, query)
        #expect(r.status == 400, "\(type) \(query): \(r)", sourceLocation: sourceLocation)
        #expect(Set(r.object.keys) == ["message"], "\(r)", sourceLocation: sourceLocation)
        return r.object["message"] as? String ?? ""
    }

    static func items(_ r: WireResponse) -> [[String: Any]] { r.object["items"] as? [[String: Any]] ?? [] }
}
