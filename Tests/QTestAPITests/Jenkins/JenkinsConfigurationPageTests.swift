import Foundation
import Testing
import QTestStore
import TestSupport

/// (a) The plugin's job configuration page (notes §13.5), replayed over a live socket: the URL
/// and key checks, the project's data, the tree, the save, and the page opened again.
@Suite struct JenkinsConfigurationPageTests {
    static let project = Int(Demo.projectID)
    static let identity = JenkinsPlugin.Identity(server: "http://ci.example.com:8080/jenkins", project: "nightly build")

    @Test func thePageLoadsSavesAndReloadsTheSetting() throws {
        let h = try EmulatorHarness(.live)
        let release = try #require(try h.post("/api/v3/projects/108781/releases", json: ["name": "Sprint 12"]).object["id"] as? Int)
        let cycle = try #require(try h.post("/api/v3/projects/108781/test-cycles?parentId=\(release)&parentType=release",
                                            json: ["name": "Regression"]).object["id"] as? Int)
        let plugin = JenkinsPlugin(port: h.port)
        let p = Self.project

        // 1–2. The URL and the API key are typed.
        try plugin.version()
        try plugin.version()
        _ = try plugin.token()

        // 3. "Retrieve data".
        var token = try plugin.token()
        let projects = try plugin.send("GET", "/api/v3/projects?assigned=true", token: token)
        #expect(projects.status == 200 && projects.json is [Any], "\(projects)")
        let listed = try #require(projects.array.first { $0["id"] as? Int == p })
        #expect(listed["name"] is String)

        // 4. The project is chosen: the project, then the setting, releases, fields and tree.
        token = try plugin.token()
        #expect(try plugin.send("GET", "/api/v3/projects/\(p)", token: token).status == 200)
        #expect(try plugin.findSetting(project: p, Self.identity, storedID: "null", token: token) == nil, "nothing saved yet")
        let releases = try plugin.send("GET", "/api/v3/projects/\(p)/releases?includeClosed=true", token: token)
        #expect(releases.status == 200 && releases.json is [Any], "\(releases)")
        for item in releases.array { #expect(item["id"] is Int && item["name"] is String && item["pid"] is String, "\(item)") }
        #expect(releases.array.contains { $0["id"] as? Int == release })
        let environment = try Self.environmentField(plugin, project: p, token: token)
        let offered = environment.values.filter(\.active)
        #expect(offered.map(\.label).contains("Linux"))
        for path in ["test-cycles?expand=descendants&parentId=0&parentType=root", "test-suites?parentId=0&parentType=root"] {
            let r = try plugin.send("GET", "/api/v3/projects/\(p)/\(path)", token: token)
            #expect(r.status == 200 && r.json is [Any], "\(path): \(r)")
            for item in r.array { #expect(item["id"] is Int && item["name"] is String && item["pid"] is String, "\(path): \(item)") }
        }

        // 5. Tree nodes are expanded: a release, then a cycle in it.
        for (id, type) in [(release, "release"), (cycle, "test-cycle")] {
            token = try plugin.token()
            #expect(try plugin.send("GET", "/api/v3/projects/\(p)", token: token).status == 200)
            let cycles = try plugin.send("GET", "/api/v3/projects/\(p)/test-cycles?expand=descendants&parentId=\(id)&parentType=\(type)", token: token)
            let suites = try plugin.send("GET", "/api/v3/projects/\(p)/test-suites?parentId=\(id)&parentType=\(type)", token: token)
            #expect(cycles.status == 200 && cycles.json is [Any], "\(cycles)")
            #expect(suites.status == 200 && suites.json is [Any], "\(suites)")
            if type == "release" { #expect(cycles.array.contains { $0["id"] as? Int == cycle }) }
        }

        // 6. Save, in release mode with an environment.
        let linux = try #require(offered.first { $0.label == "Linux" }?.value)
        try plugin.version()
        token = try plugin.token()
        let saved = try plugin.saveSetting(project: p, Self.identity, storedID: "null", [
            "id": 0, "release_id": release, "test_suite_id": 0, "module_id": 0, "environment_id": linux,
            "overwrite_existing_test_steps": true,
        ], token: token)
        #expect(plugin.transcript.contains("POST //api/v3/projects/\(p)/ci 200"), "\(plugin.transcript)")
        let id = try #require(saved["id"] as? Int)
        #expect(saved["release_id"] as? Int == release)
        #expect(saved["container"] == nil)
        #expect(saved["environment_id"] as? Int == linux)
        #expect(saved["ci_server"] as? String == Self.identity.server)
        #expect(saved["ci_project"] as? String == Self.identity.project)
        #expect(saved["overwrite_existing_test_steps"] as? Bool == true)
        let module = try #require(saved["module_id"] as? Int)
        #expect(module > 0, "the server gives the job a module")
        #expect(try h.get("/api/v3/projects/108781/modules/\(module)").object["name"] as? String == Self.identity.project)

        // The page opened again preselects the release and the environment from the lookup.
        token = try plugin.token()
        let reloaded = try #require(try plugin.findSetting(project: p, Self.identity, storedID: "null", token: token))
        #expect(reloaded["id"] as? Int == id)
        #expect(reloaded["release_id"] as? Int == release)
        #expect(reloaded["environment_id"] as? Int == linux)

        // Saved again, now into a container: the same setting is replaced, by PUT.
        token = try plugin.token()
        let switched = try plugin.saveSetting(project: p, Self.identity, storedID: String(id), [
            "id": id, "container": ["id": cycle, "type": "test-cycle", "create_new_test_suite": true],
            "test_suite_id": 0, "module_id": module, "environment_id": 0, "overwrite_existing_test_steps": false,
        ], token: token)
        #expect(plugin.transcript.contains("PUT //api/v3/projects/\(p)/ci/\(id) 200"), "\(plugin.transcript)")
        #expect(switched["id"] as? Int == id)
        #expect(switched["module_id"] as? Int == module)
        #expect(switched["release_id"] == nil, "a container setting has no release")
        let container = try #require(switched["container"] as? [String: Any])
        #expect(container["id"] as? Int == cycle)
        #expect(container["type"] as? String == "test-cycle")
        #expect(container["create_new_test_suite"] as? Bool == true)
        #expect(switched["environment_id"] as? Int == 0)
    }

    /// The Environment field as the page reads it: every test-suite field up to it must have an
    /// `original_name` (a strict getter), and it gives `id`, `is_active` and its values.
    struct Environment {
        var id: Int
        var active: Bool
        var values: [(value: Int, label: String, active: Bool)]
    }

    static func environmentField(_ plugin: JenkinsPlugin, project: Int, token: String) throws -> Environment {
        let fields = try plugin.send("GET", "/api/v3/projects/\(project)/settings/test-suites/fields?includeInactive=true", token: token)
        #expect(fields.status == 200 && fields.json is [Any], "\(fields)")
        for field in fields.array { #expect(field["original_name"] is String, "every field has original_name: \(field)") }
        let field = try #require(fields.array.first { $0["original_name"] as? String == "EnvironmentTestSuite" })
        let values = try #require(field["allowed_values"] as? [[String: Any]])
        return Environment(id: try #require(field["id"] as? Int), active: try #require(field["is_active"] as? Bool),
                           values: try values.map { v in
                               (try #require(v["value"] as? Int), try #require(v["label"] as? String), try #require(v["is_active"] as? Bool))
                           })
    }

    /// A custom test-suite field ordered before Environment still carries an `original_name`,
    /// and a deactivated environment value is listed with `is_active: false` (the page hides it).
    @Test func customFieldsAndInactiveValuesDoNotHideTheEnvironments() throws {
        let h = try EmulatorHarness(.live)
        let custom = try h.post("/api/v3/projects/108781/settings/test-suites/fields", json: ["label": "Browser", "data_type": 1])
        #expect(custom.status == 201 || custom.status == 200, "\(custom)")
        let customID = try #require(custom.object["id"] as? Int)
        let moved = try h.put("/api/v3/projects/108781/settings/test-suites/fields/\(customID)", json: ["order": 0])
        #expect(moved.status == 200, "\(moved)")
        let fieldsBefore = try h.get("/api/v3/projects/108781/settings/test-suites/fields?includeInactive=true").array
        let environmentID = try #require(fieldsBefore.first { $0["original_name"] as? String == "EnvironmentTestSuite" }?["id"] as? Int)
        let firstIndex = fieldsBefore.firstIndex { $0["id"] as? Int == customID } ?? Int.max
        #expect(firstIndex < (fieldsBefore.firstIndex { $0["id"] as? Int == environmentID } ?? 0), "the custom field now comes first")
        let off = try h.put("/api/v3/projects/108781/settings/test-suites/fields/\(environmentID)/allowed-values/745", json: ["is_active": false])
        #expect(off.status == 200, "\(off)")

        let plugin = JenkinsPlugin(port: h.port)
        let environment = try Self.environmentField(plugin, project: Self.project, token: try plugin.token())
        #expect(environment.active)
        #expect(environment.values.first { $0.value == 745 }?.active == false)
        #expect(environment.values.filter(\.active).map(\.value) == [741, 742, 743, 744])
    }
}
