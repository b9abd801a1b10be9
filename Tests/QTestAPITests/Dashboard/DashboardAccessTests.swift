import Foundation
import Testing
import TestSupport
@testable import QTestAPI

/// The dashboard follows the control plane's rules over a real socket: `--control-token` guards
/// it (header or the login form's cookie), `--control off` removes it.
@Suite struct DashboardAccessTests {
    static let token = "s3cret token;=x"

    func harness() throws -> EmulatorHarness {
        try EmulatorHarness(.live) { $0.controlToken = Self.token }
    }

    @Test func withoutTheTokenEveryPageIsTheLoginForm() throws {
        let h = try harness()
        for path in DashboardPageTests.pages + ["stamp", "statuses.css", "projects/108781/attachments/1"] {
            let r = try h.page(path)
            #expect(r.status == 401, "\(path): \(r)")
            #expect(r.header("Content-Type") == "text/html; charset=utf-8" && r.header("WWW-Authenticate") == "Bearer")
            #expect(r.text.contains("<form class=\"filter panel\" method=\"post\" action=\"login\" id=\"login\">"), "\(path)")
            #expect(!r.text.contains("Sample Project"), "\(path) shows nothing of the store")
        }
        // It returns to the page asked for, and its base fits that page's depth.
        let deep = try h.page("projects/108781/runs/31000001?page=1").text
        #expect(deep.contains("<input type=\"hidden\" name=\"next\" value=\"projects/108781/runs/31000001?page=1\">") && deep.contains("<base href=\"../../../\">"))
        // The stylesheet and script are the same for everyone (the login page uses the first).
        #expect(try h.page("dashboard.css").status == 200 && h.page("dashboard.js").status == 200)
        // A wrong token in the header is no better than none.
        #expect(try h.page("", headers: [("Authorization", "Bearer nope")]).status == 401)
    }

    @Test func theHeaderOrTheLoginCookieOpensIt() throws {
        let h = try harness()
        let bearer = [("Authorization", "Bearer \(Self.token)")]
        let page = try h.page("projects/108781", headers: bearer)
        #expect(page.status == 200 && page.text.contains("Sample Project"), "\(page)")
        // The page carries the token for its control buttons (its reader holds it already).
        #expect(page.text.contains("<meta name=\"control-token\" content=\"s3cret token;=x\">"))

        let form = "token=" + (Self.token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&next=projects%2F108781%3Fpage%3D1"
        let login = try h.client.send("POST", "/__emulator/ui/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                      body: Data(form.utf8))
        #expect(login.status == 303 && login.header("Location") == "projects/108781?page=1", "\(login)")
        let cookie = try #require(login.header("Set-Cookie"))
        #expect(cookie.hasPrefix("qtest_emulator_control=s3cret%20token%3B%3Dx;") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        #expect(!cookie.contains("Path="), "the browser derives the path from the form's URL, which works behind a prefix")
        let pair = String(cookie.split(separator: ";")[0])
        #expect(try h.page("projects/108781", headers: [("Cookie", "other=1; \(pair)")]).status == 200)
        #expect(try h.page("stamp", headers: [("Cookie", pair)]).status == 200)
        // The cookie opens the dashboard only, not the control routes (those take the header).
        #expect(try h.client.send("GET", "/__emulator/journal", headers: [("Cookie", pair)]).status == 401)
        #expect(try h.page("", headers: [("Cookie", "qtest_emulator_control=wrong")]).status == 401)
    }

    @Test func aWrongTokenShowsTheFormAgainAndRedirectsStayInside() throws {
        let h = try harness()
        let wrong = try h.client.send("POST", "/__emulator/ui/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                      body: Data("token=guess&next=queue".utf8))
        #expect(wrong.status == 401 && wrong.text.contains("That is not the control token.") && wrong.header("Set-Cookie") == nil)
        #expect(wrong.text.contains("name=\"next\" value=\"queue\""))
        for next in ["//evil.example/x", "https://evil.example/", "/__emulator/reset", "../../etc", "a/../../b", "\\\\evil", "java script:x"] {
            #expect(DashboardAccess.safeNext(next) == "./", "\(next)")
        }
        #expect(DashboardAccess.safeNext("projects/108781/runs?parentType=test-suite&parentId=2") == "projects/108781/runs?parentType=test-suite&parentId=2")
        #expect(DashboardAccess.safeNext(nil) == "./")
    }

    @Test func noTokenMeansOpenAndControlOffMeansGone() throws {
        let open = try EmulatorHarness(.live)
        #expect(try open.page("").status == 200)
        #expect(try open.client.send("POST", "/__emulator/ui/login", body: Data()).status == 303, "nothing to log in to")
        let off = try EmulatorHarness(.live) { $0.controlRoutes = false }
        for path in ["", "projects/108781", "stamp", "dashboard.js"] {
            let r = try off.page(path)
            #expect(r.status == 404, "\(path): \(r)")
        }
        #expect(try off.client.send("GET", "/__emulator/health").status == 200)
    }

    @Test func baseFollowsTheRawTarget() {
        #expect(DashboardRequest.base(forTarget: "/__emulator/ui/") == "./")
        #expect(DashboardRequest.base(forTarget: "/__emulator/ui/queue?page=2") == "./")
        #expect(DashboardRequest.base(forTarget: "/__emulator/ui/projects/1") == "../")
        #expect(DashboardRequest.base(forTarget: "/__emulator/ui/projects/1/runs/2") == "../../../")
        #expect(DashboardRequest.base(forTarget: "/__emulator/ui/projects/1/") == "../../")
        #expect(DashboardRequest.base(forTarget: "http://host:8080/__emulator/ui/projects/1?x=/y/z") == "../")
        #expect(DashboardRequest.base(forTarget: "/__emulator/ui") == nil)
        #expect(DashboardRequest.base(forTarget: "/__emulator/ui?x=/") == nil)
    }
}
