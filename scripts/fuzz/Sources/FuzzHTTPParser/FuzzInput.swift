@testable import HTTPServer

/// How one fuzz input is read. Byte 0 is control: its low 2 bits pick the parser limits (so the
/// small-limit paths are reached with short inputs) and the rest seeds how the stream is split
/// into reads. Everything after it is the byte stream a client sends.
struct FuzzInput {
    let limits: HTTPParserLimits
    let splitSeed: UInt64
    let stream: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let control = bytes.first ?? 0
        switch control & 3 {
        case 0: limits = HTTPParserLimits()
        case 1: limits = HTTPParserLimits(maxHeaderBytes: 256, maxHeaderCount: 8, maxBodyBytes: 1024)
        case 2: limits = HTTPParserLimits(maxHeaderBytes: 48, maxHeaderCount: 2, maxBodyBytes: 16)
        default: limits = HTTPParserLimits(maxHeaderBytes: 1024, maxHeaderCount: 32, maxBodyBytes: 64 * 1024)
        }
        splitSeed = UInt64(control >> 2) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(bytes.count)
        stream = bytes.isEmpty ? bytes : UnsafeBufferPointer(rebasing: bytes[1...])
    }
}

/// SplitMix64: tiny and deterministic, so a saved crash input replays the same split.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A read size: mostly small (1...8 bytes), sometimes up to 1 KiB, so both line-splitting
    /// and large appends are exercised.
    mutating func pieceLength() -> Int {
        let r = next()
        let bits = Int(r & 7) + (r & 0x30 == 0 ? 3 : 0)
        return 1 + Int((r >> 8) % UInt64(1 << bits))
    }
}
