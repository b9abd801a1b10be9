import Foundation
import Testing
import QTestStore
@testable import QTestAPI
import TestSupport

/// The CI setting's rules and refusals, and the legacy upload's, beyond the plugin's happy path:
/// unknown ids, malformed bodies, the lookup's matching, permissions, and where uploads land
/// when the setting's places change.
@Suite struct CISettingRulesTests {
    static let base = "/api/v3/projects/108781/ci"

    static func setting(_ extra: [String: Any] = [:], project: String = "nightly", server: String = "http://ci:8080/jenkins",
                        ciid: String = "02-42-AC-11-00-02:8080") -> [String: Any] {
        ["id": 0, "ci_type": "jenkins", "ci_server": server, "ci_project": project, "ciid": ciid, "project_id": 108781,
         "test_suite_id": 0, "module_id": 0, "environment_id": 0].merging(extra) { $1 }
    }

    static func release(_ h: EmulatorHarness, _ name: String = "R") throws -> Int {
        try #require(try h.post("/api/v3/projects/108781/releases", json: ["name": name]).object["id"] as? Int)
    }

    @Test func versionNeedsNoTokenAndNamesTheEmulatedRelease() throws {
        let h = try EmulatorHarness(.live)
        for path in ["/version", "//version"] {
            let r = try h.get(path, token: .some(nil))
            #expect(r.status == 200, "\(path): \(r)")
            #expect(r.header("Content-Type") == "application/json")
            #expect(r.object["name"] as? String == "test-conductor")
            #expect(r.object["version"] as? String == VersionRoutes.emulatedVersion)
        }
        #expect(VersionRoutes.emulatedVersion.split(separator: ".").compactMap { Int($0) } == [2025, 1, 0])
    }

