import Foundation

/// Strict UTF-8 decoding of byte runs taken from requests (header values, JSON strings).
///
/// `String(validating:as:)` reaches its validation through a generic, unspecialized function
/// whose metadata lookups take a lock: profiled, that was a third of parsing a 5 MB upload and
/// showed on every header. `String(decoding:as:)` on a buffer is inlined, but repairs invalid
/// bytes with U+FFFD instead of failing. The repaired text is valid UTF-8 and the input was
/// not, so comparing the two tells them apart exactly; pure ASCII needs no comparison.
public enum UTF8Text {
    /// The bytes as a string, or nil when they are not valid UTF-8.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// The bytes as a string, or nil when they are not valid UTF-8.
    public static func decode(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// The bytes as a string, or nil when they are not valid UTF-8.
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: buffer, as: UTF8.self)
        if isASCII(buffer) { return text }
        let same = text.withUTF8 { decoded in
            guard decoded.count == buffer.count else { return false }
            guard let a = decoded.baseAddress, let b = buffer.baseAddress else { return true } // both empty
            return memcmp(a, b, buffer.count) == 0
        }
        return same ? text : nil
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(buffer.baseAddress) else { return true }
        let count = buffer.count
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= count {
            high |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < count {
            high |= UInt64(base.load(fromByteOffset: i, as: UInt8.self))
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
