import ArgumentParser
import Dispatch
import Foundation
import HTTPServer
import Logging
import QTestAPI
import QTestStore

/// `qtest-emulator serve`: runs the HTTP server until SIGTERM/SIGINT, then drains and exits 0.
/// Every option is also read from `QTEST_EMULATOR_<NAME>` (see ``EnvironmentArguments``), so an
/// option's default here is its only default.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the emulator (default command)."
    )

    @Option(help: "Address to listen on (env QTEST_EMULATOR_HOST). Use 0.0.0.0 or :: in containers.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port (env QTEST_EMULATOR_PORT).")
    var port: Int = 8080

    @Option(help: "SQLite database file; omitted = a temporary file removed at exit (env QTEST_EMULATOR_DB).")
    var db: String?

    @Option(help: "Seed fixture: 'demo' (built in, default), 'none', or a JSON file (env QTEST_EMULATOR_SEED).")
    var seed: String = "demo"

    @Option(help: "error, warning, info or debug (env QTEST_EMULATOR_LOG_LEVEL).")
    var logLevel: LogLevel = .info

    @Option(help: "Hold each queued job this long before processing, e.g. 2s or 500ms (env QTEST_EMULATOR_JOB_DELAY).")
    var jobDelay: String = "0s"

    @Option(help: "Longest a write waits for the database lock before it is answered 503 with Retry-After, e.g. 5s (env QTEST_EMULATOR_BUSY_TIMEOUT).")
    var busyTimeout: String = "5s"

    @Option(help: "Answer repeated GETs from a cache until the next write: on or off (env QTEST_EMULATOR_RESPONSE_CACHE).")
    var responseCache: String = "on"

    @Option(help: "Largest request body in bytes (env QTEST_EMULATOR_MAX_BODY_BYTES).")
    var maxBodyBytes: Int = 64 * 1024 * 1024

    @Option(help: "Largest attachment upload in bytes, answered 413 before its body is read (env QTEST_EMULATOR_MAX_ATTACHMENT_BYTES).")
    var maxAttachmentBytes: Int = EmulatorOptions.defaultMaxAttachmentBytes

    @Option(help: "Largest request line + headers in bytes (env QTEST_EMULATOR_MAX_HEADER_BYTES).")
    var maxHeaderBytes: Int = 64 * 1024

    @Option(help: "Seconds a client may take to send its headers (env QTEST_EMULATOR_HEADER_TIMEOUT).")
    var headerTimeout: Int = 10

    @Option(help: "Seconds a client may take to send a request body, counted from its headers (env QTEST_EMULATOR_BODY_TIMEOUT).")
    var bodyTimeout: Int = 30

    @Option(help: "Unsent response bytes per connection above which no further pipelined request is handled until the client reads (env QTEST_EMULATOR_MAX_OUTPUT_BYTES).")
    var maxOutputBytes: Int = 4 * 1024 * 1024

    @Option(help: "Seconds an idle keep-alive connection is kept (env QTEST_EMULATOR_IDLE_TIMEOUT).")
    var idleTimeout: Int = 60

    @Option(help: "Most simultaneous connections (env QTEST_EMULATOR_MAX_CONNECTIONS).")
    var maxConnections: Int = 4096

    @Option(help: "Requests the control plane's journal keeps, 0 = none (env QTEST_EMULATOR_JOURNAL_SIZE).")
    var journalSize: Int = 10_000

    @Option(help: "Bearer token the /__emulator/ control routes (health aside) require (env QTEST_EMULATOR_CONTROL_TOKEN).")
    var controlToken: String?

    @Option(help: "Serve the /__emulator/ control routes: on or off; health stays (env QTEST_EMULATOR_CONTROL).")
    var control: String = "on"

    @Option(help: "Longest one webhook delivery attempt may take (connect, send, status line), e.g. 10s (env QTEST_EMULATOR_WEBHOOK_TIMEOUT).")
    var webhookTimeout: String = "10s"

    @Option(help: "Attempts per webhook delivery, the first included (env QTEST_EMULATOR_WEBHOOK_ATTEMPTS).")
    var webhookAttempts: Int = 5

    @Option(help: "Wait before a delivery's second attempt, doubling for each later one: 2s retries after 2, 4, 8, 16 s (env QTEST_EMULATOR_WEBHOOK_RETRY_DELAY).")
    var webhookRetryDelay: String = "2s"

    @Option(help: "Where webhooks may deliver: 'loopback' (default), 'any', or a comma-separated list of host names allowed besides loopback (env QTEST_EMULATOR_WEBHOOK_HOSTS).")
    var webhookHosts: String = "loopback"

    @Flag(help: "Freeze the clock at 2026-01-05T10:00:00Z and issue tokens from a fixed sequence, for byte-identical runs (env QTEST_EMULATOR_DETERMINISTIC=1).")
    var deterministic: Bool = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        // Each refusal names its flag, so a value from a QTEST_EMULATOR_* variable gets the note naming it.
        let limits = [("--max-body-bytes", maxBodyBytes), ("--max-attachment-bytes", maxAttachmentBytes),
                      ("--max-header-bytes", maxHeaderBytes), ("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout),
                      ("--idle-timeout", idleTimeout), ("--max-output-bytes", maxOutputBytes), ("--max-connections", maxConnections)]
        if let (flag, _) = limits.first(where: { $0.1 <= 0 }) { throw ValidationError("\(flag) must be positive") }
        guard Duration.parseSeconds(jobDelay) != nil else { throw ValidationError("--job-delay must look like 2s, 500ms or 0") }
        guard let busy = Duration.parseSeconds(busyTimeout), busy > 0 else { throw ValidationError("--busy-timeout must be positive, like 5s or 500ms") }
        guard ["on", "off"].contains(responseCache.lowercased()) else { throw ValidationError("--response-cache must be on or off") }
        guard ["on", "off"].contains(control.lowercased()) else { throw ValidationError("--control must be on or off") }
        guard journalSize >= 0, journalSize <= 1_000_000 else { throw ValidationError("--journal-size must be between 0 and 1000000") }
        guard let timeout = Duration.parseSeconds(webhookTimeout), timeout > 0 else {
            throw ValidationError("--webhook-timeout must be positive, like 10s or 500ms")
        }
        guard (1...100).contains(webhookAttempts) else { throw ValidationError("--webhook-attempts must be between 1 and 100") }
        guard Duration.parseSeconds(webhookRetryDelay) != nil else { throw ValidationError("--webhook-retry-delay must look like 2s, 500ms or 0") }
        guard webhookDestinations != nil else {
            throw ValidationError("--webhook-hosts must be loopback, any, or a comma-separated list of host names")
        }
        if let controlToken, controlToken.isEmpty || controlToken.contains(where: { $0.isWhitespace }) {
            throw ValidationError("--control-token must be non-empty, without spaces")
        }
    }

    func run() throws {
        let level = logLevel.level
        LoggingSystem.bootstrap { _ in StderrLogHandler(logLevel: level) }
        atexit { LogLineWriter.standardError.flush() } // the log lines still gathering
        let logger = Logger(label: "qtest-emulator")
        logger.debug("qtest-emulator: database \(db ?? "temporary"), seed \(seed), job delay \(jobDelay), busy timeout \(busyTimeout), response cache \(responseCache), max attachment bytes \(maxAttachmentBytes)")
        let app: EmulatorApp
        do {
            try StartupChecks.checkDatabaseLocation(db)
            try StartupChecks.checkSeed(SeedSource(argument: seed), databasePath: db)
            var options = EmulatorOptions(
                databasePath: db,
                seed: SeedSource(argument: seed),
                jobDelay: Duration.parseSeconds(jobDelay) ?? 0,
                busyTimeout: Duration.parseSeconds(busyTimeout) ?? 5,
                responseCache: responseCache.lowercased() == "on",
                maxAttachmentBytes: maxAttachmentBytes,
                logger: logger
            )
            options.journalSize = journalSize
            options.controlToken = controlToken
            options.controlRoutes = control.lowercased() == "on"
            options.deterministic = deterministic
            options.webhooks.timeout = Duration.parseSeconds(webhookTimeout) ?? 10
            options.webhooks.attempts = webhookAttempts
            options.webhooks.retryDelay = Duration.parseSeconds(webhookRetryDelay) ?? 2
            options.webhooks.destinations = webhookDestinations ?? .loopback
            // Seed images outlive the process: the next start of this binary opens them.
            options.seedImageDirectory = SeedImageCache.userDirectory
            app = try EmulatorApp(options: options)
        } catch {
            logger.error("qtest-emulator: cannot start: \(FailureText.describe(error, database: db, seed: seed))")
            throw ExitCode(2)
        }

        var configuration = HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxHeaderBytes = maxHeaderBytes
        configuration.headerReadTimeout = TimeInterval(headerTimeout)
        configuration.bodyReadTimeout = TimeInterval(bodyTimeout)
        configuration.idleTimeout = TimeInterval(idleTimeout)
        configuration.maxOutputBytes = maxOutputBytes
        configuration.maxConnections = maxConnections

        let server = HTTPServer(configuration: configuration, responder: app.responder, logger: logger)
        let boundPort: Int
        do {
            boundPort = try server.start()
        } catch {
            logger.error("qtest-emulator: cannot listen on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
        app.start()
        if control.lowercased() == "on", controlToken == nil, !["127.0.0.1", "localhost", "::1"].contains(host) {
            logger.warning("qtest-emulator: the /__emulator/ control routes (reset, faults, clock) are open to anyone who can reach \(host); set --control-token or --control off")
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        // One parseable line on stdout: scripts and tests read the port from it.
        FileHandle.standardOutput.write(Data("qtest-emulator listening on http://\(shownHost):\(boundPort)\n".utf8))

        // SIGTERM/SIGINT were blocked at process start (see `TerminationSignals`), so one sent at
        // any time since, even before the line above, is pending here and not lost.
        let received = TerminationSignals.wait()
        logger.info("qtest-emulator: shutting down (\(received == SIGINT ? "SIGINT" : "SIGTERM"))")
        server.shutdown()
        app.stop()
        throw ExitCode.success
    }
}

extension ServeCommand {
    /// `--webhook-hosts` read: nil when it is not loopback, any, or a list of host names.
    var webhookDestinations: HTTPClient.Destinations? {
        switch webhookHosts.trimmingCharacters(in: .whitespaces).lowercased() {
        case "loopback", "": return .loopback
        case "any": return .any
        default:
            let hosts = webhookHosts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard !hosts.contains(where: { $0.isEmpty || $0.contains(where: { c in c.isWhitespace || c == "/" }) }) else { return nil }
            return .hosts(Set(hosts))
        }
    }
}

extension Duration {
    /// Parses `2s`, `1.5s`, `500ms` or a bare number of seconds.
    static func parseSeconds(_ text: String) -> TimeInterval? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasSuffix("ms"), let v = Double(t.dropLast(2)), v >= 0 { return v / 1000 }
        if t.hasSuffix("s"), let v = Double(t.dropLast()), v >= 0 { return v }
        if let v = Double(t), v >= 0 { return v }
        return nil
    }
}
