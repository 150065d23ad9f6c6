#!/usr/bin/env bash
# `npm run demo`: on a fresh Debian/Ubuntu machine, installs and starts a local Ceph S3 + STS,
# provisions a user and a role, writes a Ferry config for a sample folder, and runs
# `ferry check` on it: a real AssumeRole with the session policy Ferry generates, and the
# token's expiry. The cluster is stopped on exit. (The sync engine and the web UI join this
# demo as they land.)
set -euo pipefail
cd "$(dirname "$0")/../.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

bash test/services/ensure-packages.sh keytar rgw
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx tsc -b

dir=$(mktemp -d "${TMPDIR:-/tmp}/ferry-demo.XXXXXX")
trap 'RGW_DIR="$dir/rgw" FAST=1 bash test/services/rgw-down.sh; rm -rf "$dir"' EXIT
echo "Starting a local Ceph RGW (S3 + STS + IAM)…"
RGW_DIR="$dir/rgw" STS_MIN_SECS=60 bash test/services/rgw-up.sh >/dev/null
# shellcheck disable=SC1091
source "$dir/rgw/env"

mkdir -p "$dir/sample"
echo "hello from Ferry" > "$dir/sample/hello.txt"
cat > "$dir/ferry.yaml" <<YAML
profiles:
  - id: local-ceph
    endpoint: $S3_ENDPOINT
    forcePathStyle: true
    credentials:
      source: assume-role
      accessKeyId: $RGW_USER_ACCESS_KEY
      roleArn: $RGW_ROLE_ARN
      roleSessionName: ferry-demo
      durationSeconds: 900
folders:
  - id: sample
    path: $dir/sample
    profile: local-ceph
    bucket: $RGW_BUCKET
    prefix: demo/
YAML
echo "Config written to $dir/ferry.yaml:"
sed 's/^/  /' "$dir/ferry.yaml"
echo
# The sub-account secret would live in the OS keychain (\`ferry secret set local-ceph\`); the
# demo passes it the headless way.
FERRY_SECRET_LOCAL_CEPH=$RGW_USER_SECRET_KEY node out/main/cli/ferry.js check --config "$dir/ferry.yaml"
