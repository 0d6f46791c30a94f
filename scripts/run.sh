#!/bin/sh
# scripts/run.sh: builds the page and serves it on this machine. Installs what is missing (scripts/setup.sh),
# builds the web preset's `playground` target into build-web/www (a self-contained static folder), then serves
# that folder on 127.0.0.1 (PORT, default 8080; another free port when that one is taken). Ctrl+C stops it.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh

export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs acorn to link at -O2 and above
cmake --preset web >/dev/null
cmake --build --preset web --target playground

port=${PORT:-8080}
free() { python3 -c 'import socket, sys; socket.socket().bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }
if ! free "$port"; then
  taken=$port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "run: port $taken is in use, using $port"
fi
echo "Backprop Playground: http://127.0.0.1:$port/"
exec python3 -m http.server --bind 127.0.0.1 "$port" --directory build-web/www
