// A trimmed copy of ICU's data for static builds, linked in place of the one Foundation brings
// (scripts/build-static.sh defines both macros; every other build assembles this file to
// nothing). ICU's data is one symbol, `icudtNN_dat`: defined here, in an object file the linker
// reads before the toolchain's archives, it keeps the archive member holding the 34 MB original
// out of the binary.
#if defined(QTEST_ICU_DATA_FILE) && defined(QTEST_ICU_DATA_SYMBOL)
    .section .rodata.qtest_icu_data,"a",@progbits
    .globl QTEST_ICU_DATA_SYMBOL
    .type QTEST_ICU_DATA_SYMBOL,@object
    .balign 16
QTEST_ICU_DATA_SYMBOL:
    .incbin QTEST_ICU_DATA_FILE
    .size QTEST_ICU_DATA_SYMBOL, . - QTEST_ICU_DATA_SYMBOL
#endif
    .section .note.GNU-stack,"",@progbits
