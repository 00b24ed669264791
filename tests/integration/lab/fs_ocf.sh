#!/bin/bash
# fs on ext4, xfs and btrfs over a shared loop disk of the lab: provision (mkfs on an empty
# device), then the OCF sequence start, start, status, stop, stop, status, with the real tools.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/fs_lib.sh"
require_root
require_cmd nsenter losetup findmnt mkfs.ext4 mkfs.xfs mkfs.btrfs e2fsck blkid wipefs

lab_up 1
for type in ext4 xfs btrfs; do
    dev=$("$lab" disk "$LAB_DIR" "$type" 320M)  # xfs wants >= 300 MB
    mnt=$LAB_DIR/n1/mnt/$type
    DRIVER=fs.$type RID=fs#1
    kw=("type=$type" "dev=$dev" "mnt=$mnt")

    act 0 n1 provision "${kw[@]}"
    expect_log "mkfs.$type -q $dev"
    act 0 n1 provision "${kw[@]}"
    expect_log "$dev already holds a $type filesystem"

    act 0 n1 start "${kw[@]}"
    expect_changed 1
    expect_log "create missing mountpoint $mnt"
    [[ $(findmnt -n -o SOURCE --mountpoint "$mnt") == "$dev"* ]] || fail "$dev is not mounted on $mnt"
    [[ $type != ext4 ]] || expect_log "e2fsck -p $dev"
    act 0 n1 start "${kw[@]}"
    expect_changed 0
    expect_log "$type $dev@$mnt is already mounted"
    act 0 n1 status "${kw[@]}"
    expect_status up

    act 0 n1 stop "${kw[@]}"
    expect_changed 1
    expect_log "umount $mnt"
    ! findmnt --mountpoint "$mnt" >/dev/null || fail "$mnt still mounted"
    act 0 n1 stop "${kw[@]}"
    expect_changed 0
    expect_log "is already umounted"
    act 0 n1 status "${kw[@]}"
    expect_status down

    CONFIRM=1 act 0 n1 unprovision "${kw[@]}"
    expect_log "wipefs -a $dev"
    [[ ! -e $mnt ]] || fail "unprovision left $mnt"
    expect_rc 2 blkid -p "$dev"  # no signature left
done
