import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `qtest-emulator` executable run as a child process, for tests of the command line:
/// startup line, signals, exit codes, persistence across restarts.
public final class EmulatorProcess {
    public let process = Process()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    public private(set) var port = 0

    /// The binary SwiftPM builds next to the test bundle.
    public static var binaryURL: URL {
        get throws {
            let candidates = [
                Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("qtest-emulator"),
                Bundle.main.bundleURL.appendingPathComponent("qtest-emulator"),
                URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("qtest-emulator"),
            ]
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw TestClientError(description: "qtest-emulator binary not found near \(Bundle.main.bundleURL.path)")
            }
            return found
        }
    }

    /// Runs a command to completion and returns (exit code, stdout, stderr).
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = try binaryURL
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Starts `qtest-emulator serve …` and waits for its `listening on` line
    /// (`waitForReadyLine: false` returns right after the process started; `port` stays 0).
    public init(_ arguments: [String], environment: [String: String] = [:], waitForReadyLine: Bool = true) throws {
        process.executableURL = try Self.binaryURL
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        guard waitForReadyLine else { return }
        // Read stdout byte by byte until the first newline, with a deadline.
        let deadline = Date().addingTimeInterval(20)
        var line = Data()
        let handle = stdoutPipe.fileHandleForReading
        while Date() < deadline {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { break }
            if byte == Data([0x0A]) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("qtest-emulator listening on http://"), let portText = text.split(separator: ":").last, let port = Int(portText) else {
            process.terminate()
            throw TestClientError(description: "unexpected startup line: '\(text)'")
        }
        self.port = port
    }

    public func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Everything the process wrote to stderr, line by line. Call it once the process has
    /// exited: it reads until the pipe closes.
    public func standardErrorLines() -> [String] {
        let text = String(decoding: stderrPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    /// True once some thread of the process has SIGTERM and SIGINT blocked (Linux `/proc`), that is
    /// once the emulator's signal handling is in place: from then on a signal must not be lost.
    public var terminationSignalsBlocked: Bool {
        let tasks = "/proc/\(process.processIdentifier)/task"
        let wanted: UInt64 = (1 << (UInt64(SIGTERM) - 1)) | (1 << (UInt64(SIGINT) - 1))
        for task in (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? [] {
            guard let status = try? String(contentsOfFile: "\(tasks)/\(task)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") }),
                  let mask = UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16)
            else { continue }
            if mask & wanted == wanted { return true }
        }
        return false
    }

    /// Waits for the process to exit (bounded) and returns its status.
    public func waitForExit(timeout: TimeInterval = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }
}
