import Foundation
import Testing
@testable import HTTPServer

@Test func headersAreOrderedAndCaseInsensitive() {
    var h = HTTPHeaders([("Set-Cookie", "a"), ("content-type", "x")])
    h.add("SET-COOKIE", "b")
    #expect(h["set-cookie"] == "a")
    #expect(h.values("Set-Cookie") == ["a", "b"])
    h["Set-Cookie"] = "c"
    #expect(h.values("set-cookie") == ["c"])
    #expect(h["Content-Type"] == "x")
    h.remove("CONTENT-TYPE")
    #expect(h["content-type"] == nil)
    #expect(h.map(\.name) == ["Set-Cookie"])
}

@Test func queryParametersDecode() {
    let q = QueryParameters.parse("a=1&b=two+words&a=%32&c&=x&d=%ZZ&e=%E2%9C%93")
    #expect(q.values("a") == ["1", "2"])
    #expect(q["b"] == "two words")
    #expect(q["c"] == "")
    #expect(q["d"] == "%ZZ")
    #expect(q["e"] == "✓")
    #expect(q.pairs.count == 7)
}

@Test func requestTargetIsSplitAndNormalized() {
    let r = HTTPRequest(method: "GET", target: "//api/v3//projects/%7Bx%7D/?page=2&size=10#frag")
    #expect(r.path == "/api/v3/projects/{x}/")
    #expect(r.query["page"] == "2")
    #expect(HTTPRequest(method: "GET", target: "http://h:1/a//b?x=1").path == "/a/b")
    #expect(HTTPRequest(method: "GET", target: "http://h:1").path == "/")
    #expect(HTTPRequest(method: "OPTIONS", target: "*").path == "*")
}

@Test func responseHelpersSetContentType() {
    let j = HTTPResponse.message(404, "nope")
    #expect(j.headers["Content-Type"] == "application/json")
    #expect((try? JSONSerialization.jsonObject(with: j.body)) as? [String: String] == ["message": "nope"])
    #expect(HTTPResponse.text(200, "hi").headers["content-type"] == "text/plain; charset=utf-8")
    #expect(HTTPResponse.json(200, object: Date()).status == 500) // not serializable → 500, no crash
}

@Test func routerPrefersLiteralsAndReportsAllowedMethods() {
    let router = TestRoutes.router()
    func body(_ m: String, _ t: String) -> (Int, String, String?) {
        let r = router.respond(to: HTTPRequest(method: m, target: t))
        return (r.status, String(decoding: r.body, as: UTF8.self), r.headers["Allow"])
    }
    #expect(body("GET", "/items/special").1 == "literal")
    #expect(body("GET", "/items/42").1 == "param:42")
    #expect(body("GET", "//items//42/").1 == "param:42")
    #expect(body("HEAD", "/items/42").0 == 200)
    // A literal segment wins whatever the method: `/items/special` is not an item.
    let literalOnly = body("PUT", "/items/special")
    #expect(literalOnly.0 == 405)
    #expect(literalOnly.2 == "GET, HEAD")
    #expect(body("PUT", "/items/7").1 == "put:7")
    let notAllowed = body("DELETE", "/items/1")
    #expect(notAllowed.0 == 405)
    #expect(notAllowed.2 == "GET, PUT, HEAD")
    #expect(body("GET", "/nowhere").0 == 404)
    #expect(router.routes.first! == (method: "GET", pattern: "/echo"))
}

@Test func dateIsIMFFixdate() {
    #expect(HTTPDate.format(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT")
}
