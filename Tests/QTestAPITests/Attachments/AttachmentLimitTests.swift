import Foundation
import Testing
import HTTPServer
import QTestAPI
import TestSupport

/// `--max-attachment-bytes`: a larger upload is a 413 "The attachment is too large", decided
/// before the body is buffered (from `Content-Length`, or as a chunked body passes the limit);
/// the general body limit stays in force, and the flag reaches the server from the command line
/// and the environment.
@Suite struct AttachmentLimitTests {
    typealias F = AttachmentFixtures
    static let upload = "\(F.project)/test-cases/40000001/blob-handles"

    @Test func theDefaultLimitIs50MiBAndRefusesFromTheHead() throws {
        let h = try EmulatorHarness()
        let started = Date()
        let r = try h.makeClient().sendHeadOnly("POST", Self.upload, headers: [("Authorization", "Bearer \(Demo.adminToken)"), ("File-Name", "big.bin")],
                                                declaredLength: (50 << 20) + 1)
        #expect(r.status == 413, "\(r)")
        #expect(r.object["message"] as? String == "The attachment is too large")
        #expect(r.header("Connection") == "close")
        #expect(Date().timeIntervalSince(started) < 2, "answered without waiting for the body")
        // A caller without a token hears that first.
        let anonymous = try h.makeClient().sendHeadOnly("POST", Self.upload, headers: [("File-Name", "big.bin")], declaredLength: (50 << 20) + 1)
        #expect(anonymous.status == 401)
    }

    @Test func aSmallerLimitStopsFixedAndChunkedBodies() throws {
        let (app, server, port) = try F.limitedServer(maxAttachmentBytes: 1000)
        defer { server.shutdown(gracePeriod: 1); app.stop() }
        let client = HTTPTestClient(port: port)
        #expect(try F.upload(client, Self.upload, name: "exact", contentType: nil, Data(repeating: 1, count: 1000)).status == 201)
        let over = try F.upload(client, Self.upload, name: "over", contentType: nil, Data(repeating: 1, count: 1001))
        #expect(over.status == 413)
        #expect(over.object["message"] as? String == "The attachment is too large")

        // Chunked: the server stops reading at the chunk that passes the limit.
        let raw = try HTTPTestClient.connect(port: port, timeout: 5)
        raw.send("POST \(Self.upload) HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer \(Demo.adminToken)\r\nFile-Name: s\r\nTransfer-Encoding: chunked\r\n\r\n")
        let sender = raw.sendInBackground { send in
            let chunk = Array("100\r\n".utf8) + [UInt8](repeating: 0x61, count: 256) + Array("\r\n".utf8)
            for _ in 0..<4096 where send(chunk) == chunk.count {}
        }
        let chunked = try #require(raw.readResponse())
        #expect(chunked.status == 413)
        #expect(chunked.object["message"] as? String == "The attachment is too large")
        #expect(chunked.header("Connection") == "close")
        #expect(raw.waitForClose(timeout: 5))
        raw.close()
        sender.wait()
        // Chunked within the limit is fine.
        let small = try HTTPTestClient.connect(port: port, timeout: 5)
        small.send("POST \(Self.upload) HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer \(Demo.adminToken)\r\nFile-Name: c.txt\r\n"
                   + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        let ok = try #require(small.readResponse())
        #expect(ok.status == 201, "\(ok)")
        let id = try #require(ok.object["id"] as? Int)
        #expect(try F.get(client, "\(F.project)/test-cases/40000001/attachments/\(id)").body == Data("hello world".utf8))
        #expect(try F.get(client, "\(F.project)/test-cases/40000001/attachments").array.count == 2)
    }

    @Test func theGeneralBodyLimitStaysInForce() throws {
        let (app, server, port) = try F.limitedServer(maxAttachmentBytes: 1000, maxBodyBytes: 500)
        defer { server.shutdown(gracePeriod: 1); app.stop() }
        let r = try F.upload(HTTPTestClient(port: port), Self.upload, name: "x", contentType: nil, Data(repeating: 1, count: 600))
        #expect(r.status == 413)
        #expect(r.object["message"] is String)
    }

    @Test func theFlagAndItsVariableReachTheServer() throws {
        let (code, _, stderr) = try EmulatorProcess.run(["serve", "--max-attachment-bytes", "0"])
        #expect(code != 0)
        #expect(stderr.contains("positive"), "\(stderr)")
        let emulator = try EmulatorProcess(["serve", "--port", "0", "--log-level", "error"], environment: ["QTEST_EMULATOR_MAX_ATTACHMENT_BYTES": "100"])
        let client = HTTPTestClient(port: emulator.port)
        #expect(try F.upload(client, Self.upload, name: "ok", contentType: nil, Data(repeating: 1, count: 100)).status == 201)
        #expect(try F.upload(client, Self.upload, name: "big", contentType: nil, Data(repeating: 1, count: 101)).status == 413)
        emulator.signal(SIGTERM)
        #expect(emulator.waitForExit() == 0)
    }
}
