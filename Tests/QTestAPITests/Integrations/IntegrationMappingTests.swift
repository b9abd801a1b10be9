import Foundation
import Testing
import TestSupport

/// The mappings of a connection, each kind: added with their defaults, listed and narrowed,
/// configured, removed; the rules of what may be mapped (types, options, qTest fields, the
/// identifying query that cannot change, features switched off).
@Suite struct IntegrationMappingTests {
    @Test func defectMappingsAreAddedConfiguredListedAndRemoved() throws {
        let h = try EmulatorHarness(.live)
        let id = try Integration.connection(h)
        let path = Integration.path(id, "/defect/mappings")
        let added = try h.post("\(path)?\(Integration.key(type: "10004"))")
        #expect(added.status == 200, "\(added)")
        #expect(added.object["externalProjectId"] as? String == "10000" && added.object["externalTypeId"] as? String == "10004")
        #expect(added.object["sendAttachmentToJira"] as? String == "false")
        #expect((added.object["configures"] as? [Any])?.isEmpty == true)
        #expect(try h.post("\(path)?\(Integration.key("10001", type: "10004"))").status == 200)
        #expect(try h.post("\(path)?\(Integration.key(type: "10004"))").status == 400, "the same Jira project and type twice")

        let body: [String: Any] = ["sendAttachmentToJira": "True", "configures": [
            ["externalFieldId": "summary", "qTestFieldIds": "Name"],
            ["externalFieldId": "description", "qTestFieldIds": "Description,Test Run URL,608916"],
        ]]
        let put = try h.put("\(path)?\(Integration.key(type: "10004"))", json: body)
        #expect(put.status == 200, "\(put)")
        #expect(put.object["sendAttachmentToJira"] as? String == "true")
        let configures = try #require(put.object["configures"] as? [[String: String]])
        #expect(configures == [["externalFieldId": "summary", "qTestFieldIds": "Name"],
                               ["externalFieldId": "description", "qTestFieldIds": "Description,Test Run URL,608916"]])
        // A partial update keeps the rest.
        let partial = try h.put("\(path)?\(Integration.key(type: "10004"))", json: ["sendAttachmentToJira": false])
        #expect(partial.object["sendAttachmentToJira"] as? String == "false" && (partial.object["configures"] as? [Any])?.count == 2)

        let all = try #require(h.get(path).json as? [[String: Any]])
        #expect(all.count == 2)
        #expect(all.first?["externalTypeId"] as? String == "10004", "oldest first")
        #expect(try #require(h.get("\(path)?externalProjectId=10001").json as? [Any]).count == 1)
        #expect(try #require(h.get("\(path)?\(Integration.key(type: "10004"))").json as? [Any]).count == 1)
        #expect(try #require(h.get("\(path)?externalIssueTypeId=99").json as? [Any]).isEmpty)

        let removed = try h.delete(Integration.path(id, "/Defect/mappings?\(Integration.key(type: "10004"))"))
        #expect(removed.status == 200 && removed.object["message"] is String, "\(removed)")
        #expect(try h.delete(Integration.path(id, "/defects/mappings?\(Integration.key(type: "10004"))")).status == 404, "already removed")
        #expect(try #require(h.get(path).json as? [Any]).count == 1)
    }

    @Test func defectMappingBodiesNameQTestFieldsThatExist() throws {
        let h = try EmulatorHarness(.router)
        let id = try Integration.connection(h)
        let path = Integration.path(id, "/defect/mappings?\(Integration.key(type: "10004"))")
        #expect(try h.post(path).status == 200)
        let cases: [(Any, String)] = [
            ([["externalFieldId": "summary", "qTestFieldIds": "Nme"]], "qTestFieldIds"),
            ([["externalFieldId": "summary", "qTestFieldIds": "Name, Description"]], "qTestFieldIds"),
            ([["externalFieldId": "summary", "qTestFieldIds": "Name,"]], "qTestFieldIds"),
            ([["externalFieldId": "summary", "qTestFieldIds": "999999"]], "qTestFieldIds"),
            // A field of another object type (a release field) is not one to fill a defect from.
            ([["externalFieldId": "summary", "qTestFieldIds": try Self.releaseField(h)]], "qTestFieldIds"),
            ([["externalFieldId": "summary", "qTestFieldIds": "Name"], ["externalFieldId": "summary", "qTestFieldIds": "Description"]], "twice"),
            ([["externalFieldId": "", "qTestFieldIds": "Name"]], "externalFieldId"),
            ([["externalFieldId": "my field", "qTestFieldIds": "Name"]], "externalFieldId"),
            ([["qTestFieldIds": "Name"]], "externalFieldId"),
            ([["externalFieldId": "summary"]], "qTestFieldIds"),
            (["summary"], "configures[0]"),
            ("summary", "configures"),
        ]
        for (configures, named) in cases {
            let r = try h.put(path, json: ["configures": configures])
            #expect(r.status == 400, "\(configures): \(r)")
            #expect((r.object["message"] as? String ?? "").contains(named), "\(configures): \(r)")
        }
        let renamed = try h.put(path, json: ["externalProjectId": "10001", "sendAttachmentToJira": true])
        #expect(renamed.status == 400 && (renamed.object["message"] as? String ?? "").contains("cannot be changed"), "\(renamed)")
        #expect(try h.put(path, json: ["externalProjectId": "10000", "externalTypeId": "10004"]).status == 200, "naming the same mapping is fine")
        #expect(try h.put(path, json: ["sendAttachmentToJira": "perhaps"]).status == 400)
        #expect(try h.put(Integration.path(id, "/defect/mappings?externalProjectId=10000"), json: [:] as [String: Any]).status == 400, "the type is required")
        #expect(try h.put(Integration.path(id, "/defect/mappings?\(Integration.key(type: "777"))"), json: [:] as [String: Any]).status == 404)
        let unchanged = try #require(h.get(Integration.path(id, "/defect/mappings")).json as? [[String: Any]])
        #expect(unchanged.first?["sendAttachmentToJira"] as? String == "false" && (unchanged.first?["configures"] as? [Any])?.isEmpty == true)
    }

    static func releaseField(_ h: EmulatorHarness) throws -> String {
        let fields = try h.get("/api/v3/projects/108781/settings/releases/fields").array
        return String(try #require(fields.first?["id"] as? Int))
    }

    @Test func requirementMappingsNeedRequirementIntegration() throws {
        let h = try EmulatorHarness(.router)
        let id = try Integration.connection(h)
        let path = Integration.path(id, "/requirement/mappings")
        let refused = try h.post("\(path)?\(Integration.key(type: "10001"))")
        #expect(refused.status == 400 && (refused.object["message"] as? String ?? "").contains("disabled"), "\(refused)")

        try Integration.enable(h, id, "requirement")
        let added = try h.post("\(path)?\(Integration.key(type: "10001"))")
        #expect(added.status == 200, "\(added)")
        let mappingID = try #require(added.object["mapping_id"] as? Int)
        #expect(added.object["active_external_fields"] as? String == "id,status,summary,description")
        #expect(added.object["external_filter"] == nil && added.object["external_field_1_id"] == nil)

        let put = try h.put("\(path)?\(Integration.key(type: "10001"))", json: [
            "external_filter": "10048", "external_field_1_id": "fixVersions", "external_field_2_id": "components",
            "active_external_fields": "id,status,summary,priority", "mapping_id": 1,
        ])
        #expect(put.status == 200, "\(put)")
        #expect(put.object["mapping_id"] as? Int == mappingID, "the mapping id is the server's")
        #expect(put.object["external_filter"] as? String == "10048")
        #expect(put.object["external_field_1_id"] as? String == "fixVersions" && put.object["external_field_2_id"] as? String == "components")
        #expect(put.object["active_external_fields"] as? String == "id,status,summary,priority")
        for (body, named) in [(["active_external_fields": "id, status"], "active_external_fields"),
                              (["active_external_fields": "id,,status"], "active_external_fields"),
                              (["external_field_1_id": "fix versions"], "external_field_1_id"),
                              (["externalTypeId": "10002"], "externalTypeId")] as [([String: Any], String)] {
            let r = try h.put("\(path)?\(Integration.key(type: "10001"))", json: body)
            #expect(r.status == 400 && (r.object["message"] as? String ?? "").contains(named), "\(body): \(r)")
        }

        // Switched off, the mapping stays and can be read and removed, not changed or added to.
        #expect(try h.put(Integration.path(id, "/requirement?active=false")).status == 200)
        let listed = try #require(h.get(path).json as? [[String: Any]])
        #expect(listed.count == 1 && listed.first?["external_filter"] as? String == "10048")
        #expect(try h.put("\(path)?\(Integration.key(type: "10001"))", json: ["external_filter": "1"]).status == 400)
        #expect(try h.post("\(path)?\(Integration.key(type: "10002"))").status == 400)
        #expect(try h.delete(Integration.path(id, "/requirements/mappings?\(Integration.key(type: "10001"))")).status == 200)
        #expect(try #require(h.get(path).json as? [Any]).isEmpty)
    }

    @Test func releaseMappingsTakeTheOptionsOfTheirType() throws {
        let h = try EmulatorHarness(.router)
        let id = try Integration.connection(h)
        let path = Integration.path(id, "/release/mappings")
        #expect(try h.post("\(path)?\(Integration.key(type: "fixVersions"))").status == 400, "release integration is off")
        try Integration.enable(h, id, "release")
        for type in ["fixversions", "Sprints", "10001"] {
            let r = try h.post("\(path)?\(Integration.key(type: type))")
            #expect(r.status == 400 && (r.object["message"] as? String ?? "").contains("fixVersions or Sprint"), "\(type): \(r)")
        }
        let versions = try h.post("\(path)?\(Integration.key(type: "fixVersions"))")
        #expect(versions.status == 200, "\(versions)")
        #expect(versions.object["externalIssueTypeId"] as? String == "fixVersions")
        #expect(versions.object["data_retrieval_options"] as? [String] == ["released", "unreleased"])
        #expect(versions.object["auto_update_release_scope"] as? String == "false")
        let sprint = try h.post("\(path)?\(Integration.key(type: "Sprint"))")
        #expect(sprint.object["data_retrieval_options"] as? [String] == ["active", "future", "completed"])

        let put = try h.put("\(path)?\(Integration.key(type: "fixVersions"))", json: ["data_retrieval_options": ["unreleased"], "auto_update_release_scope": "True"])
        #expect(put.status == 200, "\(put)")
        #expect(put.object["data_retrieval_options"] as? [String] == ["unreleased"])
        #expect(put.object["auto_update_release_scope"] as? String == "true")
        // `configurationValues` is the other way to choose options; kept in their order, once each.
        let flags = try h.put("\(path)?\(Integration.key(type: "Sprint"))", json: ["configurationValues": ["completed": true, "active": true, "future": false]])
        #expect(flags.object["data_retrieval_options"] as? [String] == ["active", "completed"], "\(flags)")
        let twice = try h.put("\(path)?\(Integration.key(type: "Sprint"))", json: ["data_retrieval_options": ["future", "active", "future"]])
        #expect(twice.object["data_retrieval_options"] as? [String] == ["active", "future"])
        for body in [["data_retrieval_options": ["released"]], ["configurationValues": ["released": true]],
                     ["data_retrieval_options": [1]], ["data_retrieval_options": "active"]] as [[String: Any]] {
            #expect(try h.put("\(path)?\(Integration.key(type: "Sprint"))", json: body).status == 400, "\(body)")
        }
        let listed = try #require(h.get("\(path)?externalIssueTypeId=Sprint").json as? [[String: Any]])
        #expect(listed.count == 1 && listed.first?["data_retrieval_options"] as? [String] == ["active", "future"])
        #expect(try h.delete(Integration.path(id, "/RELEASE/mappings?\(Integration.key(type: "Sprint"))")).status == 200)
        for bad in ["/widgets/mappings?\(Integration.key(type: "Sprint"))", "/release/mappings?externalProjectId=10000"] {
            #expect(try h.delete(Integration.path(id, bad)).status == 400, "\(bad)")
        }
    }
}
