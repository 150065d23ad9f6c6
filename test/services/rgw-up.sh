#!/usr/bin/env bash
# Starts a throwaway single-node Ceph cluster (1 mon, 1 OSD, radosgw; no mgr, no systemd) with
# S3 + STS + IAM on 127.0.0.1, on free ports, in its own directory, and provisions what Ferry's
# tests and demo need:
#   - user "admin" (long-lived keys; a system user, so it can read every object to verify
#     uploads, and may manage users and roles through the IAM API),
#   - user "alice", the sub-account whose long-lived key asks STS for temporary credentials,
#   - buckets "sync-bucket" and "other-bucket",
#   - role "SyncRole" that alice may assume, whose policy allows everything on sync-bucket only.
# Derived from the verified recipe in shared/reference/ceph-rgw (REPORT.md explains each setting).
#
# Usage: RGW_DIR=/tmp/x test/services/rgw-up.sh      (stop with test/services/rgw-down.sh)
# Env:
#   RGW_DIR         state directory (default: a new mktemp dir; printed)
#   RGW_PORT        S3/STS/IAM port (default: a free one)
#   STS_MIN_SECS    shortest STS session RGW grants (default 900, as on AWS; tests lower it to
#                   see tokens expire in seconds)
#   OBJECTSTORE     memstore (default; data in RAM) or bluestore (sparse file; for big data)
#   MEMSTORE_BYTES  memstore capacity (default 4 GiB; RAM is used only as data is written)
# Writes $RGW_DIR/env (shell exports), $RGW_DIR/rgw.json (the same for programs) and
# $RGW_DIR/pids (what rgw-down.sh stops).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/ensure-packages.sh" rgw

