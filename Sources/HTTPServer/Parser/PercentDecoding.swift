/// Percent-decoding shared by paths and query strings.
/// Malformed escapes ("%G1", trailing "%") are kept literally rather than rejected:
/// an emulator should be forgiving about what clients put in URLs.
enum PercentDecoding {
    static func decode(_ s: Substring, plusAsSpace: Bool) -> String {
        let utf8 = s.utf8
        // Fast path: nothing to decode.
        if !utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(s)
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "%") {
                let h1 = utf8.index(after: i)
                if h1 != utf8.endIndex, let hi = ASCII.hexValue(utf8[h1]) {
                    let h2 = utf8.index(after: h1)
                    if h2 != utf8.endIndex, let lo = ASCII.hexValue(utf8[h2]) {
                        out.append(hi << 4 | lo)
                        i = utf8.index(after: h2)
                        continue
                    }
                }
                out.append(b)
            } else if plusAsSpace && b == UInt8(ascii: "+") {
                out.append(ASCII.sp)
            } else {
                out.append(b)
            }
            i = utf8.index(after: i)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a path and collapses runs of '/' ("//api/v3//x" → "/api/v3/x").
    /// Collapsing happens before decoding so an encoded "%2F%2F" survives as data.
    static func normalizePath(_ raw: Substring) -> String {
        // Nearly every path has no "//" and no escape: it is the path as it is (a byte scan
        // instead of a walk over Characters, on every request).
        var previous: UInt8 = 0
        if !raw.utf8.contains(where: { byte in
            defer { previous = byte }
            return byte == UInt8(ascii: "%") || (byte == UInt8(ascii: "/") && previous == UInt8(ascii: "/"))
        }) {
            return String(raw)
        }
        var collapsed = ""
        collapsed.reserveCapacity(raw.utf8.count)
        var previousSlash = false
        for ch in raw {
            if ch == "/" {
                if previousSlash { continue }
                previousSlash = true
            } else {
                previousSlash = false
            }
            collapsed.append(ch)
        }
        return decode(collapsed[...], plusAsSpace: false)
    }
}
