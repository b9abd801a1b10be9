import Foundation
import Testing
import QTestAPI
import TestSupport

/// Every route of the route table, called with hostile path, query and body values, must leave
/// the server up and never answer 5xx. Seeded and bounded: the same requests on every run.
@Suite struct HostileInputTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pathValues = ["9223372036854775807", "-9223372036854775808", "99999999999999999999", "0", "-1", "1e400",
                             "%00", "%FF%FE", String(repeating: "a", count: 5000), "TC-1", "1", "108781"]
    static let queryStrings = [
        "page=9223372036854775807&pageSize=999&size=999",
        "page=-9223372036854775808&pageSize=-9223372036854775808&size=-1",
        "page=1&pageSize=9223372036854775807&size=9223372036854775807",
        "parentId=9223372036854775807&parentType=test-cycle&expand=descendants&force=true",
        "parentId=-1&parentType=release&type=automation&ids=1e400,9223372036854775808&startTime=9999-99-99",
        "type=automation&escapeXml=maybe&includeClosed=%00&search=%FF&expand=teststep,descendants",
        "forceDelete=true&force=true&fields=" + String(repeating: "x", count: 5000),
    ]

    static let hugeNumbers = ["1e400", "-1e400", "1e300", "1e19", "-1e19", "9223372036854775808", "-9223372036854775809", "0.5", "-0"]
    static let hostileValues = hugeNumbers + [
        "\"\(String(repeating: "é", count: 5000))\"", "\"before\\u0000after\"", "\"\"", "\"\\ud800\"", "null", "[]", "{}", "true",
        "-9223372036854775808", "9223372036854775807", String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000),
        "[" + Array(repeating: "1e400", count: 200).joined(separator: ",") + "]",
        "[{\"field_id\":1,\"field_value\":1e300}]", "[{\"field_id\":1e19,\"field_value\":\"x\"}]",
    ]

    /// The keys real routes read, with ordinary values; a body takes these and makes one to three
    /// of them hostile, so that most of it passes validation and the hostile value gets deep.
    static let ordinaryBody: [(String, String)] = [
        ("name", "\"hostile walk\""), ("description", "\"d\""), ("parentId", "0"), ("parent_id", "0"),
        ("properties", "[{\"field_id\":1,\"field_value\":\"1\"}]"), ("status", "\"PASSED\""), ("order", "1"),
        ("start_date", "\"2026-01-01T00:00:00Z\""), ("end_date", "\"2026-01-02T00:00:00Z\""), ("template_id", "1"),
        ("target_release_id", "1"), ("target_build_id", "1"), ("test_case", "{\"id\":1}"), ("test_case_id", "1"),
        ("exe_start_date", "\"2026-01-01T00:00:00Z\""), ("exe_end_date", "\"2026-01-01T00:00:01Z\""),
        ("test_steps", "[{\"description\":\"s\",\"expected\":\"e\",\"order\":1}]"),
        ("test_logs", "[{\"name\":\"t\",\"status\":\"PASSED\",\"automation_content\":\"a.b\",\"exe_start_date\":\"2026-01-01T00:00:00Z\",\"exe_end_date\":\"2026-01-01T00:00:01Z\",\"module_names\":[\"m\"],\"properties\":[{\"field_id\":1,\"field_value\":1e300}]}]"),
        ("userIds", "[10002]"), ("userProfileId", "700004"), ("admin_ids", "[10001]"), ("ids", "[1]"), ("links", "[\"TC-1\"]"),
        ("query", "\"Name ~ 'a'\""), ("fields", "[\"*\"]"), ("content", "\"c\""), ("id", "1"),
    ]

    /// A body: mostly ordinary JSON with a few hostile values, or one of a few hostile shapes.
    static func body(_ rng: inout Seeded) -> Data {
        switch rng.next() % 10 {
        case 0: return Data((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8)
        case 1: return Data(([0xFF, 0xFE, 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D] as [UInt8]))
        case 2: return Data("[]".utf8)
        case 3: return Data("{\"test_logs\":[],\"items\":[],\"test_steps\":[],\"properties\":[]}".utf8)
        default:
            var fields = ordinaryBody
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let i = Int(rng.next() % UInt64(fields.count))
                fields[i].1 = hostileValues.randomElement(using: &rng)!
            }
            return Data(("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}").utf8)
        }
    }

    /// Real ids from the demo seed by path-parameter name, so that hostile bodies reach handlers
    /// past their "does it exist" checks.
    static func seedIDs(_ h: EmulatorHarness) throws -> [String: String] {
        func first(_ path: String, _ key: String = "id") throws -> String? {
            let json = try h.get(path).json
            let object = json as? [String: Any]
            let items = (json as? [[String: Any]]) ?? (object?["items"] as? [[String: Any]]) ?? (object?["ldaps"] as? [[String: Any]]) ?? []
            return items.first.flatMap { $0[key] }.map { "\($0)" }
        }
        let p = "/api/v3/projects/108781"
        var ids: [String: String] = ["projectId": "108781", "userId": "10002", "objectType": "test-cases", "linkType": "requirements"]
        ids["releaseId"] = try first(p + "/releases")
        ids["buildId"] = try first(p + "/builds")
        ids["testCycleId"] = try first(p + "/test-cycles")
        ids["testSuiteId"] = try first(p + "/test-suites")
        ids["testRunId"] = try first(p + "/test-runs")
        ids["testCaseId"] = try first(p + "/test-cases")
        ids["testCaseIdOrPid"] = ids["testCaseId"]
        ids["objectId"] = ids["testCaseId"]
        ids["moduleId"] = try first(p + "/modules")
        ids["requirementId"] = try first(p + "/requirements")
        ids["ldapAuthConfigId"] = try first("/api/v3/auth-systems")
        ids["templateId"] = try first("/api/v3/site-templates")
        ids["defectId"] = try first(p + "/defects/last-change?startTime=2000-01-01T00:00:00Z")
        if let run = ids["testRunId"] { ids["id"] = try first(p + "/test-runs/\(run)/test-logs") }
        return ids
    }

    @Test func everyRouteSurvivesHostileValues() throws {
        let h = try EmulatorHarness()
        var rng = Seeded(state: 0x5EED_2026)
        let real = try Self.seedIDs(h)
        // Revoking the token would only turn the rest of the walk into 401s.
        let routes = EmulatorApp.routeList().filter { $0.pattern != "/oauth/revoke" }
        var sent = 0
        var failures: [String] = []
        let started = Date()
        for route in routes {
            for _ in 0..<12 {
                var path = route.pattern
                while let open = path.firstIndex(of: "{"), let close = path[open...].firstIndex(of: "}") {
                    let name = String(path[path.index(after: open)..<close])
                    let value = rng.next() % 4 != 0 ? (real[name] ?? "1") : Self.pathValues.randomElement(using: &rng)!
                    path.replaceSubrange(open...close, with: value)
                }
                if rng.next() % 3 != 0 { path += "?" + Self.queryStrings.randomElement(using: &rng)! }
                else if path.contains("auto-test-logs") { path += "?type=automation" }
                let body = route.method == "GET" ? nil : Self.body(&rng)
                let headers = [("Authorization", "Bearer \(Demo.adminToken)"), ("Content-Type", "application/json")]
                let client = h.makeClient()
                defer { client.close() }
                let response = try client.send(route.method, path, headers: headers, body: body)
                sent += 1
                if response.status >= 500 {
                    failures.append("\(route.method) \(path.prefix(200)) \(body.map { String(decoding: $0.prefix(300), as: UTF8.self) } ?? "") → \(response.status) \(response.text.prefix(200))")
                }
            }
        }
        // Queued jobs run after their 201: give the worker time to meet the hostile values too.
        usleep(1_500_000)
        #expect(failures.isEmpty, "\(failures.count) of \(sent) requests answered 5xx:\n\(failures.prefix(20).joined(separator: "\n"))")
        #expect(try h.get("/__emulator/health").status == 200, "the server is still up after \(sent) hostile requests")
        #expect(Date().timeIntervalSince(started) < 120)
    }

    /// Paged lists with `page = Int64.max` (the offset used to overflow and trap).
    @Test func pagingFarPastTheEndIsAnEmptyPageNotACrash() throws {
        let h = try EmulatorHarness()
        let runs = try h.get("/api/v3/projects/108781/test-runs").object["items"] as? [[String: Any]] ?? []
        let runID = try #require(runs.first?["id"] as? Int)
        let cases = try h.get("/api/v3/projects/108781/test-cases").array
        let caseID = try #require(cases.first?["id"] as? Int)
        let requirements = try h.get("/api/v3/projects/108781/requirements").array
        let requirementID = try #require(requirements.first?["id"] as? Int)
        let ldap = try #require(try Self.seedIDs(h)["ldapAuthConfigId"])
        let far = "page=9223372036854775807&pageSize=999&size=999"
        let paths = [
            "/api/v3/projects", "/api/v3/projects/108781/test-runs", "/api/v3/projects/108781/test-runs/\(runID)/test-logs",
            "/api/v3/projects/108781/test-cases", "/api/v3/projects/108781/test-cycles", "/api/v3/projects/108781/requirements",
            "/api/v3/projects/108781/requirements/trace-matrix-report", "/api/v3/projects/108781/test-runs/\(runID)/comments",
            "/api/v4/projects/108781/test-cases/\(caseID)/test-steps", "/api/v3/users/search", "/api/v3/search/user",
            "/api/v3/auth-systems/ldap/\(ldap)/users", "/api/v3/projects/108781/requirements/\(requirementID)/test-runs",
            "/api/v3/projects/108781/requirements/\(requirementID)/defects",
            "/api/v3/projects/108781/defects/last-change?startTime=2020-01-01T00:00:00Z",
        ]
        for path in paths {
            let r = try h.get(path + (path.contains("?") ? "&" : "?") + far)
            #expect(r.status == 200 || r.status == 400, "\(path): \(r)")
            if r.status == 200, let items = (r.json as? [Any]) ?? (r.object["items"] as? [Any]) {
                #expect(items.isEmpty, "\(path) past the end")
            }
        }
        let agents = try h.post("/api/v3/automation/automation-agents?" + far, json: [:])
        #expect(agents.status == 200 || agents.status == 400, "\(agents)")
        #expect(try h.get("/__emulator/health").status == 200)
    }
}
