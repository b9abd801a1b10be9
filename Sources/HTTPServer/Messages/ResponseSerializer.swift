import Foundation

/// Turns an `HTTPResponse` into wire bytes. The server owns framing: handler-supplied
/// Content-Length / Transfer-Encoding / Connection / Date are replaced so they can never lie.
enum ResponseSerializer {
    /// - Parameters:
    ///   - isHead: HEAD keeps the GET Content-Length but sends no body.
    ///   - keepAlive: false adds `Connection: close`; true on HTTP/1.0 adds `Connection: keep-alive`.
    static func serialize(_ response: HTTPResponse, version: HTTPVersion, isHead: Bool,
                          keepAlive: Bool, date: String) -> (head: [UInt8], body: Data) {
        let status = (100...999).contains(response.status) ? response.status : 500
        // 1xx/204/304 must not carry a body; 1xx/204 must not carry Content-Length (RFC 9110 §8.6).
        let bodyless = status < 200 || status == 204 || status == 304
        // Built as bytes: string interpolation and concatenation were most of this function.
        var head: [UInt8] = []
        head.reserveCapacity(160 + response.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
        head.append(utf8: version == .http10 ? "HTTP/1.0 " : "HTTP/1.1 ")
        head.append(decimal: status)
        head.append(32)
        head.append(utf8: HTTPStatusReason.phrase(status))
        head.append(13); head.append(10)
        var handlerLength: String?
        for field in response.headers {
            if ASCII.caseInsensitiveEquals(field.name, "Content-Length") { handlerLength = field.value; continue }
            if ASCII.caseInsensitiveEquals(field.name, "Transfer-Encoding")
                || ASCII.caseInsensitiveEquals(field.name, "Connection")
                || ASCII.caseInsensitiveEquals(field.name, "Date") { continue }
            head.append(utf8: field.name)
            head.append(58); head.append(32)
            // Drop CR/LF so a handler cannot inject header lines.
            for byte in field.value.utf8 where byte != 13 && byte != 10 { head.append(byte) }
            head.append(13); head.append(10)
        }
        if status == 304 {
            if let handlerLength { head.append(utf8: "Content-Length: "); head.append(utf8: handlerLength); head.append(13); head.append(10) }
        } else if !bodyless {
            head.append(utf8: "Content-Length: ")
            // A HEAD handler may announce the length of a body it did not build.
            if isHead && response.body.isEmpty { head.append(utf8: handlerLength ?? "0") } else { head.append(decimal: response.body.count) }
            head.append(13); head.append(10)
        }
        head.append(utf8: "Date: ")
        head.append(utf8: date)
        head.append(13); head.append(10)
        if !keepAlive {
            head.append(utf8: "Connection: close\r\n")
        } else if version == .http10 {
            head.append(utf8: "Connection: keep-alive\r\n")
        }
        head.append(13); head.append(10)
        return (head, (isHead || bodyless) ? Data() : response.body)
    }
}

extension [UInt8] {
    /// Appends the UTF-8 bytes of `text`.
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends a non-negative integer in decimal (a negative one as 0: never a length here).
    mutating func append(decimal value: Int) {
        guard value > 0 else { append(48); return }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            append(UInt8(48 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
