import Foundation
import GRDB
import Testing
@testable import QTestStore

/// Attachments in the store: bytes kept apart from their metadata and moved there by the v7
/// migration, byte-exact round trips, deletes that take the bytes along, owner checks and the
/// search filters.
@Suite struct AttachmentStoreTests {
    static let project: Int64 = 108781
    static let t0 = QTestDate.parse("2026-01-05T10:00:00Z") ?? Date(timeIntervalSince1970: 0)

    static func demo() throws -> (QTestDatabase, FixedClock) {
        let clock = FixedClock(t0)
        let store = try QTestDatabase(clock: clock)
        let fixture = try SeedFixture.decode(Data(DemoSeed.json.utf8))
        _ = try store.write { (db: Database) throws in try Seeder.load(fixture, into: db, at: clock.now()) }
        return (store, clock)
    }

    /// Every byte value, twice, plus a length that is not a multiple of anything.
    static let binary = Data((0..<515).map { UInt8(truncatingIfNeeded: $0 &* 7) })

    @Test func bytesRoundTripExactlyAndListsLeaveThemOut() throws {
        let (store, clock) = try Self.demo()
        let added = try store.write { (db: Database) throws in
            try Attachments.add(db, projectId: Self.project, to: .testCase, 40000001, name: "  shot.png ", contentType: "image/png",
                                data: Self.binary, by: Demo.admin, at: clock.now())
        }
        #expect(added.name == "shot.png")
        #expect(added.size == Self.binary.count)
        try store.read { (db: Database) throws in
            #expect(try Attachments.bytes(db, added.id) == Self.binary)
            #expect(try Attachments.list(db, of: .testCase, 40000001).map(\.id) == [added.id])
            // The metadata row has no bytes of its own any more.
            let columns = try db.columns(in: "attachments").map(\.name)
            #expect(!columns.contains("data"))
        }
        let empty = try store.write { (db: Database) throws in
            try Attachments.add(db, projectId: Self.project, to: .testCase, 40000001, name: "empty.txt", contentType: "",
                                data: Data(), by: nil, at: clock.now())
        }
        #expect(empty.contentType == "application/octet-stream")
        #expect(try store.read { (db: Database) throws in try Attachments.bytes(db, empty.id) } == Data())
        #expect(throws: StoreError.badRequest("Attachment name is required")) {
            try store.write { (db: Database) throws in
                try Attachments.add(db, projectId: Self.project, to: .testCase, 40000001, name: " ", contentType: "", data: Data(), by: nil, at: clock.now())
            }
        }
    }

    @Test func deletingAnAttachmentOrItsOwnerDeletesTheBytes() throws {
        let (store, clock) = try Self.demo()
        let (onStep, onLog, onStepLog) = try store.write { (db: Database) throws in
            let stepLog = try #require(try TestLogs.stepLogs(db, logId: 86000001).first)
            return (try Attachments.add(db, projectId: Self.project, to: .testCase, 40000001, name: "a", contentType: "", data: Data("a".utf8), by: nil, at: clock.now()),
                    try Attachments.add(db, projectId: Self.project, to: .testLog, 86000001, name: "b", contentType: "", data: Data("b".utf8), by: nil, at: clock.now()),
                    try Attachments.add(db, projectId: Self.project, to: .testStepLog, stepLog.id, name: "c", contentType: "", data: Data("c".utf8), by: nil, at: clock.now()))
        }
        try store.write { (db: Database) throws in
            try Attachments.delete(db, projectId: Self.project, of: .testCase, 40000001, onStep.id)
            #expect(throws: StoreError.notFound("Blob Handle not found")) {
                try Attachments.delete(db, projectId: Self.project, of: .testCase, 40000001, onStep.id)
            }
            // The id of another object's attachment is not found through this one.
            #expect(throws: StoreError.notFound("Blob Handle not found")) {
                try Attachments.delete(db, projectId: Self.project, of: .testCase, 40000001, onLog.id)
            }
            try TestRuns.delete(db, projectId: Self.project, 31000001)
        }
        try store.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attachments WHERE id IN (?, ?, ?)", arguments: [onStep.id, onLog.id, onStepLog.id]) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attachment_blobs") == 0)
        }
    }

    @Test func ownersMustExistInTheProject() throws {
        let (store, _) = try Self.demo()
        try store.read { (db: Database) throws in
            let stepLog = try #require(try TestLogs.stepLogs(db, logId: 86000001).first)
            for (kind, id) in [(ObjectKind.testCase, Int64(40000001)), (.testLog, 86000001), (.testStepLog, stepLog.id), (.release, 500001)] {
                #expect(try AttachmentOwners.exists(db, projectId: Self.project, kind, id), "\(kind) \(id)")
                #expect(try !AttachmentOwners.exists(db, projectId: Demo.secondProject, kind, id), "\(kind) \(id) in another project")
            }
            #expect(throws: StoreError.notFound("Test Step Log 1 does not exist")) {
                try AttachmentOwners.requireExisting(db, projectId: Self.project, .testStepLog, 1)
            }
        }
        #expect(AttachmentOwners.kind("release") == .release)
        #expect(AttachmentOwners.kind("Test-Step-Logs") == .testStepLog)
        #expect(AttachmentOwners.kind("test-runs") == nil)
        #expect(AttachmentOwners.kind("test-cycles") == nil)
    }

    @Test func searchFiltersByOwnerAuthorAndWholeSecondsOfTheCreationDate() throws {
        let (store, clock) = try Self.demo()
        var ids: [Int64] = []
        for (i, (owner, author)) in [(Int64(40000001), Demo.admin), (40000001, nil), (40000002, Demo.admin)].enumerated() {
            clock.set(Self.t0.addingTimeInterval(Double(i) * 60 + 0.25))
            ids.append(try store.write { (db: Database) throws in
                try Attachments.add(db, projectId: Self.project, to: .testCase, owner, name: "f\(i)", contentType: "", data: Data([UInt8(i)]),
                                    by: author, at: clock.now())
            }.id)
        }
        try store.read { (db: Database) throws in
            func search(_ query: AttachmentQuery, _ paging: Paging = .all) throws -> [Int64] {
                try Attachments.search(db, projectId: Self.project, query, paging: paging).items.map(\.id)
            }
            #expect(try search(AttachmentQuery(kind: .testCase)) == ids)
            #expect(try search(AttachmentQuery(kind: .defect)) == [])
            #expect(try search(AttachmentQuery(kind: .testCase, objectIds: [40000002])) == [ids[2]])
            #expect(try search(AttachmentQuery(kind: .testCase, authorId: Demo.admin)) == [ids[0], ids[2]])
            let second = Self.t0.addingTimeInterval(60) // the second attachment was made at 10:01:00.25
            #expect(try search(AttachmentQuery(kind: .testCase, created: .init(.equal, second))) == [ids[1]])
            #expect(try search(AttachmentQuery(kind: .testCase, created: .init(.less, second))) == [ids[0]])
            #expect(try search(AttachmentQuery(kind: .testCase, created: .init(.lessOrEqual, second))) == [ids[0], ids[1]])
            #expect(try search(AttachmentQuery(kind: .testCase, created: .init(.greater, second))) == [ids[2]])
            #expect(try search(AttachmentQuery(kind: .testCase, created: .init(.greaterOrEqual, second))) == [ids[1], ids[2]])
            let page = try Attachments.search(db, projectId: Self.project, AttachmentQuery(kind: .testCase), paging: Paging(page: 2, pageSize: 2))
            #expect(page.items.map(\.id) == [ids[2]])
            #expect(page.total == 3)
            #expect(try Attachments.search(db, projectId: Demo.secondProject, AttachmentQuery(kind: .testCase), paging: .all).total == 0)
        }
    }

    /// A database written before v7 keeps its attachments: the bytes move to `attachment_blobs`.
    @Test func theV7MigrationMovesExistingBytes() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v6 job attempts")
        try queue.write { (db: Database) throws in
            try db.execute(sql: "INSERT INTO projects (id, name, uuid, created_date, last_modified_date) VALUES (1, 'P', 'u', '2026-01-05 10:00:00.000', '2026-01-05 10:00:00.000')")
            try db.execute(sql: """
                INSERT INTO attachments (id, project_id, object_type, object_id, name, content_type, data, size, created_date)
                VALUES (7, 1, 'test-logs', 3, 'old.bin', 'application/octet-stream', ?, ?, '2026-01-05 10:00:00.000')
                """, arguments: [Self.binary, Self.binary.count])
        }
        try Schema.migrator.migrate(queue)
        try queue.read { (db: Database) throws in
            #expect(try Attachments.bytes(db, 7) == Self.binary)
            #expect(try Attachments.list(db, of: .testLog, 3).map(\.name) == ["old.bin"])
        }
    }
}

/// Demo seed ids used above.
private enum Demo {
    static let admin: Int64 = 10001
    static let secondProject: Int64 = 108782
}
