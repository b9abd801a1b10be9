import Foundation
import GRDB
import Testing
import TestSupport

/// Jira connections: added inactive, listed without credentials, activated and deactivated,
/// features switched, deleted with their mappings; refused with 400s that name the field, 404 for
/// unknown connections; the OAuth authorize URL.
@Suite struct IntegrationConnectionTests {
    @Test func aConnectionIsAddedInactiveAndListedWithoutItsCredentials() throws {
        let h = try EmulatorHarness(.live)
        let created = try h.post(Integration.base(), json: Integration.body("Team Jira", extra: ["web_url": "https://jira-web.example.com", "id": 42]))
        #expect(created.status == 200, "\(created)")
        #expect(created.object["status"] as? String == "false", "a new connection is inactive: \(created)")
        let id = try #require(created.object["connection_id"] as? Int)
        #expect(id != 42, "the body's id is not read")

        let list = try h.get(Integration.base())
        #expect(list.status == 200)
        let all = try #require(list.json as? [[String: Any]], "an array: \(list)")
        #expect(all.first?["id"] as? Int == 5001, "the demo seed's connection comes first")
        let listed = try #require(all.first { $0["id"] as? Int == id })
        #expect(listed["external_system"] as? String == "Jira")
        #expect(listed["connection_name"] as? String == "Team Jira")
        #expect(listed["server_url"] as? String == "https://jira.example.com")
        #expect(listed["web_url"] as? String == "https://jira-web.example.com")
        #expect(listed["active"] as? Bool == false)
        #expect(Set(listed.keys) == ["id", "external_system", "connection_name", "server_url", "web_url", "active"])
        #expect(!list.text.contains("s3cret"), "no answer shows a credential")
        // Nor does the journal: the request's token is masked there.
        let route = "POST /api/v3/projects/{projectId}/settings/integration/connections".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let journaled = try h.get("/__emulator/journal?route=\(route)", token: .some(nil)).object["items"] as? [[String: Any]] ?? []
        let sent = try #require(journaled.first?["request_body"] as? String)
        #expect(!sent.contains("s3cret") && sent.contains(#""token":"***""#), "\(sent)")

        // Without a web URL, the server's is the web URL; the system and type are read in any case.
        let cloud = try h.post(Integration.base(), json: Integration.body("Cloud", extra: ["external_system": "JIRA", "authentication_type": "token",
                                                                                          "token": NSNull(), "password": "p4ss"]))
        let cloudID = try #require(cloud.object["connection_id"] as? Int, "\(cloud)")
        #expect(try Integration.listed(h, cloudID)?["web_url"] as? String == "https://jira.example.com")
    }

    @Test func activationAndFeatureSwitches() throws {
        let h = try EmulatorHarness(.router)
        let id = try Integration.connection(h)
        let on = try h.put(Integration.path(id, "?active=True"))
        #expect(on.status == 200 && on.object["message"] is String, "\(on)")
        #expect(try Integration.listed(h, id)?["active"] as? Bool == true)
        #expect(try h.put(Integration.path(id, "?active=false")).status == 200)
        #expect(try Integration.listed(h, id)?["active"] as? Bool == false)

        for query in ["", "?active=", "?active=yes", "?active=2"] {
            let r = try h.put(Integration.path(id, query))
            #expect(r.status == 400 && (r.object["message"] as? String ?? "").contains("active"), "\(query): \(r)")
        }
        // The feature switches: optional parameters, a missing one keeps the switch; bad values are 400s.
        for path in ["/defect?storeUnlinkedDefects=true", "/defect", "/requirement?active=true", "/requirement",
                     "/release?active=true&autoFilterTestRun=True&mergeDuplicatedFixVersions=false", "/release"] {
            let r = try h.put(Integration.path(id, path))
            #expect(r.status == 200, "\(path): \(r)")
        }
        for path in ["/defect?storeUnlinkedDefects=maybe", "/requirement?active=on", "/release?autoFilterTestRun=1x"] {
            #expect(try h.put(Integration.path(id, path)).status == 400, "\(path)")
        }
        // Requirement integration is on now: its mappings can be added.
        #expect(try h.post(Integration.path(id, "/requirement/mappings?\(Integration.key(type: "10001"))")).status == 200)
    }

    @Test func malformedConnectionsAre400sThatNameTheField() throws {
        let h = try EmulatorHarness(.router)
        let before = try #require(h.get(Integration.base()).json as? [Any]).count
        let cases: [([String: Any], String)] = [
            (["server_url": "jira.example.com"], "server_url"),
            (["server_url": "ftp://jira.example.com"], "server_url"),
            (["server_url": "https://"], "server_url"),
            (["server_url": "https://jira example.com"], "server_url"),
            (["server_url": NSNull()], "server_url"),
            (["web_url": "/relative"], "web_url"),
            (["connection_name": "  "], "connection_name"),
            (["connection_name": String(repeating: "x", count: 256)], "connection_name"),
            (["external_system": "Azure DevOps"], "external_system"),
            (["authentication_type": "Basic"], "authentication_type"),
            (["authentication_type": NSNull()], "authentication_type"),
            (["token": NSNull()], "password"),
            (["username": NSNull()], "username"),
            (["authentication_type": "OAuth", "jiraToken": "t", "jiraSecret": "s"], "jiraVerifier"),
            (["connection_name": ["not", "text"]], "connection_name"),
        ]
        for (extra, named) in cases {
            let r = try h.post(Integration.base(), json: Integration.body(extra: extra))
            #expect(r.status == 400, "\(extra): \(r)")
            #expect((r.object["message"] as? String ?? "").contains(named), "\(extra): \(r)")
        }
        for body in ["", "[]", "{", "null", "\"Jira\""] {
            let r = try h.client.send("POST", Integration.base(), headers: [("Authorization", "Bearer \(Demo.adminToken)"),
                                                                            ("Content-Type", "application/json")], body: Data(body.utf8))
            #expect(r.status == 400, "\(body): \(r)")
        }
        #expect(try #require(h.get(Integration.base()).json as? [Any]).count == before, "nothing was added")

        // An OAuth connection with what the authorize step gave is fine.
        let oauth = try h.post(Integration.base(), json: Integration.body(extra: [
            "authentication_type": "OAuth", "username": "apikey", "token": NSNull(), "jiraToken": "t", "jiraSecret": "s", "jiraVerifier": "v",
        ]))
        #expect(oauth.status == 200, "\(oauth)")
    }

