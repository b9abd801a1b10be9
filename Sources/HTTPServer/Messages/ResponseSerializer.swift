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
        var head = "\(version == .http10 ? "HTTP/1.0" : "HTTP/1.1") \(status) \(HTTPStatusReason.phrase(status))\r\n"
        var handlerLength: String?
        for field in response.headers {
            if ASCII.caseInsensitiveEquals(field.name, "Content-Length") { handlerLength = field.value; continue }
            if ASCII.caseInsensitiveEquals(field.name, "Transfer-Encoding")
                || ASCII.caseInsensitiveEquals(field.name, "Connection")
                || ASCII.caseInsensitiveEquals(field.name, "Date") { continue }
            // Drop CR/LF so a handler cannot inject header lines.
            let value = field.value.contains(where: { $0 == "\r" || $0 == "\n" })
                ? field.value.filter { $0 != "\r" && $0 != "\n" } : field.value
            head += "\(field.name): \(value)\r\n"
        }
        if status == 304 {
            if let handlerLength { head += "Content-Length: \(handlerLength)\r\n" }
        } else if !bodyless {
            // A HEAD handler may announce the length of a body it did not build.
            let length = isHead && response.body.isEmpty ? handlerLength ?? "0" : String(response.body.count)
            head += "Content-Length: \(length)\r\n"
        }
        head += "Date: \(date)\r\n"
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if version == .http10 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"
        return (Array(head.utf8), (isHead || bodyless) ? Data() : response.body)
    }
}
