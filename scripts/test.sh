#!/usr/bin/env bash
# The whole test suite: set-up, lint (with the import-direction check), typecheck, then every test.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

# Every temporary folder of the suite is made under one folder of this run, removed when the run ends,
# whatever a test (or a process it killed) left there: repeated runs must not fill the machine's /tmp.
# Notebooks stay in the machine's temp folder (test/helpers/fixtures.ts, notebookDir), and their tests remove them.
export CURSUS_LAB_NOTEBOOK_TMP="${TMPDIR:-/tmp}"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cursus-lab-tests-XXXXXX")
# Open to every user as /tmp is: some tests run nodes as another user.
chmod 1777 "$scratch"
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"

status=0
npm run --silent lint || status=1
npm run --silent typecheck || status=1
mkdir -p test-artifacts
node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json || status=1
node scripts/print-test-counts.js test-artifacts/vitest.json $status
