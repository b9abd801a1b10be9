import Foundation
import GRDB
import Logging
import SQLiteConfig

/// A migrated and seeded store, kept as a ``DatabaseImage``, so that a start (or a reset)
/// copies bytes instead of running the migrations and the seed loader.
///
/// A seed load stamps rows with the time it runs at: ``QTestDatabase/write(_:)`` reads the
/// clock once for the history context, then the loader once for every date it writes. The
/// image is built with a clock that answers two sentinel instants in that order, and every
/// column that holds one of them is listed; ``stamp(_:clock:)`` reads the real clock the same
/// two times and writes those instants over the sentinels. A store opened from the image is
/// then row for row the store the seed loader would have built at that moment (a test
/// compares every row of both), whatever the clock: real, frozen, or stepping.
public struct SeedImage: Sendable {
    /// A column that holds a sentinel instant in some rows.
    struct ClockColumn: Sendable, Equatable {
        let table: String
        let column: String
        /// Which clock read the value came from: 0 the write's, 1 the loader's.
        let read: Int
    }

    /// The store's bytes.
    public let image: DatabaseImage
    /// Where the image holds the seed time.
    let clockColumns: [ClockColumn]
    /// How many times loading the seed read the clock (0 for an empty store).
    public let clockReads: Int

    /// The instants the image is built at, in clock-read order: dates no fixture and no API
    /// call makes (the Foundation reference date, and a second later).
    static let sentinels = [Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSinceReferenceDate: 1)]

    /// The image of a migrated store with nothing in it.
    public static func empty() throws -> SeedImage {
        let database = try QTestDatabase()
        return SeedImage(image: try DatabaseImage.serialize(database.writer), clockColumns: [], clockReads: 0)
    }

    /// The image of a store seeded with `fixture`, as `load` writes it into a new store.
    ///
    /// Fails when the seeded rows hold a sentinel date in a form other than the stored one (a
    /// date the stamp would miss): the caller then seeds the usual way.
    public static func seeded(_ fixture: SeedFixture) throws -> SeedImage {
        let clock = SteppingClock(start: sentinels[0], step: sentinels[1].timeIntervalSince(sentinels[0]))
        let database = try QTestDatabase(clock: clock)
        try database.write { db in _ = try Seeder.load(fixture, into: db, at: database.clock.now()) }
        let columns = try database.read { db in try clockColumns(db) }
        return SeedImage(image: try DatabaseImage.serialize(database.writer), clockColumns: columns, clockReads: sentinels.count)
    }

    /// Every column holding a sentinel, found by looking at every text value of every table.
    private static func clockColumns(_ db: Database) throws -> [ClockColumn] {
        let texts = sentinels.map(StorageDate.text)
        // Any other spelling of the sentinel day would be a date the stamp misses.
        let day = String(texts[0].prefix(10))
        var found: [ClockColumn] = []
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """)
        for table in tables {
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").map { $0["name"] as String }
            for column in columns {
                let c = column.quotedDatabaseIdentifier, t = table.quotedDatabaseIdentifier
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t) WHERE CAST(\(c) AS TEXT) LIKE ?)",
                                        arguments: ["%\(day)%"]) == true else { continue }
                let odd = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t) WHERE CAST(\(c) AS TEXT) LIKE ? AND \(c) NOT IN (?, ?)",
                                           arguments: ["%\(day)%", texts[0], texts[1]]) ?? 0
                guard odd == 0 else {
                    throw StoreError.internalError("seed image: \(table).\(column) holds the seed time in a form the stamp would miss")
                }
                for (read, text) in texts.enumerated()
                where try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(t) WHERE \(c) = ?)", arguments: [text]) == true {
                    found.append(ClockColumn(table: table, column: column, read: read))
                }
            }
        }
        return found
    }

    /// Opens a temporary store from the image and stamps it with `clock`'s time: what
    /// `QTestDatabase(clock:…)` plus loading the seed gives, without either. Returns the store
    /// and the state it started in, for a reset to return to.
    ///
    /// The image's bytes become the store's file as they are and the stamp is applied there:
    /// every connection that opens a store parses its whole schema (a few milliseconds), so an
    /// in-memory copy stamped first would cost a start one more. The state a reset returns to
    /// is the same stamp on a copy of the image, made on the first reset.
    public func open(clock: any StoreClock, busyTimeout: TimeInterval, logger: Logger) throws -> (QTestDatabase, DatabaseState) {
        let instants = (0..<clockReads).map { _ in clock.now() }
        let database = try QTestDatabase(clock: clock, busyTimeout: busyTimeout, logger: logger, image: image)
        if !clockColumns.isEmpty { try database.writer.write { db in try stamp(db, with: instants) } }
        let start = DatabaseState.deferred { [self] in
            let copy = try image.openInMemory()
            try copy.write { db in try stamp(db, with: instants) }
            return copy
        }
        return (database, start)
    }

    /// An in-memory copy of the image stamped with the time `clock` tells now (the demo seed
    /// loaded now, for a reset to another seed).
    public func copy(stampedBy clock: any StoreClock) throws -> DatabaseQueue {
        let instants = (0..<clockReads).map { _ in clock.now() }
        let queue = try image.openInMemory()
        try queue.write { db in try stamp(db, with: instants) }
        return queue
    }

    /// Writes `instants` over the sentinels, in the caller's transaction, with the connection's
    /// triggers off: a stamp is no change anyone made, so nothing may record it (a release's
    /// start date set from the seed time is no history entry, nor a webhook event). Off, the
    /// triggers' programs are not compiled into each UPDATE either (a start's profile had the
    /// stamp at a sixth of its CPU with them on).
    func stamp(_ db: Database, with instants: [Date]) throws {
        guard !clockColumns.isEmpty, instants.count == clockReads else { return }
        let texts = Self.sentinels.map(StorageDate.text)
        let stamps = instants.map(StorageDate.text)
        guard stamps != texts else { return }
        guard let connection = db.sqliteConnection, qtest_sqlite_set_triggers(connection, 0) >= 0 else {
            throw StoreError.internalError("seed image: cannot turn the triggers off to stamp the seed time")
        }
        defer { _ = qtest_sqlite_set_triggers(connection, 1) }
        for c in clockColumns {
            try db.execute(sql: "UPDATE \(c.table.quotedDatabaseIdentifier) SET \(c.column.quotedDatabaseIdentifier) = ? WHERE \(c.column.quotedDatabaseIdentifier) = ?",
                           arguments: [stamps[c.read], texts[c.read]])
        }
    }
}
