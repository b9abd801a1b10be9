import Foundation
import GRDB
import Testing
@testable import QTestStore

/// `StorageDate.text` must write exactly what GRDB writes for a `Date`, or stored dates would
/// compare and sort differently depending on which code path wrote them.
@Suite struct StorageDateTests {
    @Test func matchesGRDBForManyDates() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
                             Date(timeIntervalSince1970: 1_780_000_000.5), Date(timeIntervalSince1970: -86_400 * 365.25 * 30)]
        for _ in 0..<2000 {
            let seconds = Double(Int64.random(in: -2_000_000_000...4_000_000_000, using: &generator))
            dates.append(Date(timeIntervalSince1970: seconds + Double(Int.random(in: 0...999, using: &generator)) / 1000))
        }
        for date in dates {
            #expect(StorageDate.text(date) == String.fromDatabaseValue(date.databaseValue), "\(date.timeIntervalSince1970)")
        }
    }
}
