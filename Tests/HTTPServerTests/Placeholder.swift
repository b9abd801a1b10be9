import Testing
@testable import HTTPServer

@Test func placeholder() { #expect(true) }
