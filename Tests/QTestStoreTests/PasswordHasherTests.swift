import Testing
@testable import QTestStore

/// Password hashes must not change with the SHA-256 implementation behind them: a `--db` file
/// keeps the hashes of every user created before, and their passwords must still log in.
@Suite struct PasswordHasherTests {
    /// A message longer than one 64-byte block (the text of the SHA-512 example).
    @Test func sha256HexOfATwoBlockMessage() {
        let message = Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8)
        #expect(PasswordHasher.sha256Hex(message) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    /// Values computed by the hand-written SHA-256 this project used before swift-crypto.
    @Test func hashesMatchTheEarlierImplementation() {
        #expect(PasswordHasher.hash("secret", salt: "0a1b2c") == "b94909f8f256ede4f5d99a5d6253a02c59025c7ad18b76630d4e9e66daf75306")
        #expect(PasswordHasher.hash("Pässwörd ✓", salt: "ff00ee11dd22cc33") == "034ea884c5153508a3590208cac7bfdf00312b366ea6d72d9775b78db7c0fd17")
        #expect(PasswordHasher.hash("", salt: "") == "dab202e5016d1f4097653b33832fa035c134ed44a915349c8444ae00a1605f4a")
    }

    @Test func verifiesOnlyTheRightPassword() {
        let (salt, hash) = PasswordHasher.hash("admin123")
        #expect(PasswordHasher.verify("admin123", salt: salt, hash: hash))
        #expect(!PasswordHasher.verify("admin124", salt: salt, hash: hash))
        #expect(!PasswordHasher.verify("admin123", salt: salt + "0", hash: hash))
        #expect(!PasswordHasher.verify("admin123", salt: salt, hash: String(hash.dropLast())))
    }
}
