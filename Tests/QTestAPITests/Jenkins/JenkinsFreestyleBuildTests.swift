import Foundation
import Testing
import QTestStore
import TestSupport

/// (b) A freestyle build's "Submit JUnit results" step (notes §13.6), replayed over a live
/// socket, in both modes: container mode (the plugin picks or creates the suite and uses the
/// v3.1 upload) and release mode (the legacy upload into the place the setting names).
@Suite struct JenkinsFreestyleBuildTests {
    static let p = Int(Demo.projectID)
    static let identity = JenkinsPlugin.Identity(server: "http://ci.example.com:8080/jenkins", project: "nightly")
    /// 2026-01-31 in UTC and in Jenkins' zone alike.
    static let day = QTestDate.parse("2026-01-31T05:00:00Z") ?? Date()

    /// What a freestyle job keeps between builds (`PushingResultAction`).
    struct StoredJob {
        var id = 0
        var moduleID = 0
        var suiteID = 0
    }

    /// The results of one build: one test case per class, with "overwrite existing test steps" on.
    static func results(legacy: Bool) -> [[String: Any]] {
        [
            JenkinsPlugin.result("com.acme.LoginTest", status: "FAILED", order: 1,
                                 steps: [("testLogin", "PASSED"), ("testLockout", "FAILED")], legacy: legacy),
            JenkinsPlugin.result("com.acme.CartTest", status: "PASSED", order: 2, steps: [("testAdd", "FIXED"), ("testRemove", "PASSED")], legacy: legacy),
            JenkinsPlugin.result("com.acme.SearchTest", status: "FAILED", order: 3, steps: [("testFind", "REGRESSION")], legacy: legacy),
        ]
    }

    /// The job's configuration page saved once (§13.5 step 6): the job keeps the id and module.
    func configure(_ plugin: JenkinsPlugin, _ job: inout StoredJob, setting: [String: Any]) throws {
        try plugin.version()
        var body = setting
        body["id"] = 0
        body["module_id"] = 0
        body["test_suite_id"] = 0
        let saved = try plugin.saveSetting(project: Self.p, Self.identity, storedID: "null", body, token: try plugin.token())
        job.id = try #require(saved["id"] as? Int)
        job.moduleID = try #require(saved["module_id"] as? Int)
    }

    /// One build: the upload is prepared from the stored job, the setting is saved, the suite
    /// picked, the results uploaded, the job polled; the reported suite is stored.
    func build(_ plugin: JenkinsPlugin, _ job: inout StoredJob, setting: [String: Any], number: Int, legacy: Bool,
               suiteName: String? = nil, container: (id: Int, type: String)? = nil, environment: (field: Int, value: Int)? = nil) throws -> [String: Any] {
        let before = job
        try plugin.version()
        var token = try plugin.token()
        var body = setting
        body["id"] = job.id
        body["module_id"] = job.moduleID
        body["test_suite_id"] = job.suiteID
        let saved = try plugin.saveSetting(project: Self.p, Self.identity, storedID: String(job.id), body, token: token)
        job.id = try #require(saved["id"] as? Int)
        job.moduleID = try #require(saved["module_id"] as? Int)
        token = try plugin.token()
        let buildPath = "job/nightly/\(number)/"
        let jobID: Int
        if legacy {
            jobID = try plugin.upload("/api/v3/projects/\(Self.p)/test-runs/0/auto-test-logs/ci/\(before.id > 0 ? before.id : job.id)",
                                      body: JenkinsPlugin.wrapper(buildNumber: String(number), buildPath: buildPath, testSuite: nil,
                                                                  parentModule: before.moduleID > 0 ? before.moduleID : nil,
                                                                  v31: nil, legacy: Self.results(legacy: true)),
                                      token: token)
        } else {
            let container = try #require(container)
            let suite = try plugin.targetSuite(project: Self.p, containerID: container.id, type: container.type, name: try #require(suiteName),
                                               environmentField: environment?.field ?? 0, environmentValue: environment?.value ?? 0,
                                               token: token)
            jobID = try plugin.upload("/api/v3.1/projects/\(Self.p)/test-runs/0/auto-test-logs?type=jenkins",
                                      body: JenkinsPlugin.wrapper(buildNumber: String(number), buildPath: buildPath, testSuite: suite,
                                                                  parentModule: before.moduleID > 0 ? before.moduleID : nil,
                                                                  v31: Self.results(legacy: false), legacy: nil),
                                      token: token)
        }
        token = try plugin.token()
        let content = try plugin.poll(jobID, token: token)
        job.suiteID = try #require(content["testSuiteId"] as? Int)
        #expect(content["totalTestLogs"] as? Int == 3)
        return content
    }

