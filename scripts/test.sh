#!/usr/bin/env bash
# The full test suite: build, then every vitest suite (units, kernel over ZeroMQ, notebooks, browser).
# Ends with one plain line "tests: N passed, N failed" (", N skipped" when any) for CI logs.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
mkdir -p test-artifacts
summary=test-artifacts/vitest-results.json
rm -f "$summary"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$summary" "$@" || status=$?
if [ -f "$summary" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$summary"
fi
exit "$status"
