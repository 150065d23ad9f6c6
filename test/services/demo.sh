#!/usr/bin/env bash
# `npm run demo` (the README's "run it" command): on a fresh Debian/Ubuntu machine, installs and
# starts a local Ceph S3 + STS + IAM, provisions a user and a role, creates a sample folder,
# writes a Ferry config for it and runs `ferry serve`: open the printed URL and watch the files
# upload, with the token's live expiry. Drop more files on the page or into the folder.
# Ctrl+C stops Ferry and the cluster and removes the demo's temporary files.
#   FERRY_DEMO_PORT=N   the web UI's port (default 7421; 0 picks a free one)
set -euo pipefail
cd "$(dirname "$0")/../.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

bash test/services/ensure-packages.sh keytar rgw
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
echo "Building Ferry…"
npm run --silent build >/dev/null

dir=$(mktemp -d "${TMPDIR:-/tmp}/ferry-demo.XXXXXX")
trap 'RGW_DIR="$dir/rgw" FAST=1 bash test/services/rgw-down.sh >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
echo "Starting a local Ceph RGW (S3 + STS + IAM)…"
# Short-lived tokens (3 minutes) so the demo shows a refresh within a few minutes.
RGW_DIR="$dir/rgw" STS_MIN_SECS=60 bash test/services/rgw-up.sh >/dev/null
# shellcheck disable=SC1091
source "$dir/rgw/env"

sample="$dir/sample"
mkdir -p "$sample/docs" "$sample/photos"
echo "hello from Ferry" > "$sample/hello.txt"
printf '# Notes\n\nFerry uploads every change in this folder.\n' > "$sample/docs/notes.md"
for i in 1 2 3 4 5; do head -c $((200 * 1024)) /dev/urandom > "$sample/photos/photo-$i.jpg"; done
# A large file, to show a multipart upload with its progress bar.
head -c $((48 * 1024 * 1024)) /dev/urandom > "$sample/video.mp4"

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
      durationSeconds: 180
      minDurationSeconds: 60
folders:
  - id: sample
    path: $sample
    profile: local-ceph
    bucket: $RGW_BUCKET
    prefix: demo/
stateDir: $dir/state
YAML
echo "Sample folder: $sample"
echo "Config:        $dir/ferry.yaml"
echo
# The sub-account secret would live in the OS keychain (\`ferry secret set local-ceph\`, or the
# Credentials page); the demo passes it the headless way.
FERRY_SECRET_LOCAL_CEPH=$RGW_USER_SECRET_KEY node out/cli/ferry.js serve \
  --config "$dir/ferry.yaml" --port "${FERRY_DEMO_PORT:-7421}"
