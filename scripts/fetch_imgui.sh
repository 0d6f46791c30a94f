#!/bin/sh
# scripts/fetch_imgui.sh [outdir]: puts the Dear ImGui source (upstream 1.90.1, Debian's +ds repack) into
# outdir/imgui (default third_party/imgui). Uses Debian trixie's source archive through apt with private state
# files: /etc/apt is not touched and it works as non-root. The download is checked against the signed InRelease.
#   - IMGUI_DIR set in the environment: that tree is used, nothing is fetched.
#   - outdir/imgui/imgui.h already there: nothing to do.
set -eu
cd "$(dirname "$0")/.."
if [ -n "${IMGUI_DIR:-}" ]; then
  [ -f "$IMGUI_DIR/imgui.h" ] || { echo "fetch_imgui: IMGUI_DIR=$IMGUI_DIR has no imgui.h" >&2; exit 1; }
  echo "fetch_imgui: using IMGUI_DIR=$IMGUI_DIR"
  exit 0
fi
OUT=${1:-third_party}
if [ -f "$OUT/imgui/imgui.h" ]; then
  exit 0
fi
VER=1.90.1+ds-1   # trixie: the Emscripten wheel and input-queue fixes that bookworm's 1.86 lacks
# Reuse the Debian mirror apt is already configured with (no host written into the project).
MIRROR=$(apt-get indextargets --format '$(REPO_URI)' 'Created-By: Packages' 'Origin: Debian' | grep -v -- '-security' | head -n 1)
[ -n "$MIRROR" ] || { echo "fetch_imgui: no Debian mirror configured in apt" >&2; exit 1; }
mkdir -p "$OUT/.apt/lists/partial" "$OUT/.apt/cache/archives/partial"
OUT=$(cd "$OUT" && pwd)
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" > "$OUT/.apt/sources.list"
APT="-o Dir::Etc::SourceList=$OUT/.apt/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$OUT/.apt/lists -o Dir::Cache=$OUT/.apt/cache"
# As root, apt would hand the download to user _apt, who cannot write into this private cache.
[ "$(id -u)" != 0 ] || APT="$APT -o APT::Sandbox::User=root"
echo "fetch_imgui: Dear ImGui $VER from Debian's source archive"
# shellcheck disable=SC2086
apt-get $APT -qq update
cd "$OUT"
# shellcheck disable=SC2086
apt-get $APT -qq source --download-only "imgui=$VER"
# --no-check: only skips the uploader's .dsc signature (debian-keyring is not installed); the files were
# already verified through the signed InRelease. --skip-patches: Debian's patch only adds a Makefile.
rm -rf imgui && dpkg-source --no-check --skip-patches -x "imgui_$VER.dsc" imgui >/dev/null
rm -f imgui_*.dsc imgui_*.tar.*
[ -f imgui/imgui.h ] || { echo "fetch_imgui: extraction failed" >&2; exit 1; }
echo "fetch_imgui: $OUT/imgui"
