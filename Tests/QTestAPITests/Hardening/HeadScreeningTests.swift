import Foundation
import Testing
import TestSupport

/// Uploads that will be refused are refused from their head: the server answers before the
/// body arrives and never holds it (20 unauthenticated 60 MB uploads used to take RSS past 1 GB).
@Suite struct HeadScreeningTests {
    static let upload = "/api/v3/projects/108781/auto-test-logs?type=automation"
    static let sixtyMB = 60 * 1024 * 1024

    @Test func refusedUploadsAreAnsweredBeforeTheirBody() throws {
        let h = try EmulatorHarness()
        let viewer = try h.login("viewer@example.com", "viewer123")
        let cases: [(String, [(String, String)], Int)] = [
            ("no token", [], 401),
            ("unknown token", [("Authorization", "Bearer " + String(repeating: "x", count: 60_000))], 401),
            ("not a member", [("Authorization", "Bearer \(Demo.testerToken)")], 403),
            ("read-only profile", [("Authorization", "Bearer \(viewer)")], 403),
        ]
        for (name, headers, status) in cases {
            let client = h.makeClient()
            let path = name == "not a member" ? "/api/v3/projects/108782/releases" : Self.upload
            let started = Date()
            let r = try client.sendHeadOnly("POST", path, headers: headers + [("Content-Type", "application/json")],
                                            declaredLength: Self.sixtyMB, sent: 1024)
            #expect(r.status == status, "\(name): \(r)")
            #expect(r.object["message"] is String || r.object["error"] is String, "\(name): \(r)")
            #expect(Date().timeIntervalSince(started) < 2, "\(name): answered without waiting for 60 MB")
            client.close()
        }
        // A permitted upload of the same route still reads its body.
        #expect(try h.post(Self.upload, json: ["test_logs": [AutomationUploadTests.log("fine", "PASSED")]]).status == 201)
    }
}
