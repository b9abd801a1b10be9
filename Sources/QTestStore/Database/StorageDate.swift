import Foundation

/// Dates as GRDB stores them (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), formatted without a
/// `DateFormatter`.
///
/// GRDB formats every `Date` argument through a `DateFormatter`; for uploads that write several
/// dates per row that was a tenth of the time. `StorageDateTests` checks this against GRDB.
enum StorageDate {
    static func text(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let msOfDay = millis - days * 86_400_000
        // Civil date from days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let hour = msOfDay / 3_600_000, minute = msOfDay / 60_000 % 60, second = msOfDay / 1000 % 60, ms = msOfDay % 1000
        var out = [UInt8]()
        out.reserveCapacity(23)
        func put(_ value: Int64, _ width: Int) {
            var digits = [UInt8](repeating: 48, count: width)
            var v = value
            for i in stride(from: width - 1, through: 0, by: -1) { digits[i] = UInt8(48 + v % 10); v /= 10 }
            out.append(contentsOf: digits)
        }
        put(year, 4); out.append(45); put(month, 2); out.append(45); put(day, 2); out.append(32)
        put(hour, 2); out.append(58); put(minute, 2); out.append(58); put(second, 2); out.append(46); put(ms, 3)
        return String(decoding: out, as: UTF8.self)
    }
}
