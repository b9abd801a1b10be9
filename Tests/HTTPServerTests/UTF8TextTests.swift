import Testing
import HTTPServer

/// Strict decoding: what `String(validating:as:)` accepts, and nil for everything it refuses.
struct UTF8TextTests {
    @Test func validTextDecodesAsItIs() {
        for text in ["", "a", "plain ascii longer than sixteen bytes", "é", "naïve café", "日本語", "𝄞 clef", "mixed é and 𝄞 and 日"] {
            #expect(UTF8Text.decode(Array(text.utf8)) == text)
            #expect(UTF8Text.decode(Array(("xy" + text).utf8)[2...]) == text)
        }
    }

    @Test func invalidBytesAreRefused() {
        let invalid: [[UInt8]] = [
            [0xFF], [0x80], [0xC0, 0x80],           // stray bytes, an overlong NUL
            [0xE2, 0x82],                           // a truncated 3-byte sequence
            [0xF0, 0x90, 0x80],                     // a truncated 4-byte sequence: repaired to one U+FFFD, the same length
            [0xED, 0xA0, 0x80],                     // an encoded surrogate
            [0xF4, 0x90, 0x80, 0x80],               // above U+10FFFF
            Array("ok".utf8) + [0xFE] + Array("ok".utf8),
            Array("a long ascii prefix of twenty".utf8) + [0xC3],
        ]
        for bytes in invalid {
            #expect(UTF8Text.decode(bytes) == nil, "\(bytes)")
            #expect(String(validating: bytes, as: UTF8.self) == nil, "the reference agrees: \(bytes)")
        }
    }

    /// The replacement character itself, sent as text, is valid and kept.
    @Test func aRealReplacementCharacterIsKept() {
        #expect(UTF8Text.decode(Array("a\u{FFFD}b".utf8)) == "a\u{FFFD}b")
    }

    /// Every two-byte sequence agrees with the standard library's strict decoder.
    @Test func agreesWithTheStandardLibraryOnEveryBytePair() {
        for a in 0...255 {
            for b in 0...255 {
                let bytes = [UInt8(a), UInt8(b)]
                #expect(UTF8Text.decode(bytes) == String(validating: bytes, as: UTF8.self))
            }
        }
    }
}