    @Test func unknownIdsAre404() throws {
        let h = try EmulatorHarness(.router)
        for id in ["null", "0", "-1", "abc", "999999", "9223372036854775808"] {
            let get = try h.get("\(Self.base)/\(id)")
            #expect(get.status == 404, "\(id): \(get)")
            #expect(get.object["message"] is String)
            let put = try h.put("\(Self.base)/\(id)", json: Self.setting(["release_id": try Self.release(h)]))
            #expect(put.status == 404, "PUT \(id): \(put)")
            let upload = try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs/ci/\(id)",
                                    json: ["testResults": [JenkinsPlugin.result("a.B", status: "PASSED", order: 1, steps: nil, legacy: true)]])
            #expect(upload.status == 404, "upload \(id): \(upload)")
        }
        // A setting of another project is not this project's.
        let other = try h.post("/api/v3/projects/108782/ci", json: Self.setting(["project_id": 108782]))
        #expect(other.status == 200, "\(other)")
        let otherID = try #require(other.object["id"] as? Int)
        #expect(try h.get("\(Self.base)/\(otherID)").status == 404)
    }

    @Test func malformedSettingsAre400sThatNameTheField() throws {
        let h = try EmulatorHarness(.router)
        let release = try Self.release(h)
        let cases: [([String: Any], String, Int)] = [
            (["ci_server": NSNull()], "ci_server", 400),
            (["ci_project": "  "], "ci_project", 400),
            (["ci_project": String(repeating: "x", count: 490)], "ci_project", 400),
            (["release_id": "soon"], "release_id", 400),
            (["release_id": -5], "release_id", 400),
            (["release_id": 999_999_999], "Release", 404),
            (["container": ["id": release, "type": "root"]], "container.type", 400),
            (["container": ["id": 0, "type": "release"]], "container.id", 400),
            (["container": ["type": "release"]], "container.id", 400),
            (["container": ["id": 999_999_999, "type": "test-cycle"]], "Test Cycle", 404),
            (["container": "release"], "container", 400),
            (["environment_id": 601], "environment_id", 400),
            (["project_id": 108782], "project_id", 400),
            (["overwrite_existing_test_steps": "maybe"], "overwrite_existing_test_steps", 400),
        ]
        for (extra, named, status) in cases {
            let r = try h.post(Self.base, json: Self.setting(["release_id": release].merging(extra) { $1 }))
            #expect(r.status == status, "\(extra): \(r)")
            #expect((r.object["message"] as? String ?? "").contains(named), "\(extra): \(r)")
        }
        for body in ["", "[]", "{", "null"] {
            let r = try h.client.send("POST", Self.base, headers: [("Authorization", "Bearer \(Demo.adminToken)"),
                                                                   ("Content-Type", "application/json")], body: Data(body.utf8))
            #expect(r.status == 400, "\(body): \(r)")
        }
        #expect(try h.get("\(Self.base)?server=http://ci:8080/jenkins&project=nightly&type=jenkins").status == 404, "nothing was saved")
    }

    /// POST is an upsert on the CI identity; the lookup matches the server raw, the job name
    /// decoded, the type and server id in any case.
    @Test func theLookupMatchesTheJobAsThePluginSendsIt() throws {
        let h = try EmulatorHarness(.router)
        let release = try Self.release(h)
        let server = "http://ci.example.com:8080/jen+kins/"
        let first = try h.post(Self.base, json: Self.setting(["release_id": release], project: "my job", server: server))
        let id = try #require(first.object["id"] as? Int)
        let again = try h.post(Self.base, json: Self.setting(["release_id": release, "environment_id": 742], project: "my job", server: server))
        #expect(again.object["id"] as? Int == id, "the same job is one setting")
        #expect(again.object["environment_id"] as? Int == 742)

        let found = try h.get("\(Self.base)?server=\(server)&project=my+job&type=JENKINS&ciid=02-42-ac-11-00-02%3A8080")
        #expect(found.status == 200, "\(found)")
        #expect(found.object["id"] as? Int == id)
        #expect(try h.get("\(Self.base)?server=http%3A%2F%2Fci.example.com%3A8080%2Fjen%2Bkins%2F&project=my%20job&type=jenkins").object["id"] as? Int == id,
                "an encoded server works too")
        for miss in ["server=http://ci.example.com:8080/jen+kins&project=my+job&type=jenkins",  // no trailing slash: a freestyle job's
                     "server=\(server)&project=my+job2&type=jenkins",
                     "server=\(server)&project=my+job&type=bamboo",
                     "server=\(server)&project=my+job&type=jenkins&ciid=00-00-00-00-00-00%3A8080"] {
            #expect(try h.get("\(Self.base)?\(miss)").status == 404, "\(miss)")
        }
        for missing in ["project=my+job&type=jenkins", "server=\(server)&type=jenkins", "server=\(server)&project=my+job",
                        "server=\(server)&project=%00&type=jenkins"] {
            let r = try h.get("\(Self.base)?\(missing)")
            #expect(r.status == 400 && r.object["message"] is String, "\(missing): \(r)")
        }
        // Another Jenkins (another server id) gets a setting of its own.
        let other = try h.post(Self.base, json: Self.setting(["release_id": release], project: "my job", server: server, ciid: "0A-0B:9090"))
        #expect(other.object["id"] as? Int != id)
        // A renamed job keeps its setting: PUT with the new name (the plugin found it by id).
        let renamed = try h.put("\(Self.base)/\(id)", json: Self.setting(["id": 0, "release_id": release], project: "our job", server: server))
        #expect(renamed.status == 200 && renamed.object["id"] as? Int == id, "\(renamed)")
        #expect(try h.get("\(Self.base)?server=\(server)&project=our+job&type=jenkins&ciid=02-42-AC-11-00-02%3A8080").object["id"] as? Int == id)
    }

    @Test func savingNeedsTheExecutePermission() throws {
        let h = try EmulatorHarness(.router)
        let release = try Self.release(h)
        let saved = try h.post(Self.base, json: Self.setting(["release_id": release]))
        let id = try #require(saved.object["id"] as? Int)
        let viewer = try h.login("viewer@example.com", "viewer123")
        for (method, path) in [("POST", Self.base), ("PUT", "\(Self.base)/\(id)"),
                               ("POST", "/api/v3/projects/108781/test-runs/0/auto-test-logs/ci/\(id)")] {
            let r = try h.send(method, path, json: Self.setting(["release_id": release]), token: viewer)
            #expect(r.status == 403, "\(method) \(path): \(r)")
            #expect((r.object["message"] as? String ?? "").contains("test_run.execute"))
        }
        #expect(try h.get("\(Self.base)/\(id)", token: viewer).status == 200, "reading is allowed")
        #expect(ProjectPermission.required(method: "PUT", pattern: "/api/v3/projects/{projectId}/ci/{settingId}") == .flag("test_run.execute"))
        // The demo tester (who may upload) may save.
        #expect(try h.put("\(Self.base)/\(id)", json: Self.setting(["release_id": release]), token: Demo.testerToken).status == 200)
        #expect(try h.post(Self.base, json: Self.setting(["release_id": release]), token: Demo.testerToken).status == 200)
    }

    @Test func theLegacyUploadIsRefusedBeforeAJobExists() throws {
        let h = try EmulatorHarness(.router)
        let id = try #require(try h.post(Self.base, json: Self.setting(["release_id": try Self.release(h)])).object["id"] as? Int)
        let path = "/api/v3/projects/108781/test-runs/0/auto-test-logs/ci/\(id)"
        let item = JenkinsPlugin.result("a.B", status: "PASSED", order: 1, steps: nil, legacy: true)
        let refusals: [(String, [String: Any], String)] = [
            (path, ["testResults": [Any]()], "testResults"),
            (path, ["testResults": NSNull(), "test_logs": [item]], "testResults"),
            (path, ["testResults": [["status": "PASSED"]]], "testResults[0]"),
            (path, ["testResults": [item.merging(["exe_start_date": "yesterday"]) { $1 }]], "exe_start_date"),
            ("/api/v3/projects/108781/test-runs/5/auto-test-logs/ci/\(id)", ["testResults": [item]], "testRunId"),
        ]
        for (target, body, named) in refusals {
            let r = try h.post(target, json: body)
            #expect(r.status == 400, "\(body): \(r)")
            #expect((r.object["message"] as? String ?? "").contains(named), "\(body): \(r)")
        }
        let bad = try h.post(path, json: ["testResults": [item.merging(["status": "WOBBLY"]) { $1 }]])
        #expect(bad.status == 201, "a status string is the job's to judge, as for the other uploads")
        let done = try AutomationUploadTests.waitForJob(h, try #require(bad.object["id"] as? Int))
        #expect(done.object["state"] as? String == "FAILED")
        #expect((done.object["content"] as? String ?? "").contains("WOBBLY"))
    }

    /// Where legacy uploads land as the setting's places change: a test-suite container, a daily
    /// cycle container, and no place at all (the root).
    @Test func legacyUploadsFollowTheSetting() throws {
        let clock = FixedClock(QTestDate.parse("2026-03-09T23:30:00Z") ?? Date())
        let h = try EmulatorHarness(.router, clock: clock)
        let release = try Self.release(h)
        let cycle = try #require(try h.post("/api/v3/projects/108781/test-cycles?parentId=\(release)&parentType=release", json: ["name": "C"])
            .object["id"] as? Int)
        let fixed = try #require(try h.post("/api/v3/projects/108781/test-suites?parentId=\(cycle)&parentType=test-cycle", json: ["name": "Fixed"])
            .object["id"] as? Int)
        let item = JenkinsPlugin.result("a.B", status: "PASSED", order: 1, steps: nil, legacy: true)
        func upload(_ setting: [String: Any]) throws -> (setting: Int, content: [String: Any]) {
            let id = try #require(try h.post(Self.base, json: setting).object["id"] as? Int)
            let r = try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs/ci/\(id)",
                               json: JenkinsPlugin.wrapper(buildNumber: "1", buildPath: "job/x/1/", testSuite: nil, parentModule: nil,
                                                           v31: nil, legacy: [item]))
            #expect(r.status == 201, "\(r)")
            let done = try AutomationUploadTests.waitForJob(h, try #require(r.object["id"] as? Int))
            #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
            return (id, AutomationUploadTests.content(done))
        }
        let intoSuite = try upload(Self.setting(["container": ["id": fixed, "type": "TEST-SUITE"]], project: "a"))
        #expect(intoSuite.content["testSuiteId"] as? Int == fixed)
        let daily = try upload(Self.setting(["container": ["id": cycle, "type": "test-cycle", "create_new_test_suite": true],
                                             "environment_id": 741], project: "b"))
        #expect(daily.content["testSuiteName"] as? String == "b 03-09-2026", "the date is the store clock's, in UTC")
        #expect(try h.get("/api/v3/projects/108781/test-suites?parentId=\(cycle)&parentType=test-cycle").array.count == 2)
        let nowhere = try upload(Self.setting(project: "c"))
        let rootSuites = try h.get("/api/v3/projects/108781/test-suites?parentId=0&parentType=root").array
        #expect(rootSuites.contains { $0["id"] as? Int == nowhere.content["testSuiteId"] as? Int && $0["name"] as? String == "c" })

        // The suite-container's suite deleted: the job fails with a reason, nothing is written.
        #expect(try h.delete("/api/v3/projects/108781/test-suites/\(fixed)?force=true").status == 200)
        let r = try h.post("/api/v3/projects/108781/test-runs/0/auto-test-logs/ci/\(intoSuite.setting)", json: ["testResults": [item]])
        let failed = try AutomationUploadTests.waitForJob(h, try #require(r.object["id"] as? Int))
        #expect(failed.object["state"] as? String == "FAILED")
        #expect((failed.object["content"] as? String ?? "").contains("does not exist"), "\(failed)")
    }

    /// A queued legacy upload left by a stopped emulator is applied from its stored request by
    /// the next one on the same `--db` (the setting id travels with the job).
    @Test func aQueuedLegacyUploadSurvivesARestart() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("qtest-ci-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + s) } }
        let jobID: Int
        let settingID: Int
        do {
            let first = try EmulatorHarness(.router, databasePath: db, jobDelay: 60)
            settingID = try #require(try first.post(Self.base, json: Self.setting(["release_id": try Self.release(first)])).object["id"] as? Int)
            let r = try first.post("/api/v3/projects/108781/test-runs/0/auto-test-logs/ci/\(settingID)", json: JenkinsPlugin.wrapper(
                buildNumber: "3", buildPath: "job/nightly/3/", testSuite: nil, parentModule: nil, v31: nil,
                legacy: [JenkinsPlugin.result("a.Restart", status: "PASSED", order: 1, steps: [("m", "FIXED")], legacy: true)]))
            #expect(r.status == 201, "\(r)")
            jobID = try #require(r.object["id"] as? Int)
            #expect(try first.get("/api/v3/projects/queue-processing/\(jobID)").object["state"] as? String == "IN_WAITING")
        }
        let second = try EmulatorHarness(.router, databasePath: db)
        let done = try AutomationUploadTests.waitForJob(second, jobID)
        #expect(done.object["state"] as? String == "SUCCESS", "\(done)")
        let suite = try #require(AutomationUploadTests.content(done)["testSuiteId"] as? Int)
        #expect(try second.get("\(Self.base)/\(settingID)").object["test_suite_id"] as? Int == suite)
        let runs = try second.get("/api/v3/projects/108781/test-runs?parentId=\(suite)&parentType=test-suite").object["items"] as? [[String: Any]]
        #expect(runs?.count == 1)
    }

    /// A release the setting names, deleted: the setting stays, without its release.
    @Test func deletingTheReleaseKeepsTheSetting() throws {
        let h = try EmulatorHarness(.router)
        let release = try Self.release(h)
        let id = try #require(try h.post(Self.base, json: Self.setting(["release_id": release])).object["id"] as? Int)
        #expect(try h.delete("/api/v3/projects/108781/releases/\(release)?force=true").status == 200)
        let r = try h.get("\(Self.base)/\(id)")
        #expect(r.status == 200)
        #expect(r.object["release_id"] == nil)
        #expect(r.object["module_id"] as? Int ?? 0 > 0)
    }
}
