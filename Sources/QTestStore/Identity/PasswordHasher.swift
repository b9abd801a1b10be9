import Crypto

/// Salted password hashes: `hex(SHA-256(salt ‖ ":" ‖ password))`, iterated.
///
/// Hashes stored by earlier versions (a hand-written SHA-256) must keep verifying, so the
/// construction and its lowercase hex encoding are fixed; `PasswordHasherTests` pins both.
public enum PasswordHasher {
    private static let rounds = 64 // an emulator: cheap, just not plain text

    /// Returns `(salt, hash)` for `password` with a fresh random salt.
    public static func hash(_ password: String) -> (salt: String, hash: String) {
        var rng = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &rng), radix: 16) }.joined()
        return (salt, hash(password, salt: salt))
    }

    /// The hash of `password` with `salt`: `rounds` raw digests, then the hex of one more.
    public static func hash(_ password: String, salt: String) -> String {
        var digest = Array((salt + ":" + password).utf8)
        for _ in 0..<rounds { digest = Array(SHA256.hash(data: digest)) }
        return sha256Hex(digest)
    }

    /// True when `password` matches `hash` made with `salt`. Compares in constant time.
    public static func verify(_ password: String, salt: String, hash expected: String) -> Bool {
        let actual = Array(hash(password, salt: salt).utf8), wanted = Array(expected.utf8)
        guard actual.count == wanted.count else { return false }
        var diff: UInt8 = 0
        for (x, y) in zip(actual, wanted) { diff |= x ^ y }
        return diff == 0
    }

    /// The SHA-256 digest of `message` as 64 lowercase hex digits.
    public static func sha256Hex(_ message: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: message) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
