import Foundation
import Testing
@testable import QTestStore

/// The bulk paths' trimming answers what Foundation's `.whitespacesAndNewlines` trimming does.
struct WhiteSpaceTests {
    @Test func trimsWhatFoundationTrims() {
        let samples = ["", " ", "\t\n\r", "a", " a", "a ", "  a b  ", "\u{A0}nbsp\u{A0}", "\u{3000}ideographic\u{3000}", "\u{85}nel",
                       "zero\u{200B}", "\u{200B}width", "line\u{2028}", "\u{2029}para", "é\u{301} ", "pkg.Cls#t1", "\u{FEFF}bom"]
        for text in samples {
            #expect(WhiteSpace.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(text.unicodeScalars))")
        }
    }

    /// The same for values and references, trimmed of `.whitespaces` only.
    @Test func trimsSpacesAsFoundationDoes() {
        let samples = ["", " ", "\t", " 601 ", "\u{A0}7", "8\u{3000}", "\u{200B}123", "123\u{200B}", "\nline\n", "RQ-3"]
        for text in samples {
            #expect(ObjectProperties.trimmingSpaces(text) == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
    }
}
