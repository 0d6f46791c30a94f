#!/bin/sh
# scripts/setup.sh: installs what this machine lacks to build and test Backprop Playground.
# Debian/Ubuntu packages through apt (as root, or with sudo), the Dear ImGui source from Debian's source archive
# (scripts/fetch_imgui.sh; IMGUI_DIR=/path uses a checkout instead), and playwright-core from npm (it downloads
# no browser: the browser tests drive Debian's chromium). Nothing is downloaded from anywhere else.
# Already-present tools are detected and left alone (an emsdk on PATH counts as Emscripten).
set -eu
cd "$(dirname "$0")/.."

missing=""
need() {  # need <package> <file-or-command>...: queue the package if none of the given paths exist
  pkg=$1
  shift
  for probe in "$@"; do
    case $probe in
      /*) [ -e "$probe" ] && return 0 ;;
      *) command -v "$probe" >/dev/null 2>&1 && return 0 ;;
    esac
  done
  missing="$missing $pkg"
}

need cmake cmake
need ninja-build ninja
need g++ g++
need clang-14 clang++-14
need libclang-rt-14-dev /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a /usr/lib/llvm-14/lib/clang/14/lib/linux/libclang_rt.fuzzer-x86_64.a
need libgtest-dev /usr/include/gtest/gtest.h
need libbenchmark-dev /usr/include/benchmark/benchmark.h
need libeigen3-dev /usr/include/eigen3/Eigen/Core
need nlohmann-json3-dev /usr/include/nlohmann/json.hpp
need nodejs node
need npm npm
need emscripten em++
need python3 python3
need python3-fonttools /usr/lib/python3/dist-packages/fontTools/subset/__init__.py   # the UI font's subset
need python3-numpy /usr/lib/python3/dist-packages/numpy/__init__.py                  # runs the NumPy export in its test
need fonts-noto-core /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf             # Noto Sans and Noto Sans Math
need fonts-nanum /usr/share/fonts/truetype/nanum/NanumGothic.ttf                 # NanumGothic: the Korean UI font
need chromium /usr/bin/chromium
need terser /usr/bin/terser                                                         # minifies the page's JavaScript

if [ -n "$missing" ]; then
  echo "setup: installing:$missing"
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: please install (as root): apt-get install$missing" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
./scripts/fetch_imgui.sh

if [ ! -d node_modules/playwright-core ]; then
  echo "setup: npm packages (playwright-core)"
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # belt and braces: playwright-core never downloads one anyway
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
echo "setup: toolchain ready"
