#!/bin/bash
# A fresh service (disk.vg + fs.ext4 on lab loop disks) provisioned from nothing with svcmgr, then
# unprovisioned: refused without --confirm, and with it no vg, no filesystem signature and no
# mount point are left (the pv label stays: SPEC §9.3 removes the vg only).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/fs_lib.sh"
require_root
require_cmd nsenter losetup pvcreate vgcreate mkfs.ext4 blkid findmnt

svcmgr=$(_lib_bin svcmgr)
lab_up 1
vgdev=$("$lab" disk "$LAB_DIR" vg 64M)
fsdev=$("$lab" disk "$LAB_DIR" fs 64M)
vg=provvg$$
mnt=$LAB_DIR/srv/p1
mkdir -p "$LAB_DIR/n1/etc"
cat >"$LAB_DIR/n1/etc/p1.conf" <<CONF
[DEFAULT]
nodes = n1

[disk#1]
type = vg
name = $vg
pvs = $vgdev

[fs#1]
type = ext4
dev = $fsdev
mnt = $mnt
CONF
on() {
    local rc=$1
    shift
    expect_rc "$rc" "$lab" exec n1 "$svcmgr" -s p1 "$@"
}
"$lab" exec n1 "$svcmgr" -s p1 provision --dry-run >"$LAB_DIR/probe.out" 2>&1 || true
if grep -q "is not implemented yet" "$LAB_DIR/probe.out"; then
    skip "svcmgr provision is not implemented yet in this build"
fi

on 0 provision
[[ $ERR == *"pvcreate $vgdev"* && $ERR == *"vgcreate $vg $vgdev"* ]] || fail "vg not created"
[[ $ERR == *"mkfs.ext4 -q $fsdev"* ]] || fail "fs not created"
mountpoint -q "$mnt" || fail "$mnt not mounted after provision"
on 0 print status
[[ $OUT == *"vg $vg"*up* || $OUT == *up*"vg $vg"* ]] || fail "vg not up"

on 1 unprovision
[[ $ERR == *"add --confirm to proceed"* ]] || fail "unprovision without --confirm not refused"
mountpoint -q "$mnt" || fail "the refused unprovision changed something"

on 0 unprovision --confirm
[[ $ERR == *"vgremove -f $vg"* && $ERR == *"wipefs -a $fsdev"* ]] || fail "unprovision steps missing"
expect_rc 5 "$lab" exec n1 vgs "$vg"
expect_rc 2 blkid -p "$fsdev"
[[ ! -e $mnt ]] || fail "$mnt left behind"
