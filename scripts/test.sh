#!/usr/bin/env bash
# The full test suite: build, then every vitest suite (units, kernel over ZeroMQ, notebooks, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
npx vitest run "$@"
