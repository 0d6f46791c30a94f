#!/bin/sh
# scripts/bench.sh: training speed beside a plain Eigen trainer (bench/ref_mlp.cpp), printed, never asserted.
# Six configurations: 2-8-8-1 and 2-64-64-1, batch 1, 10 and 64; 500-point circle, tanh hidden, sigmoid + BCE,
# SGD lr 0.03. For each, `bprop bench` and the plain trainer run in turn, ROUNDS times (A B A B ..., so a machine
# that others load shifts both alike); the figures are the medians of samples per second and the ratio is
# bprop / plain Eigen. Both as wasm under node (bprop's web build; the plain trainer with em++ -O3 -msimd128) and
# native (bprop's Release build; the plain trainer with g++ -O3, no -march=native, as bprop's own build).
# Then the Google Benchmark suite (build-native/core_bench), when built.
#
# Needs build-native and build-web (scripts/test.sh or the cmake presets); builds the plain trainer into them.
# Usage: scripts/bench.sh [SECONDS per run, default 1] [ROUNDS, default 3]
# BPROP=path/to/bprop and BPROP_JS=path/to/bprop.js measure other builds of bprop (an older commit's, say).
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-1}
ROUNDS=${2:-3}
export NODE_PATH=/usr/share/nodejs   # Debian's em++ needs acorn at -O2 and above
NODE="node --no-experimental-fetch"
EIGEN=/usr/include/eigen3
BPROP=${BPROP:-build-native/bprop}
BPROP_JS=${BPROP_JS:-build-web/bprop.js}

for f in "$BPROP" "$BPROP_JS"; do
  [ -e "$f" ] || { echo "bench.sh: no $f: build first (cmake --preset native/web, or scripts/test.sh)" >&2; exit 2; }
done
if [ ! -x build-native/ref_mlp ] || [ bench/ref_mlp.cpp -nt build-native/ref_mlp ]; then
  g++ -O3 -DNDEBUG -I"$EIGEN" bench/ref_mlp.cpp -o build-native/ref_mlp
fi
if [ ! -e build-web/ref_mlp.js ] || [ bench/ref_mlp.cpp -nt build-web/ref_mlp.js ]; then
  em++ -O3 -DNDEBUG -msimd128 -I"$EIGEN" -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 bench/ref_mlp.cpp \
    -o build-web/ref_mlp.js
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run PLATFORM LAYERS BATCH: prints "bprop_sps eigen_sps" (medians over the rounds)
run() {
  link="model=mlp&data=circle&n=500&layers=$2&act=tanh&lr=0.03&batch=$3&opt=sgd"
  cfg="$(echo "$2" | tr , x):$3"
  ours=$(mktemp) ref=$(mktemp)
  r=0
  while [ "$r" -lt "$ROUNDS" ]; do
    if [ "$1" = wasm ]; then
      $NODE "$BPROP_JS" bench "$link" --seconds "$SECONDS_EACH" | sed -n 's/^samples_per_second: //p' >>"$ours"
      $NODE build-web/ref_mlp.js --configs "$cfg" --min-time "$SECONDS_EACH" --trials 1 --warmup 0.3 |
        sed -n 's/.* sps=\([0-9]*\).*/\1/p' >>"$ref"
    else
      "$BPROP" bench "$link" --seconds "$SECONDS_EACH" | sed -n 's/^samples_per_second: //p' >>"$ours"
      build-native/ref_mlp --configs "$cfg" --min-time "$SECONDS_EACH" --trials 1 --warmup 0.3 |
        sed -n 's/.* sps=\([0-9]*\).*/\1/p' >>"$ref"
    fi
    r=$((r + 1))
  done
  echo "$(median <"$ours") $(median <"$ref")"
  rm -f "$ours" "$ref"
}

echo "training samples per second, median of $ROUNDS alternating runs of ${SECONDS_EACH} s; ratio = bprop / plain Eigen"
printf '%-20s | %12s %12s %6s | %12s %12s %6s\n' config "wasm bprop" "plain Eigen" ratio "native bprop" "plain Eigen" ratio
for layers in 8,8 64,64; do
  for batch in 1 10 64; do
    w=$(run wasm "$layers" "$batch")
    n=$(run native "$layers" "$batch")
    echo "$layers $batch $w $n" | awk '{ printf "%-20s | %12.0f %12.0f %5.2fx | %12.0f %12.0f %5.2fx\n",
      "2-" $1 "-1" ", batch " $2, $3, $4, $3 / $4, $5, $6, $5 / $6 }' | sed 's/,\([0-9]\)/-\1/'
  done
done

if [ -x build-native/core_bench ]; then
  echo
  build-native/core_bench --benchmark_min_time=0.5
fi
