#!/usr/bin/env bash
# Sets up a workstation or CI machine: system tools (Debian/Ubuntu, when run as root), npm dependencies,
# and the llama-server sidecar built offline from the llama.cpp source node-llama-cpp ships (cached in
# ~/.cache/semioscope, keyed by that source's commit). Safe to run again: it skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: ffmpeg (decoding), cmake/ninja/g++/git (llama-server build), poppler-utils (PDF checks in
# tests), espeak-ng + sox (synthetic speech in tests), chromium (renderer tests), opencv-doc (a real photo).
packages=(ffmpeg cmake ninja-build g++ git poppler-utils espeak-ng sox chromium opencv-doc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

# npm dependencies, reinstalled only when package-lock.json changed.
stamp=node_modules/.semioscope-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

npm run --silent build:llama