    /// The runs of a suite with their latest log's status and step statuses, by automation content.
    static func outcomes(_ h: EmulatorHarness, suite: Int) throws -> [String: (status: String, steps: [String], logs: Int, log: [String: Any])] {
        let runs = try h.get("/api/v3/projects/108781/test-runs?parentId=\(suite)&parentType=test-suite&pageSize=100")
        #expect(runs.status == 200)
        var out: [String: (String, [String], Int, [String: Any])] = [:]
        for run in runs.object["items"] as? [[String: Any]] ?? [] {
            let id = try #require(run["id"] as? Int)
            let logs = try h.get("/api/v3/projects/108781/test-runs/\(id)/test-logs").object
            let items = logs["items"] as? [[String: Any]] ?? []
            let latest = try #require(items.max { ($0["id"] as? Int ?? 0) < ($1["id"] as? Int ?? 0) })
            let status = (latest["status"] as? [String: Any])?["name"] as? String ?? "?"
            let steps = (latest["test_step_logs"] as? [[String: Any]] ?? []).map { ($0["status"] as? [String: Any])?["name"] as? String ?? "?" }
            out[try #require(latest["automation_content"] as? String ?? run["name"] as? String)] = (status, steps, items.count, latest)
        }
        return out
    }

    static func suites(_ h: EmulatorHarness, under id: Int, _ type: String) throws -> [[String: Any]] {
        try h.get("/api/v3/projects/108781/test-suites?parentId=\(id)&parentType=\(type)").array
    }

    /// Container mode, a release as the container, "create a new test suite every day" and an
    /// environment: one suite per day, created with the environment, reused within the day.
    @Test func aDailySuiteWithAnEnvironmentInARelease() throws {
        let clock = FixedClock(Self.day)
        let h = try EmulatorHarness(.live, clock: clock)
        let release = try #require(try h.post("/api/v3/projects/108781/releases", json: ["name": "Sprint 12"]).object["id"] as? Int)
        let plugin = JenkinsPlugin(port: h.port)
        let environment = try JenkinsConfigurationPageTests.environmentField(plugin, project: Self.p, token: try plugin.token())
        let linux = try #require(environment.values.first { $0.label == "Linux" }?.value)
        let setting: [String: Any] = [
            "container": ["id": release, "type": "release", "create_new_test_suite": true],
            "environment_id": linux, "overwrite_existing_test_steps": true,
        ]
        var job = StoredJob()
        try configure(plugin, &job, setting: setting)

        // Build 1 creates today's suite, with the environment, and the cases under the job's module.
        let first = try build(plugin, &job, setting: setting, number: 1, legacy: false, suiteName: "nightly 01-31-2026",
                              container: (release, "release"), environment: (environment.id, linux))
        #expect(first["testSuiteName"] as? String == "nightly 01-31-2026")
        let suite = job.suiteID
        #expect(try Self.suites(h, under: release, "release").map { $0["id"] as? Int } == [suite])
        let properties = try h.get("/api/v3/projects/108781/test-suites/\(suite)").object["properties"] as? [[String: Any]] ?? []
        #expect(properties.first { $0["field_id"] as? Int == environment.id }?["field_value"] as? String == String(linux))
        var outcomes = try Self.outcomes(h, suite: suite)
        #expect(outcomes.count == 3)
        #expect(outcomes["com.acme.LoginTest"]?.status == "Failed")
        #expect(outcomes["com.acme.LoginTest"]?.steps == ["Passed", "Failed"])
        #expect(outcomes["com.acme.CartTest"]?.status == "Passed")
        #expect(outcomes["com.acme.CartTest"]?.steps == ["Passed", "Passed"], "FIXED is a pass")
        #expect(outcomes["com.acme.SearchTest"]?.steps == ["Failed"], "REGRESSION is a failure")
        #expect(outcomes["com.acme.SearchTest"]?.log["build_number"] as? String == "42")
        let login = try #require(try h.get("/api/v3/projects/108781/test-runs?parentId=\(suite)&parentType=test-suite")
            .object["items"] as? [[String: Any]]).first { $0["name"] as? String == "com.acme.LoginTest" }
        let caseID = try #require(login?["testCaseId"] as? Int)
        #expect(try h.get("/api/v3/projects/108781/test-cases/\(caseID)").object["parent_id"] as? Int == job.moduleID,
                "new cases go into the setting's module (parent_module, skipCreatingAutomationModule)")

