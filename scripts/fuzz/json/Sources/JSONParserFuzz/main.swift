import CFuzzerDriver
import Foundation

// Hands the command line (corpus directories, -runs=…, -max_len=…) to libFuzzer, which
// calls `fuzzJSONParser` once per input.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzJSONParser))
