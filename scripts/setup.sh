#!/usr/bin/env bash
# Sets up a workstation or CI machine: system tools (Debian/Ubuntu, when run as root), npm dependencies,
# and the llama-server sidecar built offline from the llama.cpp source node-llama-cpp ships (cached in
# ~/.cache/semioscope, keyed by that source's commit). Safe to run again: it skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: ffmpeg (decoding), cmake/ninja/g++/git (llama-server build), poppler-utils (PDF checks in
# tests), espeak-ng + sox (synthetic speech in tests), opencv-doc (a real photo of a person for pose tests),
# strace + iproute2 + util-linux (the tests that prove an analysis opens no connection but loopback),
# chromium (the review app driven in a browser through playwright-core), fonts-noto-cjk (Chinese, Japanese and
# Korean text in the PDF report), mesa-vulkan-drivers (llvmpipe, the software Vulkan device of the GPU test).
packages=(ffmpeg cmake ninja-build g++ git poppler-utils espeak-ng sox opencv-doc strace iproute2 util-linux chromium fonts-noto-cjk mesa-vulkan-drivers)
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

# npm dependencies from the committed lock, reinstalled only when package-lock.json changed. `npm install`
# rather than `npm ci`: the registry reachable here lacks node-llama-cpp 3.22.1's optional prebuilt packages
# for macOS, Windows and riscv64, which keeps them out of the lock, and `npm ci` then refuses the lock as
# "out of sync". `npm install` installs the same locked tree (and never needs those other platforms' files).
stamp=node_modules/.semioscope-lock.sha256
want=$(sha256sum package-lock.json package.json | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # better-sqlite3 is compiled by node-gyp, which downloads Node's C headers from nodejs.org unless told
  # where they are: point it at the headers installed with this Node (same major version), so an air-gapped
  # machine and a user with an empty home directory (no ~/.npmrc) build it too.
  if [ -z "${npm_config_nodedir:-}" ]; then
    node_major=$(node -p 'process.versions.node.split(".")[0]')
    for d in "$(dirname "$(dirname "$(command -v node)")")" /usr /usr/local; do
      h="$d/include/node/node_version.h"
      if [ -f "$d/include/node/common.gypi" ] && [ -f "$h" ] && grep -q "define NODE_MAJOR_VERSION $node_major\$" "$h"; then
        export npm_config_nodedir="$d"; break
      fi
    done
    # An npm setting of the machine's own (nodedir in an npmrc) is honoured too.
    if [ -z "${npm_config_nodedir:-}" ]; then
      configured=$(npm config get nodedir 2>/dev/null || true)
      if [ -n "$configured" ] && [ "$configured" != "undefined" ] && [ -f "$configured/include/node/node_version.h" ]; then
        export npm_config_nodedir="$configured"
      fi
    fi
    if [ -z "${npm_config_nodedir:-}" ]; then
      echo "setup: Node's C headers for Node $node_major are missing (needed to build better-sqlite3 offline)." >&2
      echo "setup: install them with Node (Debian/Ubuntu: the nodejs-dev or libnode-dev package of this Node;" >&2
      echo "setup: a nodejs.org tarball has include/node), or set npm_config_nodedir to a folder with include/node." >&2
      exit 1
    fi
  fi
  echo "setup: Node headers for native modules: $npm_config_nodedir/include/node"
  npm install --no-audit --no-fund
  echo "$want" > "$stamp"
fi

npm run --silent build:llama