    @Test func unknownConnectionsAre404AndDeletesCascadeToMappings() throws {
        let h = try EmulatorHarness(.router)
        for id in ["999999", "4001"] {
            for (method, path) in [("PUT", "?active=true"), ("DELETE", ""), ("PUT", "/defect?storeUnlinkedDefects=true"), ("PUT", "/requirement?active=true"),
                                   ("PUT", "/release?active=true"), ("GET", "/defect/mappings"), ("GET", "/requirement/mappings"),
                                   ("GET", "/release/mappings"), ("POST", "/defect/mappings?\(Integration.key(type: "1"))"),
                                   ("DELETE", "/defect/mappings?\(Integration.key(type: "1"))")] {
                let r = try h.send(method, "\(Integration.base())/\(id)\(path)", json: nil)
                #expect(r.status == 404 && (r.object["message"] as? String ?? "").contains(id), "\(method) \(id)\(path): \(r)")
            }
        }
        #expect(try h.put("\(Integration.base())/abc?active=true").status == 400)

        let id = try Integration.connection(h)
        try Integration.enable(h, id, "requirement")
        try Integration.enable(h, id, "release")
        for (kind, type) in [("defect", "10004"), ("requirement", "10001"), ("release", "Sprint")] {
            #expect(try h.post(Integration.path(id, "/\(kind)/mappings?\(Integration.key(type: type))")).status == 200, "\(kind)")
        }
        let deleted = try h.delete(Integration.path(id))
        #expect(deleted.status == 200 && deleted.object["message"] is String, "\(deleted)")
        #expect(try Integration.listed(h, id) == nil)
        for kind in ["defect", "requirement", "release"] {
            #expect(try h.get(Integration.path(id, "/\(kind)/mappings")).status == 404, "\(kind)")
        }
        let left = try h.app.context.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM integration_mappings WHERE connection_id = ?", arguments: [id])
        }
        #expect(left == 0, "the mappings went with the connection")
        #expect(try h.delete(Integration.path(id)).status == 404)
    }

    @Test func theAuthorizeURLIsWellFormedForTheGivenServer() throws {
        let h = try EmulatorHarness(.live)
        let r = try h.get("/api/v3/projects/0/settings/integration/connections/oauthAuthorizeURL?serverUrl=https%3A%2F%2Fjira.example.com%2Fjira%2F")
        #expect(r.status == 200, "\(r)")
        let token = try #require(r.object["jiraToken"] as? String)
        #expect((r.object["jiraSecret"] as? String)?.isEmpty == false)
        #expect(r.object["jiraSecret"] as? String != token)
        let url = try #require(URLComponents(string: r.object["authorizeUrl"] as? String ?? ""))
        #expect(url.scheme == "https" && url.host == "jira.example.com")
        #expect(url.path == "/jira/plugins/servlet/oauth/authorize")
        #expect(url.queryItems == [URLQueryItem(name: "oauth_token", value: token)])
        // Each call starts a new sign-in.
        let again = try h.get("/api/v3/projects/0/settings/integration/connections/oauthAuthorizeURL?serverUrl=http://jira.local:8080")
        #expect(again.object["jiraToken"] as? String != token)
        #expect((again.object["authorizeUrl"] as? String)?.hasPrefix("http://jira.local:8080/plugins/servlet/oauth/authorize?oauth_token=") == true)

        // A project id other than 0 must be one of the caller's; the server URL is checked.
        #expect(try h.get("/api/v3/projects/108781/settings/integration/connections/oauthAuthorizeURL?serverUrl=https://j.example.com").status == 200)
        #expect(try h.get("/api/v3/projects/999/settings/integration/connections/oauthAuthorizeURL?serverUrl=https://j.example.com").status == 404)
        #expect(try h.get("/api/v3/projects/108782/settings/integration/connections/oauthAuthorizeURL?serverUrl=https://j.example.com",
                          token: Demo.testerToken).status == 403)
        for query in ["", "?serverUrl=", "?serverUrl=jira.example.com", "?serverUrl=mailto:me@example.com"] {
            let bad = try h.get("/api/v3/projects/0/settings/integration/connections/oauthAuthorizeURL\(query)")
            #expect(bad.status == 400 && (bad.object["message"] as? String ?? "").contains("serverUrl"), "\(query): \(bad)")
        }
        #expect(try h.get("/api/v3/projects/0/settings/integration/connections/oauthAuthorizeURL?serverUrl=https://j.example.com",
                          token: .some(nil)).status == 401)
    }
}
