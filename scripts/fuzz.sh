#!/bin/sh
# scripts/fuzz.sh: runs the fuzzers (libFuzzer + ASan + UBSan) over every reader of untrusted text, one after
# the other, each from a copy of its committed seeds, and prints per fuzzer its executions, coverage (cov: edges,
# ft: features) and findings. Exits 1 when one found a crash, an invariant violated, a leak, a timeout or an
# out-of-memory; the input is kept and its path printed.
#   ./scripts/fuzz.sh                          # the long run, on demand: 600 s each
#   PG_FUZZ_SECONDS=3600 ./scripts/fuzz.sh csv # one of them, an hour (names: url_codec, csv, model_file)
#   PG_FUZZ_RUNS=1000000 ./scripts/fuzz.sh     # a fixed number of executions each instead of a time
#   ./scripts/fuzz.sh --brief                  # what scripts/test.sh runs: 20 s for the link, 15 s for the others
#                                              # (PG_FUZZ_SECONDS, when set, for each)
set -eu
cd "$(dirname "$0")/.."

brief=0
if [ "${1:-}" = "--brief" ]; then brief=1; shift; fi
targets=${*:-url_codec csv model_file}

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DPG_FUZZ=ON >/dev/null
for t in $targets; do
  case $t in url_codec|csv|model_file) ;; *) echo "fuzz.sh: no fuzzer '$t' (url_codec, csv, model_file)"; exit 2 ;; esac
  cmake --build build-fuzz --target "fuzz_$t"
done

failed=0
for t in $targets; do
  case $t in
    url_codec)  seeds=tests/state/fuzz_corpus;       short=20 ;;
    csv)        seeds=tests/core/fuzz_corpus_csv;    short=15 ;;
    model_file) seeds=tests/state/fuzz_corpus_model; short=15 ;;
  esac
  if [ $brief = 1 ]; then seconds=${PG_FUZZ_SECONDS:-$short}; else seconds=${PG_FUZZ_SECONDS:-600}; fi
  limit="-max_total_time=$seconds"
  if [ -n "${PG_FUZZ_RUNS:-}" ] && [ $brief = 0 ]; then limit="-runs=$PG_FUZZ_RUNS"; fi
  echo "== fuzz: $t ($limit)"
  work=$(mktemp -d)
  mkdir "$work/corpus"
  cp "$seeds"/* "$work/corpus/"
  start=$(date +%s)
  status=0
  "build-fuzz/fuzz_$t" "$limit" -artifact_prefix="$work/" -print_final_stats=1 "$work/corpus" >"$work/log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
  cov=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED|NEW|REDUCE|pulse)' "$work/log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' || true)
  findings=$(cd "$work" && ls | grep -E '^(crash|leak|timeout|oom)-' || true)
  slow=$(cd "$work" && ls | grep -c '^slow-unit-' || true)
  echo "fuzz_$t: ${execs:-?} executions in $elapsed s, ${cov:-no coverage line}, findings: ${findings:-none}" \
    "(inputs slower than 10 s: $slow)"
  if [ $status -ne 0 ] || [ -n "$findings" ] || [ "$slow" != 0 ]; then
    grep -E 'invariant violated|ERROR|SUMMARY|Test unit written' "$work/log" | head -20 || true
    echo "fuzz_$t: exit $status; log, corpus and findings in $work"
    if [ $status -ne 0 ] || [ -n "$findings" ]; then failed=1; fi
  else
    rm -rf "$work"
  fi
done
exit $failed
