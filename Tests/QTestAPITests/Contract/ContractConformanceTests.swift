import Foundation
import Testing
import TestSupport
@testable import QTestAPI

/// Every operation the emulator answers gets at least one success response checked against
/// the OpenAPI document: the harness checks each response (``ContractCheckingTransport``), and
/// this script walks the API once, creating what later calls need, so that its log covers the
/// whole route table. A route added without a call here fails `everyAnsweredOperationHasAValidatedSuccess`.
@Suite struct ContractConformanceTests {
    static let p = "/api/v3/projects/108781"
    static let site = "/api/v3"

    /// Runs the script on `h`; returns the failures (a call that did not succeed).
    static func walk(_ h: EmulatorHarness) throws -> [String] {
        var failures: [String] = []
        var ids: [String: Int] = [:]
        let p = Self.p
        @discardableResult
        func call(_ method: String, _ path: String, _ body: Any? = nil, keep key: String? = nil, from: (WireResponse) -> Int? = { $0.object["id"] as? Int }) throws -> WireResponse {
            let r = try h.send(method, path, json: body)
            if !(200..<300).contains(r.status) { failures.append("\(method) \(path): \(r)") }
            if let key { ids[key] = from(r) ?? 0 }
            return r
        }
        func id(_ key: String) -> Int { ids[key] ?? 0 }
        let rawUpload: (String, String) throws -> WireResponse = { path, name in
            try h.client.send("POST", path, headers: [("Authorization", "Bearer \(Demo.adminToken)"), ("File-Name", name),
                                                      ("Content-Type", "text/plain")], body: Data("hello".utf8))
        }

        // Login and identity
        let login = try h.client.send("POST", "/oauth/token", headers: [
            ("Authorization", "Basic " + Data("conformance:".utf8).base64EncodedString()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ], body: Data("grant_type=password&username=api-test%40qasymphony.com&password=admin123".utf8))
        if login.status != 200 { failures.append("POST /oauth/token: \(login)") }
        try call("GET", "/oauth/status")
        try call("GET", "/__emulator/health")
        try call("GET", "/openapi.json")
        try call("GET", "\(site)/projects")
        let project = try call("POST", "\(site)/projects", ["name": "Conformance project"], keep: "project")
        try call("POST", "\(site)/projects/search", ["uuid": [project.object["uuid"] as? String ?? ""]])
        try call("GET", p)
        try call("PUT", "\(site)/projects/\(id("project"))", ["description": "checked"])
        try call("GET", "\(p)/user-profiles/current")
        try call("GET", "\(p)/users")
        try call("POST", "\(site)/users", ["username": "conformance@example.com", "first_name": "Con", "last_name": "Formance", "password": "x1y2z3!"], keep: "user")
        try call("POST", "\(site)/users/projects", ["project_id": 108782, "user_ids": [Demo.testerID], "profile": ["id": 700004]])
        try call("PUT", "\(site)/users/projects", [["project_id": 108782, "user_ids": [Demo.testerID]]])
        try call("GET", "\(site)/users/search?username=example.com")
        try call("GET", "\(site)/search/user?projectName=Sample")
        try call("GET", "\(site)/re-evaluation")
        try call("GET", "\(site)/users/\(Demo.testerID)")
        try call("PUT", "\(site)/users/\(id("user"))", ["first_name": "Conny"])
        try call("GET", "\(site)/users/\(Demo.testerID)/avatar")
        try call("POST", "\(site)/users/\(id("user"))/projects", ["project_id": 108781, "profile": ["id": 700004]])
        try call("GET", "\(site)/admin-profiles/current")
        try call("GET", "\(site)/user-profiles")
        try call("POST", "\(site)/user-profiles/batch-assign-users", ["userIds": [id("user")], "userProfileId": 700001])
        try call("GET", "\(site)/user-profiles/current")
        try call("POST", "\(site)/user-profiles/108781/batch-assign-users", ["userIds": [id("user")], "userProfileId": 700004])
        try call("GET", "\(site)/groups")
        try call("POST", "\(site)/groups", ["name": "Conformance group", "user_ids": [Demo.testerID]])
        try call("GET", "\(site)/auth-systems")
        try call("GET", "\(site)/auth-systems/ldap/1001/users")
        try call("POST", "\(site)/auth-systems/ldap/1001/import", [["ldap_username": "jdoe", "username": "conformance@example.com"]])
        try call("GET", "\(site)/site-templates")
        try call("POST", "\(site)/site-templates/2001/projects", ["project_ids": [id("project")]])
        try call("DELETE", "\(site)/site-templates/2001/projects", [id("project")])

        // Execution
        try call("GET", "\(p)/releases")
        try call("POST", "\(p)/releases", ["name": "Conformance release"], keep: "release")
        try call("GET", "\(p)/releases/\(id("release"))")
        try call("PUT", "\(p)/releases/\(id("release"))", ["description": "checked"])
        try call("POST", "\(p)/builds", ["name": "b1", "release": ["id": id("release")]], keep: "build")
        try call("GET", "\(p)/builds?releaseId=\(id("release"))")
        try call("GET", "\(p)/builds/\(id("build"))")
        try call("PUT", "\(p)/builds/\(id("build"))", ["description": "checked"])
        try call("GET", "\(p)/test-cycles?expand=descendants")
        try call("POST", "\(p)/test-cycles?parentId=0&parentType=root", ["name": "Conformance cycle"], keep: "cycle")
        try call("GET", "\(p)/test-cycles/\(id("cycle"))?expand=descendants")
        try call("PUT", "\(p)/test-cycles/\(id("cycle"))", ["description": "checked"])
        try call("GET", "\(p)/test-suites?parentId=\(id("cycle"))&parentType=test-cycle")
        try call("POST", "\(p)/test-suites?parentId=\(id("cycle"))&parentType=test-cycle", ["name": "Conformance suite"], keep: "suite")
        try call("GET", "\(p)/test-suites/\(id("suite"))")
        try call("PUT", "\(p)/test-suites/\(id("suite"))", ["description": "checked"])

        // Design
        try call("GET", "\(p)/modules?expand=descendants")
        try call("POST", "\(p)/modules", ["name": "Conformance module"], keep: "module")
        try call("GET", "\(p)/modules/\(id("module"))")
        try call("PUT", "\(p)/modules/\(id("module"))", ["description": "checked"])
        let created = try call("POST", "\(p)/test-cases", ["name": "Conformance case", "parent_id": id("module"),
                                                           "test_steps": [["description": "open [~page]", "expected": "shown"], ["description": "two", "expected": "2"]]],
                               keep: "case")
        ids["step"] = ((created.object["test_steps"] as? [[String: Any]])?.first?["id"] as? Int) ?? 0
        ids["version"] = created.object["test_case_version_id"] as? Int ?? 0
        try call("GET", "\(p)/test-cases?expandSteps=true")
        try call("PUT", "\(p)/test-cases/update/testcases", ["\(id("case"))": ["description": "bulk"]])
        try call("GET", "\(p)/test-cases/\(id("case"))?expand=teststep")
        try call("PUT", "\(p)/test-cases/\(id("case"))", ["description": "checked"])
        try call("PUT", "\(p)/test-cases/\(id("case"))/approve")
        try call("PUT", "\(p)/test-cases/\(id("case"))/vera/approve")
        try call("GET", "\(p)/test-cases/\(id("case"))/versions")
        let versions = try h.get("\(p)/test-cases/\(id("case"))/versions").array
        ids["version"] = versions.last?["test_case_version_id"] as? Int ?? versions.last?["id"] as? Int ?? id("version")
        try call("GET", "\(p)/test-cases/\(id("case"))/versions/\(id("version"))")
        try call("GET", "\(p)/test-cases/\(id("case"))/test-steps")
        try call("GET", "\(p)/test-cases/\(id("case"))/versions/\(id("version"))/test-steps")
        try call("GET", "/api/v4/projects/108781/test-cases/\(id("case"))/test-steps")
        try call("GET", "/api/v4/projects/108781/test-cases/\(id("case"))/versions/\(id("version"))/test-steps")
        try call("POST", "\(p)/test-cases/\(id("case"))/test-steps", ["description": "three", "expected": "3"], keep: "newStep")
        let steps = try h.get("\(p)/test-cases/\(id("case"))/test-steps").array
        ids["step"] = steps.first?["id"] as? Int ?? id("step")
        try call("GET", "\(p)/test-cases/\(id("case"))/test-steps/\(id("step"))")
        try call("PUT", "\(p)/test-cases/\(id("case"))/test-steps/\(id("step"))", ["description": "open [~page]", "expected": "still shown"])
        try call("GET", "\(p)/requirements")
        try call("POST", "\(p)/requirements?parentId=6100005", ["name": "Conformance requirement"], keep: "requirement")
        try call("GET", "\(p)/requirements/\(id("requirement"))")
        try call("PUT", "\(p)/requirements/\(id("requirement"))", ["name": "Conformance requirement 2"])
        try call("POST", "\(p)/requirements/\(id("requirement"))/link?type=test-cases", [id("case")])
        try call("GET", "\(p)/requirements/trace-matrix-report")
        try call("POST", "\(p)/defects", ["properties": [["field_id": 608970, "field_value": "Conformance defect"]]], keep: "defect")
        try call("GET", "\(p)/defects/last-change?startTime=2000-01-01T00:00:00Z")
        try call("GET", "\(p)/defects/\(id("defect"))")
        try call("PUT", "\(p)/defects/\(id("defect"))", ["properties": [["field_id": 608970, "field_value": "Conformance defect 2"]]])

        // Runs and logs
        try call("GET", "\(p)/test-runs?parentId=\(id("suite"))&parentType=test-suite")
        try call("POST", "\(p)/test-runs?parentId=\(id("suite"))&parentType=test-suite", ["name": "Conformance run", "test_case": ["id": id("case")]], keep: "run")
        try call("GET", "\(p)/test-runs/execution-statuses")
        try call("GET", "\(p)/test-runs/subhierarchy?parentId=\(id("cycle"))&parentType=test-cycle")
        try call("GET", "\(p)/test-runs/\(id("run"))?expand=testcase")
        try call("PUT", "\(p)/test-runs/\(id("run"))", ["name": "Conformance run 2"])
        try call("POST", "\(p)/test-runs/\(id("run"))/link?type=defects", [id("defect")])
        try call("GET", "\(p)/requirements/\(id("requirement"))/test-runs")
        try call("GET", "\(p)/requirements/\(id("requirement"))/defects")
        try call("GET", "\(p)/linked-artifacts?type=requirements&ids=\(id("requirement"))")
        try call("POST", "\(p)/test-runs/assign-parameter-values/manually?parentId=\(id("suite"))&parentType=test-suite", [
            "test_case": ["id": id("case")],
            "test_runs": [[["step_id": id("step"), "description_parameter_values": ["a"], "expected_parameter_values": ["A"]]]],
        ])
        try call("POST", "\(p)/test-runs/assign-parameter-values/dataset?parentId=\(id("suite"))&parentType=test-suite",
                 ["name": "DS", "test_case": ["id": id("case")], "dataset_id": "d1", "from_row": 1, "number_of_rows": 1])
        try call("POST", "\(p)/test-runs/assign-parameter-values/randomize", ["test_case": ["id": id("case")], "combined_type": 1, "number_of_combinations": 1])
        try call("POST", "\(p)/test-runs/\(id("run"))/test-logs", [
            "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:01:00Z", "status": ["id": 601], "note": "ok",
        ], keep: "log")
        try call("GET", "\(p)/test-runs/\(id("run"))/test-logs")
        try call("GET", "\(p)/test-runs/\(id("run"))/test-logs/last-run?expand=teststeplog.teststep")
        try call("GET", "\(p)/test-runs/\(id("run"))/test-logs/\(id("log"))")
        try call("PUT", "\(p)/test-runs/\(id("run"))/test-logs/\(id("log"))", ["note": "still ok"])
        try call("POST", "\(p)/test-runs/\(id("run"))/auto-test-logs", [
            "status": "PASSED", "name": "auto", "automation_content": "com.example.Conformance",
            "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:01:00Z",
        ], keep: "autoLog")
        try call("PUT", "\(p)/test-runs/\(id("run"))/auto-test-logs/\(id("autoLog"))", [
            "status": "FAILED", "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:02:00Z",
        ])
        let log: [String: Any] = ["name": "upload", "status": "PASSED", "automation_content": "com.example.Upload",
                                  "exe_start_date": "2026-01-05T10:00:00Z", "exe_end_date": "2026-01-05T10:00:02Z"]
        try call("POST", "/api/v3.1/projects/108781/test-runs/0/auto-test-logs?type=automation", ["test_suite": id("suite"), "test_logs": [log]], keep: "job")
        try call("POST", "\(p)/auto-test-logs?type=automation", ["test_cycle": id("cycle"), "test_logs": [log.merging(["module_names": ["Conformance"]]) { $1 }]])
        try call("GET", "\(site)/projects/queue-processing/\(id("job"))")
        try call("POST", "\(p)/tosca/import/test-event", [["name": "Conformance list", "toscaUniqueId": "el-c", "toscaNodePath": "/Lists/Conformance", "testRuns": []]])
        try call("POST", "\(site)/automation/automation-agents", ["query": "project_id = 108781"])
        try call("POST", "\(site)/automation/jobs/schedule/create", ["agentId": 3001, "projectId": 108781, "name": "Nightly", "testRunIds": []])

        // Comments on the four commented kinds
        for (kind, key) in [("test-runs", "run"), ("test-cases", "case"), ("requirements", "requirement"), ("defects", "defect")] {
            let base = "\(p)/\(kind)/\(id(key))/comments"
            try call("POST", base, ["content": "checked"], keep: "comment")
            try call("GET", base)
            try call("GET", "\(base)/\(id("comment"))")
            try call("PUT", "\(base)/\(id("comment"))", ["content": "checked twice"])
            try call("DELETE", "\(base)/\(id("comment"))")
        }

        // Links by PID
        let casePID = try h.get("\(p)/test-cases/\(id("case"))").object["pid"] as? String ?? ""
        try call("POST", "\(p)/requirements/\(id("requirement"))/test-cases", [casePID])
        try call("DELETE", "\(p)/requirements/\(id("requirement"))/test-cases", [casePID])
        try call("DELETE", "\(p)/test-runs/\(id("run"))/link?type=defects", [id("defect")])

        // Fields, project and site
        for base in ["\(p)/settings/test-runs/fields", "\(site)/fields/test-runs"] {
            try call("GET", base)
            try call("POST", base, ["label": "Conformance field", "data_type": 3, "allowed_values": [["label": "One"], ["label": "Two"]]], keep: "field")
            try call("GET", "\(base)/\(id("field"))")
            try call("PUT", "\(base)/\(id("field"))", ["label": "Conformance field 2"])
            try call("GET", "\(base)/\(id("field"))/allowed-values")
            try call("POST", "\(base)/\(id("field"))/allowed-values", [["label": "Three"]], keep: "value",
                     from: { (($0.object["items"] as? [[String: Any]])?.first?["value"] as? Int) })
            try call("PUT", "\(base)/\(id("field"))/allowed-values/\(id("value"))", ["label": "Three!"])
            try call("DELETE", "\(base)/\(id("field"))/allowed-values/\(id("value"))")
            if base.hasPrefix(p) {
                try call("POST", "\(p)/settings/test-runs/custom-fields/active", [["id": id("field"), "is_active": false]])
            }
            try call("DELETE", "\(base)/\(id("field"))")
        }
        try call("POST", "\(p)/settings/test-cases/system-fields/608942", ["label": "Priority!"])

        // Attachments
        let upload = try rawUpload("\(p)/test-cases/\(id("case"))/blob-handles", "note.txt")
        if upload.status != 201 { failures.append("POST blob-handles: \(upload)") }
        ids["attachment"] = upload.object["id"] as? Int ?? 0
        try call("GET", "\(p)/test-cases/\(id("case"))/attachments")
        try call("GET", "\(p)/test-cases/\(id("case"))/attachments/\(id("attachment"))")
        try call("GET", "\(p)/attachments?type=test-cases")
        if routed("GET", "/__emulator/ui") {
            // The dashboard's pages, while the project has an attachment to show.
            for page in ["/", "/projects/108781", "/projects/108781/runs?parentType=test-suite&parentId=2300001", "/projects/108781/runs/31000001",
                         "/projects/108781/design", "/projects/108781/modules/6100002", "/queue", "/journal", "/control", "/stamp",
                         "/statuses.css", "/dashboard.css", "/dashboard.js", "/projects/108781/attachments/\(id("attachment"))"] {
                try call("GET", "/__emulator/ui" + page)
            }
            let login = try h.client.send("POST", "/__emulator/ui/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                          body: Data("next=queue".utf8))
            if login.status != 303 { failures.append("POST /__emulator/ui/login: \(login)") }
        }
        try call("DELETE", "\(p)/test-cases/\(id("case"))/blob-handles/\(id("attachment"))")

        // Routes other branches add (SearchApi, the Jenkins plugin's), walked once registered so
        // that merging them needs no change here.
        func routed(_ method: String, _ path: String) -> Bool { h.app.router.pattern(for: method, path: path) != nil }
        if routed("POST", "\(p)/search") {
            try call("POST", "\(p)/search?page=1&pageSize=10", ["object_type": "test-cases", "fields": ["*"], "query": "'name' ~ 'Sign'"])
            try call("POST", "\(p)/histories", ["object_type": "test-cases"])
            try call("POST", "\(p)/comments", ["object_type": "test-cases"])
        }
        if routed("GET", "/version") {
            try call("GET", "/version")
            let setting: [String: Any] = ["id": 0, "ci_type": "jenkins", "ci_server": "http://ci:8080/jenkins", "ci_project": "nightly",
                                          "ciid": "02-42-AC-11-00-02:8080", "project_id": 108781, "release_id": 500001,
                                          "test_suite_id": 0, "module_id": 0, "environment_id": 0]
            try call("POST", "\(p)/ci", setting, keep: "ci")
            try call("GET", "\(p)/ci?server=http://ci:8080/jenkins&project=nightly&type=jenkins&ciid=02-42-AC-11-00-02%3A8080")
            try call("GET", "\(p)/ci/\(id("ci"))")
            try call("PUT", "\(p)/ci/\(id("ci"))", setting)
            try call("POST", "\(p)/test-runs/0/auto-test-logs/ci/\(id("ci"))", [
                "buildNumber": "42", "buildPath": "job/nightly/42/", "skipCreatingAutomationModule": true,
                "testResults": [log.merging(["order": 1]) { $1 }],
            ])
        }

        if routed("GET", "\(p)/settings/integration/connections") {
            let jira = "\(p)/settings/integration/connections"
            try call("GET", jira)
            try call("GET", "/api/v3/projects/0/settings/integration/connections/oauthAuthorizeURL?serverUrl=https://jira.example.com")
            try call("POST", jira, ["external_system": "Jira", "connection_name": "Conformance Jira", "server_url": "https://jira.example.com",
                                    "authentication_type": "Token", "username": "bot", "token": "t"], keep: "jira", from: { $0.object["connection_id"] as? Int })
            let c = "\(jira)/\(id("jira"))"
            try call("PUT", "\(c)?active=true")
            try call("PUT", "\(c)/defect?storeUnlinkedDefects=true")
            try call("PUT", "\(c)/requirement?active=true")
            try call("PUT", "\(c)/release?active=true&autoFilterTestRun=true&mergeDuplicatedFixVersions=false")
            let bodies: [(String, String, [String: Any])] = [
                ("defect", "10004", ["sendAttachmentToJira": "true", "configures": [["externalFieldId": "summary", "qTestFieldIds": "Name"]]]),
                ("requirement", "10001", ["external_filter": "10048", "external_field_1_id": "fixVersions", "active_external_fields": "id,summary"]),
                ("release", "fixVersions", ["data_retrieval_options": ["unreleased"], "auto_update_release_scope": "true"]),
            ]
            for (kind, type, body) in bodies {
                let query = "externalProjectId=10000&externalIssueTypeId=\(type)"
                try call("POST", "\(c)/\(kind)/mappings?\(query)", keep: kind + "Mapping", from: { $0.object["mapping_id"] as? Int })
                try call("PUT", "\(c)/\(kind)/mappings?\(query)", body)
                try call("GET", "\(c)/\(kind)/mappings")
            }
            try call("POST", "\(c)/refreshFieldSettings?artifact=Requirements&mappingId=\(id("requirementMapping"))")
            try call("GET", "\(c)/retrieve?artifact=Defects")
            try call("POST", "\(p)/settings/jira-integration/defect/retrieve", ["JIRA-1"])
            for (kind, type, _) in bodies {
                try call("DELETE", "\(c)/\(kind)/mappings?externalProjectId=10000&externalIssueTypeId=\(type)")
                try call("POST", "\(c)/\(kind)/mappings?externalProjectId=10001&externalIssueTypeId=\(type)")
            }
            try call("DELETE", "\(c)/Defect/mappings?externalProjectId=10001&externalIssueTypeId=10004")
            try call("DELETE", c)
        }

        if routed("GET", "/__emulator/clock") {
            try call("GET", "/__emulator/journal?limit=5")
            try call("DELETE", "/__emulator/journal")
            try call("POST", "/__emulator/faults", ["path": "/api/v3/nowhere", "status": 503], keep: "fault")
            try call("GET", "/__emulator/faults")
            try call("DELETE", "/__emulator/faults/\(id("fault"))")
            try call("DELETE", "/__emulator/faults")
            try call("GET", "/__emulator/clock")
            try call("PUT", "/__emulator/clock", ["time": "2030-01-01T00:00:00Z"])
            try call("POST", "/__emulator/clock/advance", ["seconds": 60])
            try call("DELETE", "/__emulator/clock")
            try call("POST", "/__emulator/snapshots", ["name": "conformance"])
            try call("GET", "/__emulator/snapshots")
            try call("POST", "/__emulator/snapshots/conformance/restore")
            try call("DELETE", "/__emulator/snapshots/conformance")
        }

        // Webhooks (the URL refuses: a delivery and its failed attempt are recorded)
        try call("GET", "\(site)/webhooks/events")
        try call("POST", "\(site)/webhooks", ["name": "conformance", "url": "http://127.0.0.1:9/hook", "events": ["project_updated"],
                                              "secretKey": "k", "responseType": "json", "projectIds": [108781]], keep: "webhook")
        try call("GET", "\(site)/webhooks")
        try call("GET", "\(site)/webhooks/\(id("webhook"))")
        try call("PUT", "\(site)/webhooks/\(id("webhook"))", ["name": "conformance 2"])
        try call("PUT", p, ["description": "a webhook hears this"])
        try call("GET", "/__emulator/webhooks/deliveries?event=project_updated")
        try call("DELETE", "\(site)/webhooks/\(id("webhook"))")

        // Deletes, innermost first
        try call("DELETE", "\(p)/test-runs/\(id("run"))")
        try call("DELETE", "\(p)/test-cases/\(id("case"))/test-steps/\(id("newStep"))")
        try call("DELETE", "\(p)/test-cases/\(id("case"))")
        try call("DELETE", "\(p)/requirements/\(id("requirement"))")
        try call("DELETE", "\(p)/test-suites/\(id("suite"))")
        try call("DELETE", "\(p)/test-cycles/\(id("cycle"))?force=true")
        try call("DELETE", "\(p)/builds/\(id("build"))")
        try call("DELETE", "\(p)/releases/\(id("release"))?force=true")
        try call("DELETE", "\(p)/modules/\(id("module"))?force=true")
        try call("POST", "/oauth/revoke")
        if routed("POST", "/__emulator/reset") { try call("POST", "/__emulator/reset", [:]) }
        if routed("GET", "/__emulator/export") {
            try call("GET", "/__emulator/export")
            try call("POST", "/__emulator/import", ["version": 1])
        }
        return failures
    }

    @Test func everyAnsweredOperationHasAValidatedSuccess() throws {
        let h = try EmulatorHarness(.router)
        let failures = try Self.walk(h)
        #expect(failures == [], "calls that did not succeed:\n\(failures.joined(separator: "\n"))")
        let validated = Set(h.contractLog.keys.compactMap { entry -> String? in
            let parts = entry.split(separator: " ")
            // A redirect is the success of a form post (the dashboard's login).
            guard parts.count == 3, parts[2].hasPrefix("2") || parts[2].hasPrefix("3") else { return nil }
            return ContractOperation.shape(method: String(parts[0]), path: String(parts[1]))
        })
        var missing: [String] = []
        for route in EmulatorApp.routeList() where !validated.contains(ContractOperation.shape(method: route.method, path: route.pattern)) {
            missing.append("\(route.method) \(route.pattern)")
        }
        #expect(missing == [], "operations without a validated success response:\n\(missing.joined(separator: "\n"))")
        print("contract: \(EmulatorApp.routeList().count - missing.count)/\(EmulatorApp.routeList().count) routes with a validated success response")
    }
}
