#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keychain code
# talks to a real Secret Service (the one a Linux desktop has) without touching the user's own.
# Usage: with-keyring.sh COMMAND [ARGS...]
# The keyring lives in a temporary XDG_DATA_HOME removed afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/ensure-packages.sh" keyring

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ferry-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/runtime"
chmod 700 "$scratch/runtime"
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime"

# --unlock with a password on stdin is what makes a headless keyring usable: without it every
# access waits for a GUI prompt (gcr-prompter: cannot open display). The password only protects
# this throwaway keyring.
# dbus-daemon's "Failed to set fd limit" line is harmless noise and is filtered out.
dbus-run-session -- bash -c '
  eval "$(printf %s ferry-test-keyring | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  "$@"
' with-keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
