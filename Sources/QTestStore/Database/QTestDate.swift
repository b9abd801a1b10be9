import Foundation

/// qTest's wire date format.
///
/// Output is always `2026-01-05T10:00:00+00:00` (UTC, no fraction). Input accepts every
/// form real clients send (notes §9): `…Z`, `…+0000`, `….SSSZ`, `….SSS+0000`, `…+00:00`,
/// `….SSS+00:00`, any other `±HH:MM`/`±HHMM` offset, and date-only `yyyy-MM-dd` (midnight UTC).
///
/// Hand-written: no `DateFormatter` is created per call.
///
/// ```swift
/// let d = QTestDate.parse("2023-04-25T14:00:54.123+0000")!
/// QTestDate.format(d) // "2023-04-25T14:00:54+00:00"
/// ```
public enum QTestDate {
    /// Formats `date` as `yyyy-MM-dd'T'HH:mm:ss+00:00` in UTC; fractions are dropped.
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rem = seconds % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        let hh = Int(rem / 3600), mm = Int((rem % 3600) / 60), ss = Int(rem % 60)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(hh, 2) + ":" + pad(mm, 2) + ":" + pad(ss, 2) + "+00:00"
    }

    /// Formats `date` as `yyyy-MM-dd` (UTC).
    public static func formatDay(_ date: Date) -> String {
        String(format(date).prefix(10))
    }

    /// Parses any accepted input form; returns nil when `text` is not a date.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), expect(45), let mo = digits(2), expect(45), let d = digits(2) else { return nil }
        guard (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y) else { return nil }
        var seconds = days(fromCivil: y, mo, d) * 86_400
        if i == b.count { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        guard i < b.count, b[i] == 84 || b[i] == 32 else { return nil } // 'T' or ' '
        i += 1
        guard let hh = digits(2), expect(58), let mi = digits(2), hh < 24, mi < 60 else { return nil }
        var ss = 0
        if expect(58) {
            guard let s = digits(2), s < 61 else { return nil }
            ss = s
        }
        var fraction = 0.0
        if expect(46) {
            var scale = 0.1
            var any = false
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
                any = true
            }
            guard any else { return nil }
        }
        seconds += Int64(hh * 3600 + mi * 60 + ss)
        // Zone: Z, ±HH:MM, ±HHMM, ±HH; none means UTC.
        if i < b.count {
            if b[i] == 90 || b[i] == 122 { i += 1 } else if b[i] == 43 || b[i] == 45 {
                let sign: Int64 = b[i] == 45 ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                var om = 0
                if i < b.count {
                    _ = expect(58)
                    guard let m = digits(2) else { return nil }
                    om = m
                }
                seconds -= sign * Int64(oh * 3600 + om * 60)
            } else { return nil }
        }
        guard i == b.count else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    /// Parses like ``parse(_:)`` but throws `StoreError.badRequest` naming `field`.
    public static func parseRequired(_ text: String, field: String) throws -> Date {
        guard let d = parse(text) else {
            throw StoreError.badRequest("Invalid date format for \(field): \(text)")
        }
        return d
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    private static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((m + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}
