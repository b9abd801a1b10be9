import Foundation
import HTTPServer
import Logging
import QTestStore

/// How an emulator instance is set up.
public struct EmulatorOptions: Sendable {
    /// SQLite file, or nil for in-memory.
    public var databasePath: String?
    /// Initial data, loaded only into a database that has never been seeded.
    public var seed: SeedSource
    /// How long a queued job waits in `IN_WAITING` before it is processed.
    public var jobDelay: TimeInterval
    /// The clock behind every timestamp and token expiry.
    public var clock: any StoreClock
    /// Receives warnings and unexpected errors, and at `debug` the route of each request,
    /// job worker steps and write-lock waits. Silent by default.
    public var logger: Logger
    /// How long a write waits for the database lock before it is answered 503.
    public var busyTimeout: TimeInterval
    /// Whether successful GETs are answered from a cache until the next write (on by default;
    /// off measures the uncached handler cost).
    public var responseCache: Bool
    /// The largest attachment upload in bytes; larger ones are answered 413 before their body is
    /// read whole. qTest SaaS allows 50 MiB.
    public var maxAttachmentBytes: Int

    /// How many requests the control plane's journal keeps (0 turns it off).
    public var journalSize: Int = 10_000
    /// The `Bearer` token control routes (health aside) require; nil = none.
    public var controlToken: String?
    /// Whether the `/__emulator/` control routes exist at all (health always does).
    public var controlRoutes: Bool = true
    /// Starts the clock frozen and makes issued tokens a function of the request sequence, so
    /// two runs of the same client get byte-identical answers.
    public var deterministic: Bool = false

    /// How webhook deliveries are sent: per-attempt timeout, attempts, backoff, allowed hosts.
    public var webhooks = WebhookSettings()
    /// Whether a temporary store seeded with `demo` or `none` starts as a copy of a store built
    /// once per process (and per binary in ``seedImageDirectory``) instead of being migrated and
    /// seeded; the result is the same row for row. On by default.
    public var seedImages: Bool = true
    /// Where seed images are kept between runs of the same binary; nil keeps them in memory only.
    public var seedImageDirectory: String?

    /// qTest SaaS's attachment limit, the default of ``maxAttachmentBytes``.
    public static let defaultMaxAttachmentBytes = 50 << 20

    public init(databasePath: String? = nil, seed: SeedSource = .demo, jobDelay: TimeInterval = 0, busyTimeout: TimeInterval = 5,
                clock: any StoreClock = SystemClock(), responseCache: Bool = true,
                maxAttachmentBytes: Int = EmulatorOptions.defaultMaxAttachmentBytes,
                logger: Logger = Logger(label: "qtest-emulator", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.databasePath = databasePath
        self.seed = seed
        self.jobDelay = jobDelay
        self.busyTimeout = busyTimeout
        self.clock = clock
        self.responseCache = responseCache
        self.maxAttachmentBytes = maxAttachmentBytes
        self.logger = logger
    }
}

/// What route handlers share: the store and the options. One per running emulator.
public final class EmulatorContext: Sendable {
    public let database: QTestDatabase
    public let options: EmulatorOptions
    /// The background worker for queued jobs (`auto-test-logs`).
    let jobs: JobWorker
    /// The background sender of webhook deliveries.
    let webhooks: WebhookDispatcher
    /// Token and project-access answers, valid until the next write.
    let access = AccessCache()

    /// Clock, journal, faults, snapshots (`/__emulator/`).
    let control: ControlPlane

    init(database: QTestDatabase, options: EmulatorOptions, control: ControlPlane) {
        self.database = database
        self.options = options
        self.control = control
        self.jobs = JobWorker(processors: JobTypes.processors)
        self.webhooks = WebhookDispatcher(settings: options.webhooks)
    }

    /// Queues a job in the caller's transaction. The worker is woken by `jobQueued(_:)` once
    /// that transaction has committed.
    func enqueueJob(_ db: StoreDatabase, projectID: Int64, caller: Caller, type: String, request: JSON) throws -> JobRecord {
        try enqueueJob(db, projectID: projectID, caller: caller, type: type, requestText: request.serializedString())
    }

    /// ``enqueueJob(_:projectID:caller:type:request:)`` with the request already as JSON text.
    func enqueueJob(_ db: StoreDatabase, projectID: Int64, caller: Caller, type: String, requestText: String) throws -> JobRecord {
        let job = try Jobs.enqueue(db, projectId: projectID, userId: caller.userID, type: type, request: requestText, at: now)
        // Noted before the commit, so the worker never sees the job without it (a rolled-back
        // job's note is replaced by the next job that gets its id).
        jobs.noteSubmitted(job.id, at: control.clock.preciseNow())
        return job
    }

    /// Tells the worker a committed job is waiting.
    func jobQueued(_ job: JobRecord) {
        jobs.wake()
    }

    /// The current time from the injected clock.
    public var now: Date { database.clock.now() }

