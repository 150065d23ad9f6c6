#!/usr/bin/env bash
# Installs the Debian packages a test tier needs, only when something is missing (so a warm
# machine pays nothing). Usage: ensure-packages.sh GROUP...  with GROUP one of:
#   rgw       Ceph mon + osd + radosgw (a real S3 + STS + IAM server) and its helpers
#   keyring   gnome-keyring and a D-Bus session bus (a real Secret Service for keytar)
#   keytar    libsecret headers, to build keytar from source during npm ci
#   browser   Debian's Chromium (driven by playwright-core in the e2e tier) and CJK fonts, so
#             the zh-CN / zh-TW screenshots show characters, not boxes
#   terminal  tmux: a real pseudo-terminal for the CLI's live progress display test
set -euo pipefail

need=()
want() { # command-or-file package
  if [[ $1 == /* ]]; then [ -e "$1" ] || need+=("$2"); else command -v "$1" >/dev/null || need+=("$2"); fi
}
for group in "$@"; do
  case $group in
    rgw) want ceph-mon ceph-mon; want ceph-osd ceph-osd; want radosgw radosgw; want curl curl; want uuidgen uuid-runtime ;;
    keyring) want gnome-keyring-daemon gnome-keyring; want dbus-run-session dbus-daemon; want secret-tool libsecret-tools ;;
    browser) want chromium chromium; want /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc fonts-noto-cjk ;;
    terminal) want tmux tmux ;;
    keytar) want /usr/include/libsecret-1/libsecret/secret.h libsecret-1-dev; want g++ g++; want make make ;;
    *) echo "ensure-packages.sh: unknown group '$group'" >&2; exit 2 ;;
  esac
done
[ ${#need[@]} -eq 0 ] && exit 0

echo "ensure-packages: installing ${need[*]}" >&2
if [ "$(id -u)" != 0 ]; then
  echo "ensure-packages.sh: missing ${need[*]}; run as root or: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists; an update is cheap (~1 s) next to a failed install.
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
