#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: works on a fresh Debian/Ubuntu machine.
#  1. installs what the tiers need (apt packages; npm packages when node_modules is missing or
#     older than the lockfile),
#  2. type-checks and lints,
#  3. runs every vitest tier (unit; integration against a real Ceph RGW; e2e: the built UI in
#     Debian's Chromium on `ferry serve`, and `npm run demo`) inside a private D-Bus session with
#     an unlocked gnome-keyring,
#  4. ends with one line: "N passed, N failed[, N skipped]", counting typecheck and lint as one
#     check each, and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# Electron's postinstall would download a binary from outside the npm registry.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

bash test/services/ensure-packages.sh keytar rgw keyring browser terminal || exit 1
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund || exit 1
fi

passed=0 failed=0 skipped=0
check() { # name command...
  echo "== $1"
  if "${@:2}"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1"; fi
}
check typecheck npx tsc -b --pretty
check lint npm run --silent lint

summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
echo "== vitest (unit, integration, e2e)"
FERRY_SUMMARY_FILE=$summary bash test/services/with-keyring.sh npx vitest run --config test/vitest.config.ts "$@"
vitest_status=$?
if [ -s "$summary" ]; then
  read -r p f s < "$summary"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  # vitest failing without a failed test (e.g. a crash in global setup) is still a failure.
  [ "$vitest_status" -ne 0 ] && [ "$f" -eq 0 ] && failed=$((failed + 1))
else
  failed=$((failed + 1)); echo "FAILED: vitest did not finish (exit $vitest_status)"
fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo
echo "$line"
[ "$failed" -eq 0 ]
