import Glibc

/// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 9110 §5.6.7) with a one-second cache.
/// Hand-formatted from gmtime_r: DateFormatter is slow and strftime depends on the C locale.
/// Not thread-safe by design: each instance is used only on the server's I/O queue.
final class HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private var cachedSecond: time_t = -1
    private var cachedValue = ""

    var now: String {
        let t = time(nil)
        if t != cachedSecond {
            cachedSecond = t
            cachedValue = HTTPDate.format(t)
        }
        return cachedValue
    }

    static func format(_ t: time_t) -> String {
        var t = t
        var tm = Glibc.tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[Int(tm.tm_wday) % 7]), \(two(tm.tm_mday)) \(months[Int(tm.tm_mon) % 12]) \(tm.tm_year + 1900) "
            + "\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)) GMT"
    }
}
