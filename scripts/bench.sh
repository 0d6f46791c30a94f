#!/bin/sh
# scripts/bench.sh: prints training throughput figures (never asserted): bprop bench natively and as wasm under
# node on the two reference configurations, then the Google Benchmark suite.
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-3}
for cfg in 'data=circle&n=500&layers=8,8&act=tanh&batch=10&lr=0.03&opt=sgd' \
           'data=circle&n=500&layers=64,64&act=tanh&batch=64&lr=0.03&opt=sgd'; do
  echo "== $cfg"
  printf 'native: '; build-native/bprop bench "$cfg" --seconds "$SECONDS_EACH" | grep samples_per_second
  printf 'wasm:   '; node --no-experimental-fetch build-web/bprop.js bench "$cfg" --seconds "$SECONDS_EACH" | grep samples_per_second
done
[ -x build-native/core_bench ] && build-native/core_bench --benchmark_min_time=0.5
