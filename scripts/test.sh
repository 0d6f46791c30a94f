#!/bin/sh
# scripts/test.sh: runs every test. Installs what is missing, then:
#   1. native build: GoogleTest suites (core, state) and the CLI end to end        (ctest --preset native)
#   2. web build (bprop.js and the page): the wasm CLI under node, compared number for number with native,
#      and the page in headless Chromium (tests/browser)                          (ctest --preset web)
#   3. the fuzzers (libFuzzer + ASan + UBSan) of the link decoder, the CSV reader and the model file reader,
#      briefly: 20 s, 15 s and 15 s, or PG_FUZZ_SECONDS each                      (scripts/fuzz.sh --brief)
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

echo "== fuzz: the link decoder, the CSV reader and the model file reader, briefly (scripts/fuzz.sh runs them long)"
./scripts/fuzz.sh --brief || { echo "fuzz: a finding, see above"; exit 1; }
echo "== all tests passed"
