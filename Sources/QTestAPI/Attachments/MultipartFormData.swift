import Foundation
import HTTPServer

/// A `multipart/form-data` body (RFC 7578, framing from RFC 2046 §5.1) split into its parts.
///
/// qTest's upload takes the raw file as the body, but some third-party clients post a form with
/// a `file` part instead; the emulator accepts both. The scan is linear in the body size (each
/// delimiter search starts where the previous one ended), bounded in parts and part-header
/// size, and every malformed shape is a thrown 400.
///
/// ```swift
/// let boundary = try MultipartFormData.boundary(of: "multipart/form-data; boundary=XyZ")  // "XyZ"
/// let parts = try MultipartFormData.parse(body, boundary: boundary)
/// parts.first { $0.name == "file" }?.filename                                              // "trace.txt"
/// ```
enum MultipartFormData {
    /// One part: its disposition parameters, its type, and its bytes (a copy of that range).
    struct Part {
        var name: String?
        var filename: String?
        var contentType: String?
        var body: Data
    }

    static let maxParts = 100
    static let maxPartHeaderBytes = 16 * 1024

    /// Whether a `Content-Type` value names a form upload.
    static func isFormData(_ contentType: String) -> Bool {
        HeaderParameters.mediaType(contentType) == "multipart/form-data"
    }

    /// The `boundary` parameter of a `multipart/form-data` type (1 to 70 characters, RFC 2046).
    static func boundary(of contentType: String) throws -> String {
        guard let boundary = HeaderParameters.parameters(contentType)["boundary"], (1...70).contains(boundary.utf8.count) else {
            throw APIError.badRequest("A multipart/form-data upload needs a boundary of 1 to 70 characters")
        }
        return boundary
    }

    static func parse(_ body: Data, boundary: String) throws -> [Part] {
        let delimiter = Array(("--" + boundary).utf8)
        return try body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [Part] in
            var parts: [Part] = []
            // The first delimiter opens the body or follows the (ignored) preamble's line break.
            guard var at = firstDelimiter(bytes, delimiter) else { throw malformed("the boundary does not occur in the body") }
            while true {
                var cursor = at + delimiter.count
                if starts(bytes, at: cursor, with: [0x2D, 0x2D]) { return parts } // "--": the close delimiter
                // Transport padding, then the line break that ends the delimiter line.
                while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
                guard let afterBreak = lineBreakEnd(bytes, at: cursor) else { throw malformed("a boundary line is not followed by a line break") }
                let (headers, contentStart) = try partHeaders(bytes, from: afterBreak)
                // The part's content ends at the line break before the next delimiter.
                guard let next = nextDelimiter(bytes, delimiter, from: contentStart) else {
                    throw malformed("the closing boundary is missing")
                }
                guard parts.count < maxParts else { throw malformed("more than \(maxParts) parts") }
                let disposition = HeaderParameters.parameters(headers["content-disposition"] ?? "")
                let range = bytes[contentStart..<next]
                parts.append(Part(name: disposition["name"], filename: disposition["filename*"] ?? disposition["filename"],
                                  contentType: headers["content-type"], body: Data(range)))
                at = next + 2
            }
        }
    }

    // MARK: Scanning

    private static func malformed(_ reason: String) -> APIError {
        APIError.badRequest("Malformed multipart/form-data body: \(reason)")
    }

    /// Header lines of one part up to its empty line, names lowercased; and where the content starts.
    private static func partHeaders(_ bytes: UnsafeRawBufferPointer, from start: Int) throws -> ([String: String], Int) {
        var headers: [String: String] = [:]
        var lineStart = start
        while true {
            guard lineStart - start <= maxPartHeaderBytes else { throw malformed("part headers longer than \(maxPartHeaderBytes) bytes") }
            guard let lf = find(bytes, [0x0A], from: lineStart) else { throw malformed("part headers do not end") }
            var lineEnd = lf
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd == lineStart { return (headers, lf + 1) }
            let line = bytes[lineStart..<lineEnd]
            guard line.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }),
                  let colon = line.firstIndex(of: 0x3A), colon > lineStart else {
                throw malformed("a part header line is not 'Name: value'")
            }
            let name = String(decoding: bytes[lineStart..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: bytes[(colon + 1)..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            headers[name] = value
            lineStart = lf + 1
        }
    }

    /// The index of the first delimiter at the start of the body or right after a line break.
    private static func firstDelimiter(_ bytes: UnsafeRawBufferPointer, _ delimiter: [UInt8]) -> Int? {
        if starts(bytes, at: 0, with: delimiter) { return 0 }
        return find(bytes, [0x0A] + delimiter, from: 0).map { $0 + 1 }
    }

    /// The index of the CRLF that starts the next delimiter line at or after `from`. A match
    /// must end its line (`--`, padding, a line break): content that merely contains the boundary
    /// followed by more text stays content.
    private static func nextDelimiter(_ bytes: UnsafeRawBufferPointer, _ delimiter: [UInt8], from: Int) -> Int? {
        let needle = [0x0D, 0x0A] + delimiter
        var from = from
        while let candidate = find(bytes, needle, from: from) {
            var after = candidate + needle.count
            if starts(bytes, at: after, with: [0x2D, 0x2D]) { return candidate }
            while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
            if lineBreakEnd(bytes, at: after) != nil { return candidate }
            from = candidate + 1
        }
        return nil
    }

    /// The index after a CRLF or LF at `index`, or nil.
    private static func lineBreakEnd(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        if starts(bytes, at: index, with: [0x0D, 0x0A]) { return index + 2 }
        if starts(bytes, at: index, with: [0x0A]) { return index + 1 }
        return nil
    }

    private static func starts(_ bytes: UnsafeRawBufferPointer, at index: Int, with prefix: [UInt8]) -> Bool {
        guard index >= 0, index <= bytes.count, bytes.count - index >= prefix.count else { return false }
        for (offset, byte) in prefix.enumerated() where bytes[index + offset] != byte { return false }
        return true
    }

    /// The first index at or after `from` where `needle` (not empty) occurs: `memchr` finds each
    /// candidate first byte, so the scan is linear in practice.
    private static func find(_ bytes: UnsafeRawBufferPointer, _ needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, let base = bytes.baseAddress else { return nil }
        var index = max(0, from)
        while index < bytes.count, bytes.count - index >= needle.count {
            guard let hit = memchr(base + index, Int32(first), bytes.count - index) else { return nil }
            let candidate = base.distance(to: UnsafeRawPointer(hit))
            if starts(bytes, at: candidate, with: needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