    /// Runs `body` as one write transaction, mapping store errors to qTest errors: a request
    /// that fails changes nothing.
    ///
    /// A write that queued webhook deliveries (the outbox's newest id moved; two lookups of the
    /// last row, whatever the write did) wakes the dispatcher once it has committed.
    public func write<T>(_ body: (StoreDatabase) throws -> T) throws -> T {
        var queued = false
        let result = try database.write { db in
            let before = try WebhookDeliveries.lastID(db)
            let result = try body(db)
            queued = try WebhookDeliveries.lastID(db) > before
            return result
        }
        if queued { webhooks.wake() }
        return result
    }

    /// Runs `body` with read access.
    public func read<T>(_ body: (StoreDatabase) throws -> T) throws -> T {
        try database.read(body)
    }
}

/// An emulator: a store plus the router that serves the qTest API over it.
///
///     let app = try EmulatorApp(options: EmulatorOptions(seed: .demo))
///     let server = HTTPServer(configuration: .init(), responder: app.router)
public final class EmulatorApp: Sendable {
    public let context: EmulatorContext
    /// The qTest API and the control routes.
    public let router: Router
    /// What a server should serve: the router behind the control plane's fault injection and
    /// request journal.
    public let responder: ControlResponder

    public init(options: EmulatorOptions) throws {
        let clock = VirtualClock(base: options.clock, frozenAt: options.deterministic ? ControlPlane.deterministicStart : nil)
        let database: QTestDatabase
        let control: ControlPlane
        if let image = EmulatorApp.seedImage(options) {
            // A temporary store seeded with `demo` or `none`: copied from the image of that seed
            // instead of migrated and loaded, stamped with this start's time.
            let (opened, start) = try image.open(clock: clock, busyTimeout: options.busyTimeout, logger: options.logger)
            database = opened
            control = ControlPlane(clock: clock, options: options)
            // What `POST /__emulator/reset` returns to: this state, right after seeding.
            if options.controlRoutes { control.useBaseline(start) }
        } else {
            database = try QTestDatabase(path: options.databasePath, clock: clock, busyTimeout: options.busyTimeout,
                                         logger: options.logger)
            try EmulatorApp.seedIfEmpty(database, from: options.seed)
            control = ControlPlane(clock: clock, options: options)
            // What `POST /__emulator/reset` returns to: this state, right after seeding.
            if options.controlRoutes { try control.captureBaseline(database) }
        }
        context = EmulatorContext(database: database, options: options, control: control)
        var router = EmulatorApp.makeRouteTable(context: context).router
        router.logger = options.logger
        self.router = router
        responder = ControlResponder(router: router, control: control)
    }

    /// Starts background work (the job worker, the webhook dispatcher).
    public func start() {
        context.jobs.start(for: context)
        context.webhooks.start(for: context)
    }

    /// Stops background work, letting the job in hand finish (webhook attempts in flight are
    /// left: their deliveries stay pending).
    public func stop() {
        context.webhooks.stop()
        context.jobs.stop()
    }

    /// Every route, in registration order, for `qtest-emulator routes` and the coverage test.
    public static func routeList() -> [(method: String, pattern: String)] {
        routeInfo().map { (method: $0.method, pattern: $0.pattern) }
    }

    /// Every route with where it is declared (`File.swift:LINE`), for `qtest-emulator routes`.
    public static func routeInfo() -> [RouteInfo] {
        guard let database = try? QTestDatabase() else { return [] }
        let options = EmulatorOptions(seed: .none)
        let context = EmulatorContext(database: database, options: options, control: ControlPlane(clock: VirtualClock(), options: options))
        return makeRouteTable(context: context).routes
    }

    static func makeRouteTable(context: EmulatorContext) -> RouteTable {
        let database = context.database
        var authentication = AuthenticationGuard(authenticate: { token in
            // The generation is read before the lookup so a write racing with it only makes
            // the cached entry stale (and unused), never wrong.
            let generation = context.database.generation
            return try context.access.caller(for: token, generation: generation, now: context.now) {
                try context.read { db in
                    guard let record = try Tokens.lookup(db, token, at: context.now),
                          let user = try Tokens.user(db, forToken: token, at: context.now) else { return nil }
                    return (Caller(userID: user.id, username: user.username, isSiteAdmin: user.isSiteAdmin, token: token), record.expiresAt)
                }
            }
        })
        authentication.authenticateFromMemory = { token in
            context.access.cachedCaller(for: token, generation: context.database.generation, now: context.now)
        }
        var projectAccess = ProjectAccessGuard(authorizeProject: { caller, projectID in
            let generation = context.database.generation
            try context.access.checkProject(user: caller.userID, project: projectID, generation: generation) {
                try context.read { db in _ = try context.project(db, projectID, for: caller) }
            }
        }, authorizePermission: { caller, projectID, flag in
            guard !caller.isSiteAdmin else { return }
            let generation = context.database.generation
            try context.access.checkPermission(user: caller.userID, project: projectID, flag: flag, generation: generation) {
                try context.read { db in
                    guard try Profiles.userCan(db, userId: caller.userID, flag, projectId: projectID) else {
                        throw APIError.forbidden("You do not have the '\(flag)' permission in this project")
                    }
                }
            }
        })
        projectAccess.passedFromMemory = { caller, projectID, flag in
            context.access.cachedPass(user: caller.userID, project: projectID, flag: flag, generation: context.database.generation)
        }
        var middlewares: [any RouteMiddleware] = []
        if context.options.responseCache {
            middlewares.append(ResponseCaching(cache: ResponseCache(), generation: { database.generation }))
        }
        var table = RouteTable(app: context, guards: [authentication, projectAccess], middlewares: middlewares,
                               logger: context.options.logger)
        ControlRoutes.register(in: &table, app: context)
        OpenAPIRoutes.register(in: &table, app: context)
        for group in routeGroups { group.register(in: &table, app: context) }
        return table
    }

