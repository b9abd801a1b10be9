#!/usr/bin/env bash
# Builds the release binary the container ships: Swift's standard library and Foundation linked
# in statically (`--static-swift-stdlib`), with a trimmed copy of ICU's data in place of the
# 34 MB one Foundation brings (scripts/static/TrimICUData.swift says what is kept and why).
#
#   scripts/build-static.sh                    # → .build-static/release/qtest-emulator
#   SCRATCH=/src/.build scripts/build-static.sh --product qtest-emulator
#   FULL_ICU=1 scripts/build-static.sh         # keep Foundation's whole ICU data
#
# How: ICU's data is one symbol (`icudtNN_dat`) in one member of lib_FoundationICU.a. The
# ICUData target (Sources/ICUData/ICUData.S) defines the symbol from the trimmed file; its object
# is linked before the archives are searched, so the linker never pulls that member in, and
# everything else in the archive is linked as before.
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH:-.build-static}"
die() { echo "build-static: $*" >&2; exit 1; }

link_args=()
if [[ "${FULL_ICU:-0}" != 1 ]]; then
    toolchain="$(dirname "$(readlink -f "$(command -v swift)")")/.."
    archive="$toolchain/lib/swift_static/linux/lib_FoundationICU.a"
    [[ -f "$archive" ]] || die "no $archive (a Linux toolchain with the static SDK is needed)"
    work="$SCRATCH/icu-data"
    # Named after the trimmer's checksum: a changed rule gives a new file name, so the build
    # reassembles ICUData.S (its dependency tracking does not see `.incbin`).
    data="$work/trimmed-$(cksum <scripts/static/TrimICUData.swift | cut -d ' ' -f 1).dat"
    if [[ ! -f "$data" || ! -f "$work/symbol" || "$archive" -nt "$data" ]]; then
        mkdir -p "$work"
        # `archive:member:address R icudt76_dat`: which member holds the data, under which name.
        read -r member symbol < <(nm -A --defined-only "$archive" 2>/dev/null |
            awk '$2 == "R" && $3 ~ /^icudt[0-9]+_dat$/ { n = split($1, p, ":"); print p[n - 1], $3; exit }')
        [[ -n "${member:-}" ]] || die "no icudt*_dat symbol in $archive"
        (cd "$work" && ar x "$archive" "$member")
        objcopy -O binary -j .rodata "$work/$member" "$work/full.dat"
        hex=$(nm -S "$work/$member" | awk -v s="$symbol" '$4 == s { print $2 }')
        [[ -n "$hex" && "$(stat -c %s "$work/full.dat")" == "$((16#$hex))" ]] || die "$symbol is not the whole .rodata of $member"
        swiftc -O scripts/static/TrimICUData.swift -o "$work/trim-icu-data" 2>/dev/null || die "cannot compile TrimICUData.swift"
        "$work/trim-icu-data" "$work/full.dat" "$data" >&2
        echo "$symbol" >"$work/symbol"
        rm -f "$work/$member" "$work/full.dat"
    fi
    # Sources/ICUData/ICUData.S includes the file as the symbol (quotes: an assembler string).
    link_args=(-Xcc "-DQTEST_ICU_DATA_FILE=\"$(readlink -f "$data")\"" -Xcc "-DQTEST_ICU_DATA_SYMBOL=$(cat "$work/symbol")")
fi

swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" "${link_args[@]}" "$@"
