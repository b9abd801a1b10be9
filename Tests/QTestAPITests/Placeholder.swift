import Testing
@testable import QTestAPI

@Test func placeholder() { #expect(true) }