    /// The qTest API, one group per vendor API tag.
    /// (Computed: metatype arrays are not Sendable, so a stored static would be a shared global.)
    static var routeGroups: [any RouteGroup.Type] {
        [
            LoginRoutes.self,
            ProjectRoutes.self,
            UserRoutes.self,
            UserProfileRoutes.self,
            GroupRoutes.self,
            AuthSystemRoutes.self,
            SiteTemplateRoutes.self,
            QueueProcessingRoutes.self,
            AutomationUploadRoutes.self,
            AutomationAgentRoutes.self,
            ToscaRoutes.self,
            ReleaseRoutes.self,
            BuildRoutes.self,
            TestCycleRoutes.self,
            TestSuiteRoutes.self,
            TestRunRoutes.self,
            TestRunParameterRoutes.self,
            TestRunCommentRoutes.self,
            TestLogRoutes.self,
            TestCaseRoutes.self,
            TestStepRoutes.self,
            ModuleRoutes.self,
            RequirementRoutes.self,
            DefectRoutes.self,
            ArtifactCommentRoutes.self,
            ObjectLinkRoutes.self,
            FieldRoutes.self,
            FieldStatusRoutes.self,
            AttachmentRoutes.self,
            VersionRoutes.self,
            CISettingRoutes.self,
            CIUploadRoutes.self,
            SearchRoutes.self,
            CommentQueryRoutes.self,
            HistoryQueryRoutes.self,
            IntegrationConnectionRoutes.self,
            IntegrationMappingRoutes.self,
            IntegrationTriggerRoutes.self,
            WebhookRoutes.self,
        ]
    }

    // MARK: Seeding

    /// The image a new store of `options` starts from: for a temporary store seeded with the
    /// built-in `demo` or with `none` (a fixture file is loaded as always). Nil when there is
    /// none to use, or it cannot be built: the store is then migrated and seeded as before.
    static func seedImage(_ options: EmulatorOptions) -> SeedImage? {
        guard options.databasePath == nil, options.seedImages else { return nil }
        do {
            switch options.seed {
            case .demo: return try demoImage(directory: options.seedImageDirectory)
            case .none:
                return try SeedImageCache.shared.image("none", directory: options.seedImageDirectory) { try SeedImage.empty() }
            case .file: return nil
            }
        } catch {
            options.logger.debug("qtest-emulator: no seed image (\(error)); seeding the usual way")
            return nil
        }
    }

    /// The image of the built-in demo seed.
    static func demoImage(directory: String?) throws -> SeedImage {
        try SeedImageCache.shared.image("demo", directory: directory) {
            try SeedImage.seeded(try SeedFixture.decode(Data(DemoSeed.json.utf8)))
        }
    }

    /// Loads the seed into a database that holds no data yet; a persistent database that was
    /// seeded (or used) before keeps its state across restarts.
    static func seedIfEmpty(_ database: QTestDatabase, from source: SeedSource) throws {
        guard source != .none else { return }
        let isEmpty = try database.read { db in try Users.count(db) == 0 }
        guard isEmpty else { return }
        _ = try load(source, into: database)
    }

    /// `qtest-emulator seed`: loads a fixture into a database file, all or nothing.
    public static func seedDatabase(at path: String, from source: SeedSource) throws -> String {
        let database = try QTestDatabase(path: path)
        return try load(source, into: database)
    }

    /// `qtest-emulator export`: the fixture of a database file. A missing file is an error
    /// (opening it would create an empty one).
    public static func exportDatabase(at path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw SeedLoadError(message: "no database file at '\(path)'") }
        let database = try QTestDatabase(path: path)
        return try database.read { db in try SeedExporter.json(db) }
    }

    static func load(_ source: SeedSource, into database: QTestDatabase) throws -> String {
        let data: Data
        switch source {
        case .none: return "nothing loaded"
        case .demo: data = Data(DemoSeed.json.utf8)
        case let .file(path):
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw SeedLoadError(message: "cannot read fixture file '\(path)'")
            }
            data = contents
        }
        let fixture = try SeedFixture.decode(data)
        let summary = try database.write { db in try Seeder.load(fixture, into: db, at: database.clock.now()) }
        return "\(summary)"
    }
}

/// A fixture that could not be read.
public struct SeedLoadError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A set of routes for one qTest API tag.
protocol RouteGroup {
    static func register(in table: inout RouteTable, app: EmulatorContext)
}
