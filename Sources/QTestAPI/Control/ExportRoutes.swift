import Foundation
import HTTPServer
import QTestStore

/// `GET /__emulator/export` and `POST /__emulator/import`: the state as a seed fixture, and a
/// fixture loaded into the running state.
///
/// An import runs the seed loader (``Seeder``) in one write transaction, so a bad fixture
/// changes nothing and is refused with the loader's JSON-path message, as `qtest-emulator seed`
/// prints it. `?mode=merge` (the default) adds the fixture to what is there: an id, username,
/// PID or token already present is an error (400), never an overwrite. `?mode=replace` empties
/// the store first, which is what starting a new emulator with `--seed` that fixture gives,
/// without a restart; clock, journal, faults and snapshots are left alone.
enum ExportRoutes {
    static func register(in table: inout RouteTable, app: EmulatorContext) {
        table.add("GET", "/__emulator/export", access: .open) { _ in
            .json(200, try app.read { db in try SeedExporter.json(db) })
        }
        table.add("POST", "/__emulator/import", access: .open) { context in
            let mode = try ImportMode(context.queryString("mode"))
            let fixture = try SeedFixture.decode(context.request.body)
            // No job runs while the store changes under it; one that an import adds (a fixture
            // may carry waiting jobs) starts once it has committed.
            if mode == .replace { app.webhooks.invalidate() }
            let summary = try app.jobs.whilePaused {
                try app.write { db in
                    if mode == .replace { try Schema.deleteAllRows(db) }
                    return try Seeder.load(fixture, into: db, at: app.now)
                }
            }
            app.jobs.wake()
            app.webhooks.wake()
            return .json(200, ["message": .string("Imported: \(summary)"), "mode": .string(mode.rawValue)] as JSON)
        }
    }

    /// What an import does with the state already there.
    enum ImportMode: String {
        case merge, replace

        init(_ text: String?) throws {
            guard let text else { self = .merge; return }
            guard let mode = ImportMode(rawValue: text.lowercased()) else {
                throw APIError.badRequest("Query parameter 'mode' must be \"merge\" or \"replace\"")
            }
            self = mode
        }
    }
}
