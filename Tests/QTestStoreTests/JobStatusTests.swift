import Foundation
import GRDB
import Testing
@testable import QTestStore

/// A status poll reads every column but the request, and refuses a state it does not know.
struct JobStatusTests {
    @Test func statusMatchesTheWholeRecordWithoutTheRequest() throws {
        let store = try SeedExporterTests.demo()
        let (waiting, done) = try store.write { (db: Database) throws in
            let waiting = try Jobs.enqueue(db, projectId: 108781, userId: 10001, type: "AUTOMATION_TEST_LOG", request: #"{"big":true}"#, at: Date())
            let done = try Jobs.enqueue(db, projectId: 108781, userId: nil, type: "TOSCA", request: "{}", at: Date())
            try Jobs.finish(db, done.id, .failed, content: "no such suite", contentType: "text/plain", at: Date())
            return (waiting, done)
        }
        try store.read { (db: Database) throws in
            for id in [waiting.id, done.id] {
                let record = try #require(try Jobs.find(db, id))
                #expect(try Jobs.status(db, id) == record.status)
            }
            #expect(try Jobs.status(db, done.id)?.state == .failed)
            #expect(try Jobs.status(db, done.id)?.contentType == "text/plain")
            #expect(try Jobs.status(db, 999_999) == nil)
        }
        try store.write { (db: Database) throws in try db.execute(sql: "UPDATE jobs SET state = 'LOST' WHERE id = ?", arguments: [waiting.id]) }
        #expect(throws: (any Error).self) { try store.read { (db: Database) throws in try Jobs.status(db, waiting.id) } }
    }
}
