#!/usr/bin/env bash
# Sets up replab on a machine with Node 20 and Debian: Debian's Jupyter, Chromium and Python
# reference libraries (skipped when present), the npm packages, the build, and the kernelspec.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(jupyter-notebook jupyter-client jupyter-nbconvert python3-nbclient python3-jupyter-kernel-test
  python3-ipykernel python3-jupyter-server chromium python3-numpy python3-scipy python3-sklearn python3-torch dataset-fashion-mnist)
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "replab setup: installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "replab setup: apt-get not found; Jupyter and Chromium tests need: ${missing[*]}" >&2
  fi
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
node dist/kernel/cli.js install
