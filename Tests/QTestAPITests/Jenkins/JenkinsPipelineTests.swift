import Foundation
import Testing
import QTestStore
import TestSupport

/// (c) The pipeline step `submitJUnitTestResultsToqTest` (notes §13.7), replayed over a live
/// socket: a setting saved with id 0 on every run, the container and environment read back, the
/// suite picked in a test cycle, the v3.1 upload and the poll.
@Suite struct JenkinsPipelineTests {
    static let p = Int(Demo.projectID)
    /// A pipeline reports the Jenkins location URL with its trailing slash and the workspace
    /// folder as the job.
    static let identity = JenkinsPlugin.Identity(server: "http://ci.example.com:8080/jenkins/", project: "checkout pipeline@2")

    /// One run of the step with `containerID` a test cycle and `environmentID` an Environment
    /// value; returns the saved setting and the poll's content.
    func run(_ plugin: JenkinsPlugin, cycle: Int, environmentID: Int, number: Int) throws -> (setting: [String: Any], content: [String: Any]) {
        try plugin.version()
        var token = try plugin.token()
        let saved = try plugin.saveSetting(project: Self.p, Self.identity, storedID: "0", [
            "id": 0, "module_id": 0, "test_suite_id": 0, "environment_id": environmentID, "overwrite_existing_test_steps": true,
            "container": ["id": cycle, "type": "test-cycle", "create_new_test_suite": false],
        ], token: token)

        // The project and the container, each parsed as an object whatever the status; `name` only.
        token = try plugin.token()
        let project = try plugin.send("GET", "/api/v3/projects/\(Self.p)", token: token)
        let container = try plugin.send("GET", "/api/v3/projects/\(Self.p)/test-cycles/\(cycle)", token: token)
        for r in [project, container] { #expect(r.json is [String: Any] && r.object["name"] is String, "\(r)") }

        // The environment value gives the field id and its label.
        let fields = try plugin.send("GET", "/api/v3/projects/\(Self.p)/settings/test-suites/fields?includeInactive=true", token: token)
        #expect(fields.status == 200)
        let environment = try #require(fields.array.first { $0["original_name"] as? String == "EnvironmentTestSuite" })
        let fieldID = try #require(environment["id"] as? Int)
        let value = try #require((environment["allowed_values"] as? [[String: Any]])?.first { $0["value"] as? Int == environmentID })
        #expect(value["label"] is String)

        token = try plugin.token()
        let suite = try plugin.targetSuite(project: Self.p, containerID: cycle, type: "test-cycle", name: "checkout pipeline",
                                           environmentField: fieldID, environmentValue: environmentID, token: token)
        let module = saved["module_id"] as? Int ?? 0
        let job = try plugin.upload("/api/v3.1/projects/\(Self.p)/test-runs/0/auto-test-logs?type=jenkins", body: JenkinsPlugin.wrapper(
            buildNumber: String(number), buildPath: "job/checkout%20pipeline/\(number)/", testSuite: suite,
            parentModule: module > 0 ? module : nil,
            v31: [
                JenkinsPlugin.result("com.acme.PayTest#testCard", status: "PASSED", order: 1, steps: [("testCard", "FIXED")], legacy: false),
                JenkinsPlugin.result("com.acme.PayTest#testRefund", status: "FAILED", order: 2, steps: [("testRefund", "REGRESSION")], legacy: false),
            ], legacy: nil), token: token)
        token = try plugin.token()
        return (saved, try plugin.poll(job, token: token))
    }

    @Test func aPipelineStepIntoATestCycle() throws {
        let h = try EmulatorHarness(.live)
        let release = try #require(try h.post("/api/v3/projects/108781/releases", json: ["name": "Sprint 14"]).object["id"] as? Int)
        let cycle = try #require(try h.post("/api/v3/projects/108781/test-cycles?parentId=\(release)&parentType=release",
                                            json: ["name": "Payments"]).object["id"] as? Int)
        // A script written for 2024.2 has no secretKey: the token exchange goes out with an empty header.
        let plugin = JenkinsPlugin(port: h.port, trailingSlash: false, secretKey: "")

