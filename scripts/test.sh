#!/bin/sh
# scripts/test.sh: runs every test. Installs what is missing, then:
#   1. native build: GoogleTest suites (core, state) and the CLI end to end        (ctest --preset native)
#   2. web build (bprop.js and the page): the wasm CLI under node, compared number for number with native,
#      and the page in headless Chromium (tests/browser)                          (ctest --preset web)
#   3. the link-decoder fuzzer (libFuzzer + ASan + UBSan), briefly                 (PG_FUZZ_SECONDS, default 20)
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh

echo "== native: build and test"
cmake --preset native >/dev/null
cmake --build --preset native
ctest --preset native

echo "== web: build and test (wasm CLI under node, the page in headless Chromium)"
export NODE_PATH=/usr/share/nodejs
cmake --preset web -DPG_NATIVE_BPROP="$PWD/build-native/bprop" >/dev/null
cmake --build --preset web   # all targets: bprop and playground
ctest --preset web

echo "== fuzz: link decoder, ${PG_FUZZ_SECONDS:-20} s"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DPG_FUZZ=ON >/dev/null
cmake --build build-fuzz --target fuzz_url_codec
corpus=$(mktemp -d)
cp tests/state/fuzz_corpus/* "$corpus"/
build-fuzz/fuzz_url_codec -max_total_time="${PG_FUZZ_SECONDS:-20}" -artifact_prefix="$corpus/" -print_final_stats=1 "$corpus" 2>&1 |
  grep -E "stat::number_of_executed_units|ERROR|SUMMARY" || true
build-fuzz/fuzz_url_codec -runs=0 "$corpus" >/dev/null 2>&1 || { echo "fuzz: a crash was found, see $corpus"; exit 1; }
rm -rf "$corpus"
echo "== all tests passed"
