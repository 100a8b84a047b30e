#!/usr/bin/env bash
# The whole test suite: set-up, lint (with the import-direction check), typecheck, then every test.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

status=0
npm run --silent lint || status=1
npm run --silent typecheck || status=1
mkdir -p test-artifacts
node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json || status=1
node scripts/print-test-counts.js test-artifacts/vitest.json $status