        let first = try run(plugin, cycle: cycle, environmentID: 744, number: 1)
        #expect(plugin.transcript.contains("POST /api/v3/projects/\(Self.p)/ci 200"), "\(plugin.transcript)")
        #expect(plugin.transcript.contains("GET /api/v3/projects/\(Self.p)/ci/0 404"), "\(plugin.transcript)")
        let id = try #require(first.setting["id"] as? Int)
        let container = try #require(first.setting["container"] as? [String: Any])
        #expect(container["id"] as? Int == cycle && container["type"] as? String == "test-cycle")
        #expect(first.setting["ci_server"] as? String == Self.identity.server, "kept with its trailing slash")
        let suite = try #require(first.content["testSuiteId"] as? Int)
        #expect(first.content["testSuiteName"] as? String == "checkout pipeline")
        #expect(first.content["totalTestLogs"] as? Int == 2)
        #expect(try h.get("/api/v3/projects/108781/test-suites?parentId=\(cycle)&parentType=test-cycle").array.map { $0["id"] as? Int } == [suite])
        let outcomes = try JenkinsFreestyleBuildTests.outcomes(h, suite: suite)
        #expect(outcomes["com.acme.PayTest#testCard"]?.status == "Passed")
        #expect(outcomes["com.acme.PayTest#testCard"]?.steps == ["Passed"])
        #expect(outcomes["com.acme.PayTest#testRefund"]?.status == "Failed")
        #expect(outcomes["com.acme.PayTest#testRefund"]?.steps == ["Failed"])
        let properties = try h.get("/api/v3/projects/108781/test-suites/\(suite)").object["properties"] as? [[String: Any]] ?? []
        #expect(properties.first { $0["field_id"] as? Int == -185 }?["field_value"] as? String == "744")

        // The next run finds the setting and replaces it by PUT with `"id": 0` in the body.
        let second = try run(plugin, cycle: cycle, environmentID: 744, number: 2)
        #expect(plugin.transcript.contains("PUT /api/v3/projects/\(Self.p)/ci/\(id) 200"), "\(plugin.transcript)")
        #expect(second.setting["id"] as? Int == id, "the id comes from the path")
        #expect(second.setting["module_id"] as? Int == first.setting["module_id"] as? Int, "the module is kept")
        #expect(second.content["testSuiteId"] as? Int == suite)
    }

    /// 2024.3 sends the "App Secret Key" as typed (it need only start with `Basic `); 2024.2 a
    /// fixed client; old pipeline scripts an empty value. All exchange the key, and the token
    /// then lasts an hour (the plugin polls with one token for up to an hour).
    @Test func everySecretKeyExchangesTheKeyForAnHourLongToken() throws {
        let clock = FixedClock(QTestDate.parse("2026-01-31T05:00:00Z") ?? Date())
        let h = try EmulatorHarness(.live, clock: clock)
        let fixed = "Basic " + Data("jenkins:ddKsV086cQmo0Z6MS0BiN0zJbuWKnNh4".utf8).base64EncodedString()
        for secret in [fixed, "Basic my secret key", "Basic", "", nil] as [String?] {
            let plugin = JenkinsPlugin(port: h.port, secretKey: secret)
            let token = try plugin.token()
            #expect(try plugin.send("GET", "/api/v3/projects/\(Self.p)", token: token).status == 200, "\(secret ?? "no header")")
        }
        let plugin = JenkinsPlugin(port: h.port)
        let token = try plugin.token()
        clock.advance(by: 3599)
        #expect(try plugin.send("GET", "/api/v3/projects/queue-processing/1", token: token).status == 404, "still valid")
        clock.advance(by: 2)
        #expect(try plugin.send("GET", "/api/v3/projects/queue-processing/1", token: token).status == 401, "expired after an hour")
        // A wrong key is still refused, whatever the header.
        let wrong = JenkinsPlugin(port: h.port, apiKey: "00000000-0000-0000-0000-000000000000", secretKey: "")
        let r = try wrong.send("POST", "/oauth/token?grant_type=refresh_token&refresh_token=\(wrong.apiKey)", token: nil, body: Data(),
                               extraHeaders: [("Authorization", "")])
        #expect(r.status == 400 && r.object["error"] as? String == "invalid_grant", "\(r)")
    }
}
