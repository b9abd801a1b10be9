/// HTTP's optional white space (spaces and horizontal tabs, RFC 9110 §5.6.3) trimmed from both
/// ends of a field value, on its UTF-8 bytes.
///
/// Not Foundation's `trimmingCharacters(in: .whitespaces)`: that bridges through NSString and
/// copies through UTF-16, and reading the Authorization header with it was a tenth of the time
/// of a cached GET.
public enum OptionalWhitespace {
    public static func trimmed(_ text: Substring) -> Substring {
        let bytes = text.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isOWS(bytes[start]) { start = bytes.index(after: start) }
        while start < end {
            let before = bytes.index(before: end)
            guard isOWS(bytes[before]) else { break }
            end = before
        }
        return text[start..<end]
    }

    public static func trimmed(_ text: String) -> Substring { trimmed(Substring(text)) }

    private static func isOWS(_ byte: UInt8) -> Bool { byte == ASCII.sp || byte == ASCII.htab }
}
