import Testing
@testable import HTTPServer

/// The router's tree picks what comparing every pattern picked: the most specific matching
/// shape, backing out of a literal branch that ends nowhere.
struct RouteTreeTests {
    static func router() -> Router {
        var router = Router()
        for (method, pattern) in [("GET", "/a/{x}/c"), ("GET", "/{y}/b/c"), ("GET", "/a/b/d"), ("PUT", "/a/{other}/c"),
                                  ("GET", "/runs/current"), ("GET", "/runs/{id}")] {
            router.add(method, pattern) { request in
                .text(200, "\(method) \(pattern) \(request.pathParameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
            }
        }
        return router
    }

    func answer(_ method: String, _ path: String) -> (Int, String) {
        let response = Self.router().respond(to: HTTPRequest(method: method, target: path))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test func aLiteralBranchThatEndsNowhereFallsBackToTheParameter() {
        // `/a/b` leads to `/a/b/d` only: `/a/b/c` is `/a/{x}/c`, the literal `a` first.
        #expect(answer("GET", "/a/b/c").1 == #"GET /a/{x}/c ["x=b"]"#)
        #expect(answer("GET", "/a/b/d").1 == "GET /a/b/d []")
        #expect(answer("GET", "/z/b/c").1 == #"GET /{y}/b/c ["y=z"]"#)
        #expect(answer("GET", "/runs/current").1 == "GET /runs/current []")
        #expect(answer("GET", "/runs/7").1 == #"GET /runs/{id} ["id=7"]"#)
    }

    /// Routes of one shape share a node whatever their parameters are called.
    @Test func methodsOfOneShapeAreChosenAmongAndListedIn405() {
        #expect(answer("PUT", "/a/q/c").1 == #"PUT /a/{other}/c ["other=q"]"#)
        let refused = Self.router().respond(to: HTTPRequest(method: "DELETE", target: "/a/q/c"))
        #expect(refused.status == 405)
        #expect(refused.headers["Allow"] == "GET, PUT, HEAD")
    }

    @Test func pathsOfOtherLengthsMatchNothing() {
        #expect(answer("GET", "/a/b").0 == 404)
        #expect(answer("GET", "/a/b/c/d").0 == 404)
        #expect(answer("GET", "/").0 == 404)
        // A path far longer than any pattern stops where the tree does.
        #expect(answer("GET", String(repeating: "/a", count: 50_000)).0 == 404)
    }
}
