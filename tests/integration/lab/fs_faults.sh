#!/bin/bash
# fs faults with the real tools: users of a busy mount are TERMed then KILLed at stop; a device
# mounted at the mount point refuses the start; an fsck failure fails the start; a LABEL= device
# resolves without udev; a hostile mount point is one argument; mkfs refuses a foreign signature.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/fs_lib.sh"
require_root
require_cmd nsenter losetup findmnt mkfs.ext4 mkfs.xfs e2fsck blkid setsid

lab_up 1
DRIVER=fs.ext4 RID=fs#1
dev=$("$lab" disk "$LAB_DIR" data 64M)
other=$("$lab" disk "$LAB_DIR" other 64M)
mnt=$LAB_DIR/n1/mnt/data
kw=("type=ext4" "dev=$dev" "mnt=$mnt" "term_grace=2s")
act 0 n1 provision "${kw[@]}" "mkfs_opt=-L lab_data"
act 0 n1 start "${kw[@]}"

# a process ignoring TERM, with its cwd and an open file on the mount
setsid bash -c 'trap "" TERM; cd "$1"; exec 3>"$1/held"; while :; do sleep 0.2; done' _ "$mnt" \
    </dev/null >/dev/null 2>&1 &
stubborn=$!
defer sh -c "kill -9 $stubborn 2>/dev/null; true"
wait_until 5 test -e "$mnt/held"
act 0 n1 stop "${kw[@]}"
expect_changed 1
expect_log "kill -TERM $stubborn"
expect_log "kill -KILL $stubborn"
! kill -0 "$stubborn" 2>/dev/null || fail "pid $stubborn survived"

# another device mounted at the mount point: start refuses, status warns
mkfs.ext4 -q -F "$other"
mount "$other" "$mnt"  # lab down unmounts whatever a failure leaves
act 1 n1 start "${kw[@]}"
expect_out "is already mounted from $other"
act 0 n1 status "${kw[@]}"
expect_status warn
umount "$mnt"

# the device mounted elsewhere: start refuses
elsewhere=$LAB_DIR/n1/mnt/elsewhere
mkdir -p "$elsewhere"
mount "$dev" "$elsewhere"
act 1 n1 start "${kw[@]}"
expect_out "$dev is already mounted on $elsewhere"
umount "$elsewhere"

# LABEL= without /dev/disk/by-label: blkid finds the device
act 0 n1 start "type=ext4" "dev=LABEL=lab_data" "mnt=$mnt"
expect_changed 1
act 0 n1 status "type=ext4" "dev=LABEL=lab_data" "mnt=$mnt"
expect_status up
act 0 n1 stop "type=ext4" "dev=LABEL=lab_data" "mnt=$mnt"

# a hostile mount point is one argument: created and mounted literally
hostile="$LAB_DIR/n1/mnt/x; touch \$(id -u) #"
act 0 n1 start "type=ext4" "dev=$dev" "mnt=$hostile"
mountpoint -q "$hostile" || fail "hostile mount point not used literally"
act 0 n1 stop "type=ext4" "dev=$dev" "mnt=$hostile"

# mkfs refuses a foreign signature without --confirm
act 1 n1 provision "type=xfs" "dev=$dev" "mnt=$mnt"
expect_out "$dev holds a ext4 signature; refusing to mkfs without --confirm"

# a broken superblock: e2fsck fails, nothing is mounted
dd if=/dev/zero of="$dev" bs=1024 seek=1 count=1 conv=notrunc status=none
act 1 n1 start "${kw[@]}"
expect_out "e2fsck failed with exit code"
! findmnt --mountpoint "$mnt" >/dev/null || fail "mounted despite the fsck failure"
