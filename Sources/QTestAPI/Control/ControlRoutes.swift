import Foundation
import HTTPServer
import QTestStore

/// Emulator-only routes under `/__emulator/`, which no qTest client calls: health, reset,
/// snapshots, export and import (``ExportRoutes``), webhook deliveries
/// (``WebhookDeliveryRoutes``), the request journal, fault rules, the clock and the dashboard
/// (``DashboardRoutes``). `--control-token` guards all but health (in ``ControlResponder``); `--control off`
/// leaves only health.
enum ControlRoutes {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.add("GET", "/__emulator/health", access: .open, inline: { _ in cachedHealth(app) }) { _ in try health(app) }
        guard app.options.controlRoutes else { return }
        let control = app.control
        ExportRoutes.register(in: &table, app: app)
        WebhookDeliveryRoutes.register(in: &table, app: app)
        DashboardRoutes.register(in: &table, app: app, deliveries: WebhookDeliveryRoutes.dashboardRows)

        table.add("POST", "/__emulator/reset", access: .open) { context in
            let body = try context.optionalJSONBody()
            let seed = body.isNull ? nil : try body.requireObject().optionalString("seed")
            let started = DispatchTime.now().uptimeNanoseconds
            let state = try control.resetState(seed: seed, startSeed: app.options.seed)
            try restore(state, app)
            let released = control.forgetRun()
            app.jobs.release(released, app: app)
            let ms = Double(DispatchTime.now().uptimeNanoseconds &- started) / 1e6
            return .json(200, ["message": "Reset to the start state", "seed": .string(seed ?? describe(app.options.seed)),
                               "duration_ms": .double((ms * 1000).rounded() / 1000)] as JSON)
        }

        // MARK: Snapshots

        table.add("POST", "/__emulator/snapshots", access: .open) { context in
            let name = try ControlPlane.validName(try context.jsonBody().requireObject().requiredString("name"))
            let created = try app.jobs.whilePaused { try control.saveSnapshot(name, of: app.database, at: app.now) }
            return .json(201, ["name": .string(name), "created_date": Wire.date(created)] as JSON)
        }
        table.add("GET", "/__emulator/snapshots", access: .open) { _ in
            .json(200, .array(control.snapshotList().map { ["name": .string($0.name), "created_date": Wire.date($0.created)] as JSON }))
        }
        table.add("POST", "/__emulator/snapshots/{name}/restore", access: .open) { context in
            let name = try ControlPlane.validName(context.pathString("name"))
            try restore(try control.snapshot(name), app)
            return .okMessage("Restored snapshot '\(name)'")
        }
        table.add("DELETE", "/__emulator/snapshots/{name}", access: .open) { context in
            let name = try ControlPlane.validName(context.pathString("name"))
            try control.deleteSnapshot(name)
            return .okMessage("Snapshot '\(name)' was deleted")
        }

        // MARK: Journal

        table.add("GET", "/__emulator/journal", access: .open) { context in
            let filter = try JournalFilter(context)
            let entries = control.journal.entries().filter(filter.admits).prefix(filter.limit)
            return .json(200, ["total": .number(entries.count), "items": .array(entries.map { $0.json() })] as JSON)
        }
        table.add("DELETE", "/__emulator/journal", access: .open) { _ in
            control.journal.clear()
            return .okMessage("Journal cleared")
        }

        // MARK: Faults

        table.add("POST", "/__emulator/faults", access: .open) { context in
            let input = try FaultRequestParsing.rule(try context.jsonBody())
            let rule = control.faults.add { input.make($0) }
            return .json(201, rule.json())
        }
        table.add("GET", "/__emulator/faults", access: .open) { _ in
            .json(200, .array(control.faults.rules.map { $0.json() }))
        }
        table.add("DELETE", "/__emulator/faults", access: .open) { _ in
            app.jobs.release(control.faults.remove(nil).released, app: app)
            return .okMessage("All fault rules were deleted")
        }
        table.add("DELETE", "/__emulator/faults/{id}", access: .open) { context in
            let id = try context.pathID("id")
            let (removed, released) = control.faults.remove(id)
            guard removed else { throw APIError.notFound("Fault rule \(id) does not exist") }
            app.jobs.release(released, app: app)
            return .okMessage("Fault rule \(id) was deleted")
        }

