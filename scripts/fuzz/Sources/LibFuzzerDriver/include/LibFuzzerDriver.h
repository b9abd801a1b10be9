// libFuzzer's documented entry for programs that keep their own main(): it parses the usual
// libFuzzer flags from argv and runs `callback` once per input. Declared here so Swift fuzz
// targets can call it (SwiftPM gives every executable a Swift main, so libFuzzer's own main()
// cannot be used). Provided by the runtime linked in with `-sanitize=fuzzer`.
#ifndef LIB_FUZZER_DRIVER_H
#define LIB_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
