import Testing
import HTTPServer

/// Field values lose their spaces and tabs at both ends, and nothing else.
@Test func optionalWhitespaceIsTrimmedFromBothEndsOnly() {
    #expect(OptionalWhitespace.trimmed(" \t Bearer  abc \t") == "Bearer  abc")
    #expect(OptionalWhitespace.trimmed("abc") == "abc")
    #expect(OptionalWhitespace.trimmed(" \t ").isEmpty)
    #expect(OptionalWhitespace.trimmed("").isEmpty)
    // Other white space is part of the value, as are non-ASCII characters next to the spaces.
    #expect(OptionalWhitespace.trimmed("\r\nx\n") == "\r\nx\n")
    #expect(OptionalWhitespace.trimmed(" é\u{301} ") == "é\u{301}")
    let inner: Substring = "[ 42 ]".dropFirst().dropLast()
    #expect(OptionalWhitespace.trimmed(inner) == "42")
}
