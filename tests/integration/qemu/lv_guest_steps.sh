#!/bin/sh
# Runs inside the LV guest (lv_guest.sh): vg + lv + fs on /dev/loop0 with real device-mapper,
# each action one harness process. Ends with "SVCAGENT-GUEST: PASS" or "SVCAGENT-GUEST: FAIL ...".
H=/guest/svcagent_tests
VG=guestvg
LV=/dev/$VG/data
MNT=/srv/guest/data

fail() {
    echo "SVCAGENT-GUEST: FAIL $*"
    exit 1
}

# act RC ACTION KEY=VALUE...: one action of $DRIVER; OUT: the harness lines, /tmp/err: the log
act() {
    want=$1 action=$2
    shift 2
    kw=$(printf '%s\n' "$@")
    OUT=$(SVCAGENT_STORAGE_HARNESS=$action SH_DRIVER=$DRIVER SH_RID=$RID SH_NODES="guest peer" \
        SH_KEYWORDS="$kw" SH_CONFIRM=${CONFIRM:-0} SH_FORCE=0 \
        $H --gtest_filter=StorageHarness.RunsOneActionOnTheRealHost --gtest_brief=1 2>/tmp/err)
    rc=$?
    echo "== $DRIVER $action (exit $rc)"
    cat /tmp/err
    echo "$OUT" | grep '^harness: '
    [ "$rc" = "$want" ] || fail "$DRIVER $action: exit $rc, expected $want"
}
expect() { echo "$OUT" | grep -qxF "harness: $1" || fail "$DRIVER: expected '$1'"; }
expect_log() { grep -qF -- "$1" /tmp/err || fail "$DRIVER: the log lacks '$1'"; }

# ocf ARGS...: start, start, status up, stop, stop, status down, then start again
ocf() {
    act 0 start "$@"; expect "changed=1"
    act 0 start "$@"; expect "changed=0"
    act 0 status "$@"; expect "status=up"
    act 0 stop "$@"; expect "changed=1"
    act 0 stop "$@"; expect "changed=0"
    act 0 status "$@"; expect "status=down"
    act 0 start "$@"; expect "changed=1"
}

DRIVER=disk.vg RID=disk#1
VGKW="name=$VG
pvs=/dev/loop0"
act 0 provision "$VGKW"
expect_log "pvcreate /dev/loop0"
expect_log "vgcreate $VG /dev/loop0"
ocf "$VGKW"

DRIVER=disk.lv RID=disk#2
LVKW="name=data
vg=$VG
size=64M"
act 0 status "$LVKW"; expect "status=down"
act 0 provision "$LVKW"
expect_log "lvcreate -y -n data -L 64M $VG"
act 0 stop "$LVKW"  # lvcreate activates it
[ -e "$LV" ] && fail "$LV still present after lvchange -a n"
ocf "$LVKW"
[ -b "$LV" ] || fail "$LV is not a block device"

DRIVER=fs.ext4 RID=fs#1
FSKW="type=ext4
dev=$LV
mnt=$MNT"
act 0 provision "$FSKW"
expect_log "mkfs.ext4 -q $LV"
ocf "$FSKW"
expect_log "e2fsck -p $LV"
echo guest-data >"$MNT/file" || fail "cannot write to $MNT"

# the whole stack down, in stop order: a vg stop with an active lv deactivates it
DRIVER=fs.ext4 RID=fs#1; act 0 stop "$FSKW"; expect "changed=1"
DRIVER=disk.vg RID=disk#1; act 0 stop "$VGKW"; expect "changed=1"
expect_log "vgchange -a n $VG"
expect_log "vgchange --deltag @guest $VG"
DRIVER=disk.lv RID=disk#2; act 0 status "$LVKW"; expect "status=down"
# and up again, in start order: the data survived
DRIVER=disk.vg RID=disk#1; act 0 start "$VGKW"; expect "changed=1"
DRIVER=disk.lv RID=disk#2; act 0 start "$LVKW"; expect "changed=0"  # vgchange -a y activated it
DRIVER=fs.ext4 RID=fs#1; act 0 start "$FSKW"; expect "changed=1"
[ "$(cat "$MNT/file")" = guest-data ] || fail "data lost across stop/start"

# unprovision in stop order, with --confirm
DRIVER=fs.ext4 RID=fs#1; act 1 unprovision "$FSKW"; expect "error: fs#1: unprovision destroys data; add --confirm to proceed"
CONFIRM=1
DRIVER=fs.ext4 RID=fs#1; act 0 unprovision "$FSKW"; expect_log "wipefs -a"
DRIVER=disk.lv RID=disk#2; act 0 unprovision "$LVKW"; expect_log "lvremove -f $VG/data"
DRIVER=disk.vg RID=disk#1; act 0 unprovision "$VGKW"; expect_log "vgremove -f $VG"
vgs $VG >/dev/null 2>&1 && fail "vg $VG still exists"

echo "SVCAGENT-GUEST: PASS"
