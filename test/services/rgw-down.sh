#!/usr/bin/env bash
# Stops a cluster started by rgw-up.sh: only the PIDs it recorded, and only if each still runs
# this cluster's config (a PID may have been recycled). radosgw first, then the OSD, then the mon;
# SIGTERM with up to 10 s each, then SIGKILL. FAST=1 sends SIGKILL at once (memstore has nothing
# to save). Removes the directory unless KEEP=1 (to read the logs).
# Usage: RGW_DIR=/tmp/x test/services/rgw-down.sh
set -u
DIR=${RGW_DIR:?set RGW_DIR to the directory rgw-up.sh printed}
[ -f "$DIR/pids" ] || { echo "rgw-down: no $DIR/pids; nothing to stop" >&2; exit 0; }
sig=TERM; [ "${FAST:-0}" = 1 ] && sig=KILL
# An exited daemon lingers as a zombie until its parent reaps it; count that as stopped.
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [ -n "$st" ] && [ "${st#Z}" = "$st" ]; }
tac "$DIR/pids" | while read -r name pid; do
  if alive "$pid" && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$DIR/ceph.conf"; then
    kill -"$sig" "$pid" 2>/dev/null
    for _ in $(seq 1 200); do alive "$pid" || break; sleep 0.05; done
    if alive "$pid"; then echo "rgw-down: $name ($pid) ignored SIGTERM for 10 s; killing" >&2; kill -KILL "$pid"; fi
  fi
done
rm -f "$DIR/pids"
[ "${KEEP:-0}" = 1 ] || rm -rf "$DIR"