DIR=${RGW_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ferry-rgw.XXXXXX")}
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
RGW_PORT=${RGW_PORT:-$(free_port)}
MON_PORT=${MON_PORT:-$(free_port)}
OBJECTSTORE=${OBJECTSTORE:-memstore}
MEMSTORE_BYTES=${MEMSTORE_BYTES:-4294967296}
BLUESTORE_BYTES=${BLUESTORE_BYTES:-21474836480}
STS_MIN_SECS=${STS_MIN_SECS:-900}
# Fixed, public test keys: this cluster exists for minutes, on loopback, with throwaway data.
ADMIN_AK=FERRYADMINKEY0000001
ADMIN_SK=ferry-admin-secret-0000000000000000000001
ALICE_AK=FERRYALICEKEY0000001
ALICE_SK=ferry-alice-secret-0000000000000000000001
STS_KEY=ferrystskey00001 # exactly 16 characters: the AES key RGW encrypts session tokens with
BUCKET=sync-bucket
OTHER_BUCKET=other-bucket
ROLE=SyncRole

t0=$(date +%s%N)
log() { echo "[rgw-up +$(( ($(date +%s%N) - t0) / 1000000 ))ms] $*" >&2; }
[ -f "$DIR/pids" ] && { echo "rgw-up.sh: $DIR/pids exists: a cluster is running there; stop it with rgw-down.sh" >&2; exit 1; }
if [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
  # Only ever wipe a directory that is recognisably one of ours.
  [ -f "$DIR/ceph.conf" ] || { echo "rgw-up.sh: $DIR is not empty and holds no ceph.conf; refusing to wipe it" >&2; exit 1; }
  rm -rf "${DIR:?}"/*
fi
mkdir -p "$DIR"/{run,log,mon.a,osd.0,rgw}
CONF=$DIR/ceph.conf
FSID=$(uuidgen)

cat > "$CONF" <<CONF
[global]
fsid = $FSID
mon host = v2:127.0.0.1:$MON_PORT
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr1 = false
ms bind msgr2 = true
auth cluster required = none
auth service required = none
auth client required = none
# radosgw defaults to 'secure' mon connections, which auth 'none' cannot do (it loops forever)
ms mon client mode = crc secure
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
log file = $DIR/log/\$name.log
chdir = $DIR
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 1000
osd crush chooseleaf type = 0
mon allow pool delete = true

[mon]
mon data = $DIR/mon.\$id
mon data avail warn = 2
mon data avail crit = 1
# commit map changes fast: the 1 s default made radosgw's first start take ~13 s
paxos propose interval = 0.05
paxos min wait = 0.01

[osd]
osd data = $DIR/osd.\$id
osd objectstore = $OBJECTSTORE
memstore device bytes = $MEMSTORE_BYTES
bluestore block create = true
bluestore block size = $BLUESTORE_BYTES
bluestore fsck on mount = false
bluestore fsck on mkfs = false
osd memory target = 1073741824

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw data = $DIR/rgw
rgw enable apis = s3, admin, sts, iam
rgw thread pool size = 64
rgw sts key = $STS_KEY
rgw s3 auth use sts = true
rgw sts min session duration = $STS_MIN_SECS
CONF

: > "$DIR/pids"
start_daemon() { # name cmd...: each daemon runs in the foreground as our child; its PID is recorded
  local name=$1; shift
  "$@" >> "$DIR/log/$name.out" 2>&1 &
  echo "$name $!" >> "$DIR/pids"
}
fail() {
  echo "rgw-up.sh: $1 (log: $2)" >&2; tail -20 "$2" >&2 || true
  RGW_DIR="$DIR" KEEP=1 "$here/rgw-down.sh" >&2 || true
  exit 1
}
wait_for() { # tries, command...
  local tries=$1; shift
  for _ in $(seq 1 "$tries"); do "$@" && return 0; sleep 0.1; done
  return 1
}

monmaptool --create --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_PORT]" "$DIR/monmap" >/dev/null
ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" > "$DIR/log/mon-mkfs.out" 2>&1
start_daemon mon.a ceph-mon -c "$CONF" -i a -f
wait_for 100 ceph -c "$CONF" --connect-timeout 2 mon stat >/dev/null 2>&1 || fail "mon did not answer" "$DIR/log/mon.a.log"
log "mon up on 127.0.0.1:$MON_PORT"

OSD_UUID=$(uuidgen)
OSD_ID=$(ceph -c "$CONF" osd new "$OSD_UUID")
ceph-osd -c "$CONF" -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" > "$DIR/log/osd-mkfs.out" 2>&1 || fail "osd mkfs failed" "$DIR/log/osd-mkfs.out"
start_daemon "osd.$OSD_ID" ceph-osd -c "$CONF" -i "$OSD_ID" -f
osd_up() { ceph -c "$CONF" osd dump 2>/dev/null | grep -q "^osd.$OSD_ID up"; }
wait_for 300 osd_up || fail "osd did not come up" "$DIR/log/osd.$OSD_ID.log"
log "osd.$OSD_ID up ($OBJECTSTORE)"

start_daemon rgw.a radosgw -c "$CONF" -n client.rgw.a -f
s3_up() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$RGW_PORT/")" = 200 ]; }
wait_for 600 s3_up || fail "radosgw did not answer on port $RGW_PORT" "$DIR/log/client.rgw.a.log"
log "S3 answers on http://127.0.0.1:$RGW_PORT"

# --- provisioning -------------------------------------------------------------------------------
admin() { radosgw-admin -c "$CONF" "$@" 2>>"$DIR/log/provision.err"; }
admin user create --uid=admin --display-name=Admin --system --access-key="$ADMIN_AK" --secret-key="$ADMIN_SK" >/dev/null
admin caps add --uid=admin --caps="roles=*;users=*;buckets=*" >/dev/null
admin user create --uid=alice --display-name=Alice --access-key="$ALICE_AK" --secret-key="$ALICE_SK" >/dev/null
s3_admin() { # METHOD PATH: a SigV4-signed call as admin (curl signs it; no AWS CLI needed)
  curl -sf -X "$1" --aws-sigv4 "aws:amz:us-east-1:s3" --user "$ADMIN_AK:$ADMIN_SK" \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "http://127.0.0.1:$RGW_PORT$2" >/dev/null
}
s3_admin PUT "/$BUCKET" || fail "could not create bucket $BUCKET" "$DIR/log/client.rgw.a.log"
s3_admin PUT "/$OTHER_BUCKET" || fail "could not create bucket $OTHER_BUCKET" "$DIR/log/client.rgw.a.log"
TRUST='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam:::user/alice"]},"Action":["sts:AssumeRole"]}]}'
ROLE_POLICY='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::'$BUCKET'","arn:aws:s3:::'$BUCKET'/*"]}]}'
admin role create --role-name="$ROLE" --assume-role-policy-doc="$TRUST" >/dev/null || fail "role create failed" "$DIR/log/provision.err"
admin role-policy put --role-name="$ROLE" --policy-name=SyncBucketAll --policy-doc="$ROLE_POLICY" >/dev/null \
  || fail "role-policy put failed" "$DIR/log/provision.err"
ROLE_ARN="arn:aws:iam:::role/$ROLE"
log "provisioned users admin + alice, buckets $BUCKET + $OTHER_BUCKET, role $ROLE_ARN"

cat > "$DIR/env" <<ENV
export RGW_DIR=$DIR
export CEPH_CONF=$CONF
export S3_ENDPOINT=http://127.0.0.1:$RGW_PORT
export RGW_ADMIN_ACCESS_KEY=$ADMIN_AK
export RGW_ADMIN_SECRET_KEY=$ADMIN_SK
export RGW_USER_ACCESS_KEY=$ALICE_AK
export RGW_USER_SECRET_KEY=$ALICE_SK
export RGW_BUCKET=$BUCKET
export RGW_OTHER_BUCKET=$OTHER_BUCKET
export RGW_ROLE_ARN=$ROLE_ARN
export RGW_STS_MIN_SECS=$STS_MIN_SECS
ENV
cat > "$DIR/rgw.json" <<JSON
{
  "dir": "$DIR",
  "endpoint": "http://127.0.0.1:$RGW_PORT",
  "region": "us-east-1",
  "admin": { "accessKeyId": "$ADMIN_AK", "secretAccessKey": "$ADMIN_SK" },
  "user": { "accessKeyId": "$ALICE_AK", "secretAccessKey": "$ALICE_SK" },
  "bucket": "$BUCKET",
  "otherBucket": "$OTHER_BUCKET",
  "roleArn": "$ROLE_ARN",
  "stsMinSeconds": $STS_MIN_SECS
}
JSON
log "ready: state in $DIR (source $DIR/env)"
echo "$DIR"