        // The setting remembers what the plugin sent back.
        _ = try build(plugin, &job, setting: setting, number: 2, legacy: false, suiteName: "nightly 01-31-2026",
                      container: (release, "release"), environment: (environment.id, linux))
        #expect(job.suiteID == suite, "the same day reuses the suite")
        outcomes = try Self.outcomes(h, suite: suite)
        #expect(outcomes.count == 3 && outcomes.values.allSatisfy { $0.logs == 2 }, "runs are reused, one log per build")
        let stored = try h.get("/api/v3/projects/108781/ci/\(job.id)").object
        #expect(stored["test_suite_id"] as? Int == suite)

        // The next day gets a suite of its own.
        clock.advance(by: 86_400)
        let third = try build(plugin, &job, setting: setting, number: 3, legacy: false, suiteName: "nightly 02-01-2026",
                              container: (release, "release"), environment: (environment.id, linux))
        #expect(third["testSuiteName"] as? String == "nightly 02-01-2026")
        #expect(job.suiteID != suite)
        #expect(try Self.suites(h, under: release, "release").count == 2)
    }

    /// Release mode ("submit to a release as setting from qTest"): the legacy upload; the setting
    /// says where, the logs get the build from the wrapper.
    @Test func releaseModeUsesTheLegacyUploadIntoTheSettingsRelease() throws {
        let h = try EmulatorHarness(.live, clock: FixedClock(Self.day))
        let release = try #require(try h.post("/api/v3/projects/108781/releases", json: ["name": "Sprint 13"]).object["id"] as? Int)
        let plugin = JenkinsPlugin(port: h.port)
        let setting: [String: Any] = ["release_id": release, "environment_id": 743, "overwrite_existing_test_steps": true]
        var job = StoredJob()
        try configure(plugin, &job, setting: setting)

        let first = try build(plugin, &job, setting: setting, number: 7, legacy: true)
        #expect(first["testSuiteName"] as? String == "nightly")
        let suite = job.suiteID
        #expect(try Self.suites(h, under: release, "release").map { $0["id"] as? Int } == [suite], "the suite sits in the setting's release")
        let properties = try h.get("/api/v3/projects/108781/test-suites/\(suite)").object["properties"] as? [[String: Any]] ?? []
        #expect(properties.first { $0["field_id"] as? Int == -185 }?["field_value"] as? String == "743", "with the setting's environment")
        let outcomes = try Self.outcomes(h, suite: suite)
        #expect(outcomes["com.acme.LoginTest"]?.status == "Failed")
        #expect(outcomes["com.acme.LoginTest"]?.steps == ["Passed", "Failed"])
        #expect(outcomes["com.acme.CartTest"]?.steps == ["Passed", "Passed"])
        #expect(outcomes["com.acme.SearchTest"]?.steps == ["Failed"])
        let log = try #require(outcomes["com.acme.LoginTest"]?.log)
        #expect(log["build_number"] as? String == "7")
        #expect(log["build_url"] as? String == "http://ci.example.com:8080/jenkins/job/nightly/7/")
        #expect(try h.get("/api/v3/projects/108781/ci/\(job.id)").object["test_suite_id"] as? Int == suite)
        let run = try #require((try h.get("/api/v3/projects/108781/test-runs?parentId=\(suite)&parentType=test-suite")
            .object["items"] as? [[String: Any]])?.first)
        let caseID = try #require(run["testCaseId"] as? Int)
        #expect(try h.get("/api/v3/projects/108781/test-cases/\(caseID)").object["parent_id"] as? Int == job.moduleID,
                "new cases go into the setting's module")

        // The next build goes to the same suite; after it is deleted, to a new one.
        _ = try build(plugin, &job, setting: setting, number: 8, legacy: true)
        #expect(job.suiteID == suite)
        #expect(try h.delete("/api/v3/projects/108781/test-suites/\(suite)?force=true").status == 200)
        _ = try build(plugin, &job, setting: setting, number: 9, legacy: true)
        #expect(job.suiteID != suite)
        #expect(try Self.suites(h, under: release, "release").map { $0["name"] as? String } == ["nightly"])
    }
}
