#!/bin/bash
# disk.vg on a shared loop disk of a 2-node lab, real LVM with the lab's per-node LVM_SYSTEM_DIR:
# provision (pvcreate + vgcreate), the OCF sequence start, start, status, stop, stop, status,
# the split-brain guard (n2 refuses while n1's tag is on the vg; --force takes over and says so),
# and unprovision (refused without --confirm).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/fs_lib.sh"
require_root
require_cmd nsenter losetup pvcreate vgcreate vgchange vgremove lvmconfig blkid

lab_up 2
dev=$("$lab" disk "$LAB_DIR" vgdisk 64M)
DRIVER=disk.vg RID=disk#1 NODES="n1 n2"
vg=labvg$$
kw=("name=$vg" "pvs=$dev")
tags() { "$lab" exec "$1" vgs --noheadings -o vg_tags "$vg" | tr -d ' '; }

act 1 n1 start "${kw[@]}"
expect_out "vg $vg not found"
act 0 n1 provision "${kw[@]}"
expect_log "pvcreate $dev"
expect_log "vgcreate $vg $dev"

act 0 n1 start "${kw[@]}"
expect_changed 1
expect_log "vgchange --addtag @n1 $vg"
expect_log "vgchange -a y $vg"
[[ $(tags n2) == n1 ]] || fail "n2 sees tags '$(tags n2)'"
act 0 n1 start "${kw[@]}"
expect_changed 0
expect_log "vg $vg is already up"
act 0 n1 status "${kw[@]}"
expect_status up

# split brain: n2 refuses while n1's tag is on the vg
act 1 n2 start "${kw[@]}"
expect_out "vg $vg is tagged by n1: it may be active there; stop it on n1 or use --force"
[[ $(tags n1) == n1 ]] || fail "the refused start changed the tags: '$(tags n1)'"
act 0 n2 status "${kw[@]}"
expect_status down
FORCE=1 act 0 n2 start "${kw[@]}"
expect_log "taking over vg $vg from n1"
expect_log "vgchange --deltag @n1 $vg"
[[ $(tags n1) == n2 ]] || fail "after the take-over n1 sees tags '$(tags n1)'"
act 0 n2 stop "${kw[@]}"
expect_changed 1

act 0 n1 start "${kw[@]}"
act 0 n1 stop "${kw[@]}"
expect_changed 1
expect_log "vgchange --deltag @n1 $vg"  # no lv here (no device-mapper): nothing to deactivate
[[ -z $(tags n2) ]] || fail "tags left: '$(tags n2)'"
act 0 n1 stop "${kw[@]}"
expect_changed 0
expect_log "vg $vg is already down"
act 0 n1 status "${kw[@]}"
expect_status down

# dry run: the plan, no change
DRY_RUN=1 act 0 n1 start "${kw[@]}"
expect_log "vgchange --addtag @n1 $vg"
[[ -z $(tags n1) ]] || fail "dry run changed the tags"

act 1 n1 unprovision "${kw[@]}"
expect_out "unprovision destroys data; add --confirm to proceed"
CONFIRM=1 act 0 n1 unprovision "${kw[@]}"
expect_log "vgremove -f $vg"
expect_rc 5 "$lab" exec n1 vgs "$vg"
