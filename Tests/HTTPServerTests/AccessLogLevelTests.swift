import Foundation
import Logging
import LogRecorder
import Testing
import TestSupport
@testable import HTTPServer

/// What the server and its router log at each level: `info` is the access log, `debug` adds
/// the route and what each request carried, `error` leaves requests out.
@Suite struct AccessLogLevelTests {
    /// Serves three requests with the server and router logging at `level`; returns the log.
    private func entries(at level: Logger.Level) throws -> [LogRecorder.Entry] {
        let log = LogRecorder()
        var router = TestRoutes.router()
        router.logger = log.logger(level: level)
        try withServer(router: router, logger: log.logger(level: level)) { _, port in
            let c = try HTTPTestClient.connect(port: port)
            #expect(c.request("GET", "/items/7", headers: ["X-Trace: abc"])?.status == 200)
            #expect(c.request("POST", "/echo", body: "hello")?.status == 200)
            #expect(c.request("GET", "/nowhere")?.status == 404)
        }
        return log.entries
    }

    /// `GET /items/7 200 0.3ms`: method, path, status, milliseconds with one decimal.
    private func isAccessLine(_ message: String, _ prefix: String) -> Bool {
        let pattern = "^" + NSRegularExpression.escapedPattern(for: prefix) + #" [0-9]+\.[0-9]ms$"#
        return message.range(of: pattern, options: .regularExpression) != nil
    }

    @Test func infoIsOneAccessLinePerRequestAndNothingElse() throws {
        let entries = try entries(at: .info)
        #expect(entries.allSatisfy { $0.level == .info }, "\(entries.map(\.message))")
        #expect(entries.count == 3)
        let prefixes = ["GET /items/7 200", "POST /echo 200", "GET /nowhere 404"]
        for (entry, prefix) in zip(entries, prefixes) {
            #expect(isAccessLine(entry.message, prefix), "\(entry.message)")
        }
    }

    @Test func debugAddsTheRouteAndWhatTheRequestCarried() throws {
        let entries = try entries(at: .debug)
        // The access lines are the same as at info…
        #expect(entries.filter { $0.level == .info }.count == 3)
        // …and each request adds its route (or the lack of one) and its size.
        let debug = entries.filter { $0.level == .debug }.map(\.message)
        #expect(debug.contains("GET /items/7: route GET /items/{id}"), "\(debug)")
        #expect(debug.contains("POST /echo: route POST /echo"), "\(debug)")
        #expect(debug.contains("GET /nowhere: no route"), "\(debug)")
        // The header count and bytes depend on what the test client sends (its Host line).
        let sized = #"^GET /items/7: [0-9]+ headers \([0-9]+ bytes\), body 0 bytes, from 127\.0\.0\.1:[0-9]+, .* ms$"#
        #expect(debug.contains { $0.range(of: sized, options: .regularExpression) != nil }, "\(debug)")
        #expect(debug.contains { $0.hasPrefix("POST /echo: ") && $0.contains("body 5 bytes, from 127.0.0.1:") }, "\(debug)")
    }

    @Test func errorLeavesTheAccessLogOut() throws {
        #expect(try entries(at: .error).isEmpty)
        #expect(try entries(at: .warning).isEmpty)
    }

    @Test func aHeadRefusedByItsScreenNamesTheRoute() throws {
        let log = LogRecorder()
        var router = Router()
        router.logger = log.logger(level: .debug)
        router.add("POST", "/guarded/{id}", screen: { _ in .message(403, "no") }) { _ in .text(200, "never") }
        try withServer(router: router, logger: log.logger(level: .info)) { _, port in
            let c = try HTTPTestClient.connect(port: port)
            #expect(c.request("POST", "/guarded/1", body: "x")?.status == 403)
        }
        #expect(log.entries(at: .debug).map(\.message) == ["POST /guarded/1: refused before its body by route POST /guarded/{id}"])
        #expect(log.entries(at: .info).count == 1)
    }
}
