import Testing
@testable import QTestStore

@Test func placeholder() { #expect(true) }
