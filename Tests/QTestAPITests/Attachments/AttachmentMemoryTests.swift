import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// A 50 MiB download holds the file in the emulator's memory once: the store reads the bytes
/// into one buffer and the server sends from it. Measured on the `qtest-emulator` binary (its
/// own RSS, from `/proc`), on a fresh process over a `--db` file the file was uploaded to by an
/// earlier one, so the upload's memory does not blur the figure.
@Suite struct AttachmentMemoryTests {
    typealias F = AttachmentFixtures

    /// A `/proc/{pid}/status` figure in bytes (`VmRSS`, `VmHWM`).
    static func status(_ pid: Int32, _ key: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
              let kB = Int(line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        else { return nil }
        return kB * 1024
    }

    @Test func a50MiBDownloadGrowsRSSByAboutItsSizeOnce() throws {
        let size = 50 << 20
        var file = Data(count: size)
        file.withUnsafeMutableBytes { raw in
            for i in stride(from: 0, to: raw.count, by: 8) { raw.storeBytes(of: UInt64(i) &* 0x9E37_79B9_7F4A_7C15, toByteOffset: i, as: UInt64.self) }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("attach-rss-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let arguments = ["serve", "--port", "0", "--db", path, "--log-level", "error"]
        let id: Int
        do {
            let uploader = try EmulatorProcess(arguments)
            let created = try F.upload(HTTPTestClient(port: uploader.port, timeout: 60), "\(F.project)/test-cases/40000001/blob-handles",
                                       name: "big.bin", contentType: "application/octet-stream", file)
            #expect(created.status == 201, "\(created)")
            id = try #require(created.object["id"] as? Int)
            uploader.signal(SIGTERM)
            #expect(uploader.waitForExit() == 0)
        }

        let server = try EmulatorProcess(arguments)
        let pid = server.process.processIdentifier
        let client = HTTPTestClient(port: server.port, timeout: 60)
        // Warm up the read path (threads, statements, SQLite caches) with a small answer first.
        #expect(try F.get(client, "\(F.project)/test-cases/40000001/attachments").array.count == 1)
        let before = try #require(Self.status(pid, "VmRSS"))
        // Start the peak over from now (Linux: "5" resets VmHWM); if refused, the startup peak
        // only makes the growth below look larger.
        try? "5".write(toFile: "/proc/\(pid)/clear_refs", atomically: false, encoding: .utf8)
        let download = try F.get(client, "\(F.project)/test-cases/40000001/attachments/\(id)")
        let peak = try #require(Self.status(pid, "VmHWM"))
        #expect(download.status == 200)
        #expect(download.body == file)
        let growth = peak - before
        print("attachment download: 50 MiB file, RSS \(before >> 20) MiB before, peak \(peak >> 20) MiB, growth \(String(format: "%.1f", Double(growth) / Double(1 << 20))) MiB")
        // One copy of the file is 50 MiB; a second one (a copy into the output buffer, or SQLite's
        // own buffer beside ours) would take the growth to 100 MiB.
        #expect(growth < size * 3 / 2, "RSS grew by \(growth >> 20) MiB for a \(size >> 20) MiB download")
        server.signal(SIGTERM)
        #expect(server.waitForExit() == 0)
    }
}
