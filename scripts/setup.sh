#!/usr/bin/env bash
# Sets up replab on a machine with Node 20 and Debian: Debian's Jupyter, Chromium, Python
# reference libraries and OpenBLAS (skipped when present), the npm packages, the build, and the kernelspec.
set -euo pipefail
cd "$(dirname "$0")/.."

# build-essential, pkg-config and libopenblas-dev: `npm run build` builds the MLP step's native
# OpenBLAS engine with them (without them it says so and the step runs on WebAssembly).
DEBIAN_PACKAGES=(jupyter-notebook jupyter-client jupyter-nbconvert python3-nbclient python3-jupyter-kernel-test
  python3-ipykernel python3-jupyter-server chromium python3-numpy python3-scipy python3-sklearn python3-torch
  dataset-fashion-mnist build-essential pkg-config libopenblas-dev)
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "replab setup: installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "replab setup: apt-get not found; Jupyter and Chromium tests need: ${missing[*]}" >&2
  fi
fi

# For the tests only (tests/gpu run the webgpu backend without a GPU): Mesa's lavapipe, a software
# Vulkan device. Dawn needs Mesa >= 25 (bookworm's 22.3 gives it no adapter), so on bookworm it
# comes from bookworm-backports. A user with a GPU needs that GPU's Vulkan driver instead (README, "Backends").
MESA_MIN=25
mesa=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)
if command -v apt-get >/dev/null 2>&1 && ! { [ -n "$mesa" ] && dpkg --compare-versions "$mesa" ge "$MESA_MIN"; }; then
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  release=()
  if [ "$codename" = bookworm ]; then
    if ! grep -rqsE '^[^#]*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      echo "replab setup: adding bookworm-backports to the apt sources (for mesa-vulkan-drivers >= $MESA_MIN)"
      echo "deb http://deb.debian.org/debian bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
    fi
    release=(-t bookworm-backports)
  fi
  echo "replab setup: installing mesa-vulkan-drivers ${release[*]} (lavapipe, for the webgpu tests)"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${release[@]}" mesa-vulkan-drivers
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
node dist/kernel/cli.js install