        // MARK: Clock

        table.add("GET", "/__emulator/clock", access: .open) { _ in .json(200, clock(control)) }
        table.add("PUT", "/__emulator/clock", access: .open) { context in
            let body = try context.jsonBody().requireObject()
            guard let time = try ExecutionWire.date(body, "time") else { throw APIError.badRequest("Field 'time' is required (an ISO 8601 date)") }
            control.clock.freeze(at: time)
            app.jobs.wake()  // a job held for --job-delay may be due now
            return .json(200, clock(control))
        }
        table.add("POST", "/__emulator/clock/advance", access: .open) { context in
            let body = try context.jsonBody().requireObject()
            guard let value = body["seconds"], let seconds = value.numberValue, seconds.isFinite, abs(seconds) <= 3_153_600_000 else {
                throw APIError.badRequest("Field 'seconds' is required: a number of seconds (at most 100 years either way)")
            }
            control.clock.advance(by: seconds)
            app.jobs.wake()  // a job held for --job-delay may be due now
            return .json(200, clock(control))
        }
        table.add("DELETE", "/__emulator/clock", access: .open) { _ in
            control.clock.resume()
            app.jobs.wake()  // a job held for --job-delay may be due now
            return .json(200, clock(control))
        }
    }

    /// Replaces the store with `state`, with no job running; cached answers are stale after it.
    /// Webhook attempts in flight are forgotten: the restored outbox is what is sent from now on.
    static func restore(_ state: DatabaseState, _ app: EmulatorContext) throws {
        app.webhooks.invalidate()
        try app.jobs.whilePaused { try state.restore(into: app.database) }
        app.jobs.wake()
        app.webhooks.wake()
    }

    static func clock(_ control: ControlPlane) -> JSON {
        let now = control.clock.now()
        switch control.clock.current {
        case .running(let offset):
            return ["time": Wire.date(now), "frozen": false, "offset_seconds": .double(offset)]
        case .frozen:
            return ["time": Wire.date(now), "frozen": true]
        }
    }

    static func describe(_ seed: SeedSource) -> String {
        switch seed {
        case .demo: "demo"
        case .none: "none"
        case .file(let path): path
        }
    }

    /// The health answer while it still holds (see ``health(_:)``), nil when it must be made.
    static func cachedHealth(_ app: EmulatorContext) -> HTTPResponse? {
        let uptime = Int64(min(max(app.now.timeIntervalSince(app.control.startedAt), 0), 1e15))
        guard let cached = app.control.healthAnswer.withLock({ $0 }), cached.generation == app.database.generation,
              cached.uptime == uptime else { return nil }
        return cached.response
    }

    static func health(_ app: EmulatorContext) throws -> HTTPResponse {
        // The answer changes only with a write (pending jobs) or a second of uptime: between
        // those it is answered from `healthAnswer`, without a database read or a JSON encoding.
        let generation = app.database.generation
        let uptime = Int64(min(max(app.now.timeIntervalSince(app.control.startedAt), 0), 1e15))
        if let cached = app.control.healthAnswer.withLock({ $0 }), cached.generation == generation, cached.uptime == uptime {
            return cached.response
        }
        let response = try healthResponse(app, uptime: uptime)
        if app.database.generation == generation {
            app.control.healthAnswer.withLock { $0 = (generation, uptime, response) }
        }
        return response
    }

    private static func healthResponse(_ app: EmulatorContext, uptime: Int64) throws -> HTTPResponse {
        let pending = try app.read { db in try Jobs.countsByState(db) }
        let waiting = (pending[.waiting] ?? 0) + (pending[.processing] ?? 0)
        return .json(200, [
            "status": "ok",
            "version": .string(EmulatorVersion.emulator),
            "qtest_version": .string(EmulatorVersion.qTest),
            "seed": .string(describe(app.options.seed)),
            "uptime_seconds": .int(uptime),
            "store": .string(app.options.databasePath == nil ? "memory" : "file"),
            "database": .optional(app.options.databasePath),
            "pending_jobs": .number(waiting),
            "deterministic": .bool(app.options.deterministic),
        ] as JSON)
    }
}

/// The emulator's own version and the qTest version it answers as (health, `--version`).
public enum EmulatorVersion {
    public static let emulator = "0.5.0"
    public static let qTest = "2025.1"
}
