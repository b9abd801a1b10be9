import Foundation
import LibFuzzerDriver

/// Hands the process to libFuzzer, which runs `fuzzOneInput` once per input. Any trap in the
/// parser, or a broken property checked by `ParserDifferential`, is a crash that libFuzzer
/// reports and saves as a reproducer (`crash-*` in the working directory).
@main
enum FuzzHTTPParser {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    }
}

private func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    ParserDifferential.check(FuzzInput(bytes))
    return 0
}
