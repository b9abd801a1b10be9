import Foundation
import Testing
import QTestStore
@testable import QTestAPI
import TestSupport

/// `/oauth/token` and `/oauth/status` as real clients call them.
@Suite struct LoginTests {
    static let basic = "Basic " + Data("my-site:".utf8).base64EncodedString()

    func tokenRequest(_ h: EmulatorHarness, query: String = "", form: String?, authorization: String? = basic) throws -> WireResponse {
        var headers: [(String, String)] = []
        if let authorization { headers.append(("Authorization", authorization)) }
        if form != nil { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
        return try h.client.send("POST", "/oauth/token" + query, headers: headers, body: form.map { Data($0.utf8) })
    }

    @Test func passwordGrantReturnsEveryOAuthResponseKey() throws {
        let h = try EmulatorHarness()
        let r = try tokenRequest(h, form: "grant_type=password&username=api-test%40qasymphony.com&password=admin123")
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "application/json")
        for key in ["access_token", "token_type", "refresh_token", "scope", "expires_in"] {
            #expect(r.object[key] != nil, "missing \(key)")
        }
        #expect(r.object["token_type"] as? String == "bearer")
        let token = try #require(r.object["access_token"] as? String)
        #expect(try h.get("/api/v3/projects/108781", token: token).status == 200)
    }

    @Test func usernameIsCaseInsensitiveAndGrantDefaultsToPassword() throws {
        let h = try EmulatorHarness()
        let r = try tokenRequest(h, form: "username=API-TEST%40qasymphony.com&password=admin123")
        #expect(r.status == 200)
    }

    @Test func badCredentialsAre401WithErrorDescription() throws {
        let h = try EmulatorHarness()
        let r = try tokenRequest(h, form: "grant_type=password&username=api-test%40qasymphony.com&password=wrong")
        #expect(r.status == 401)
        #expect(r.object["error"] != nil)
        #expect(r.object["error_description"] as? String == "Bad credentials")
        let unknown = try tokenRequest(h, form: "grant_type=password&username=nobody%40example.com&password=x")
        #expect(unknown.status == 401)
    }

    @Test func unknownGrantIs400() throws {
        let h = try EmulatorHarness()
        let r = try tokenRequest(h, form: "grant_type=client_credentials")
        #expect(r.status == 400)
        #expect(r.object["error_description"] != nil)
    }

    @Test func missingOrMalformedBasicHeaderIs401() throws {
        let h = try EmulatorHarness()
        let form = "grant_type=password&username=api-test%40qasymphony.com&password=admin123"
        #expect(try tokenRequest(h, form: form, authorization: nil).status == 401)
        #expect(try tokenRequest(h, form: form, authorization: "Basic !!!notbase64").status == 401)
        // Every client-name style seen in the wild is accepted.
        for credentials in ["apitryout:", "api-test@qasymphony.com:", "katalon-user :", "jenkins:ddKsV086cQmo0Z6MS0BiN0zJbuWKnNh4"] {
            let header = "Basic " + Data(credentials.utf8).base64EncodedString()
            #expect(try tokenRequest(h, form: form, authorization: header).status == 200, "\(credentials)")
        }
    }

    @Test func refreshGrantFromQueryStringLikeJenkins() throws {
        let h = try EmulatorHarness()
        // The long-lived API token doubles as a refresh token; Jenkins sends it in the query.
        let r = try tokenRequest(h, query: "?grant_type=refresh_token&refresh_token=\(Demo.adminToken)", form: nil,
                                 authorization: "Basic " + Data("jenkins:secret".utf8).base64EncodedString())
        #expect(r.status == 200)
        let token = try #require(r.object["access_token"] as? String)
        #expect(token != Demo.adminToken)
        #expect(try h.get("/api/v3/projects/108781", token: token).status == 200)
    }

    @Test func refreshGrantWithIssuedRefreshToken() throws {
        let h = try EmulatorHarness()
        let first = try tokenRequest(h, form: "grant_type=password&username=tester%40example.com&password=tester123")
        let refresh = try #require(first.object["refresh_token"] as? String)
        let second = try tokenRequest(h, form: "grant_type=refresh_token&refresh_token=\(refresh)")
        #expect(second.status == 200)
        #expect(second.object["access_token"] as? String != first.object["access_token"] as? String)
        let bad = try tokenRequest(h, form: "grant_type=refresh_token&refresh_token=not-a-token")
        #expect(bad.status == 400)
        #expect(bad.object["error"] as? String == "invalid_grant")
    }

    @Test func everyTokenSpellingIsAccepted() throws {
        let h = try EmulatorHarness()
        for header in ["Bearer \(Demo.adminToken)", "bearer \(Demo.adminToken)", "BEARER \(Demo.adminToken)", Demo.adminToken] {
            let r = try h.client.send("GET", "/api/v3/projects/108781", headers: [("Authorization", header)])
            #expect(r.status == 200, "\(header)")
        }
    }

    @Test func missingUnknownOrExpiredTokenIs401() throws {
        let clock = FixedClock(Date(timeIntervalSince1970: 1_780_000_000))
        let h = try EmulatorHarness(clock: clock)
        #expect(try h.get("/api/v3/projects", token: .some(nil)).status == 401)
        #expect(try h.get("/api/v3/projects", token: "00000000-0000-0000-0000-000000000000").status == 401)
        let r = try h.client.send("GET", "/api/v3/projects", headers: [("Authorization", "Basic " + Data("a:b".utf8).base64EncodedString())])
        #expect(r.status == 401)
        let token = try h.login(Demo.adminUser, Demo.adminPassword)
        #expect(try h.get("/api/v3/projects", token: token).status == 200)
        clock.advance(by: 3601)
        #expect(try h.get("/api/v3/projects", token: token).status == 401)
        // The API token never expires.
        #expect(try h.get("/api/v3/projects", token: Demo.adminToken).status == 200)
    }

    @Test func statusReportsExpiry() throws {
        let clock = FixedClock(Date(timeIntervalSince1970: 1_780_000_000))
        let h = try EmulatorHarness(clock: clock)
        let apiStatus = try h.get("/oauth/status")
        #expect(apiStatus.status == 200)
        #expect(apiStatus.object["expiration"] as? Int == 0)
        let token = try h.login(Demo.adminUser, Demo.adminPassword)
        clock.advance(by: 600)
        let status = try h.get("/oauth/status", token: token)
        #expect(status.status == 200)
        #expect(status.object["expiration"] as? Int == (1_780_000_000 + 3600) * 1000)
        #expect(status.object["validityInMilliseconds"] as? Int == 3000 * 1000)
        #expect(try h.get("/oauth/status", token: "nope").status == 401)
    }

    @Test func revokeEndsAToken() throws {
        let h = try EmulatorHarness()
        let token = try h.login(Demo.testerUser, Demo.testerPassword)
        #expect(try h.post("/oauth/revoke", token: token).status == 200)
        #expect(try h.get("/api/v3/projects", token: token).status == 401)
    }

    @Test func invitedUserWithPasswordCanLogInAtOnce() throws {
        let h = try EmulatorHarness()
        let r = try h.post("/api/v3/users", json: ["username": "new.person@example.com", "first_name": "New", "last_name": "Person", "password": "s3cret!"])
        #expect(r.status == 200)
        #expect(r.object["status"] as? Int == 1)
        let token = try h.login("new.person@example.com", "s3cret!")
        #expect(try h.get("/api/v3/re-evaluation", token: token).object["user_name"] as? String == "new.person@example.com")
    }
}
