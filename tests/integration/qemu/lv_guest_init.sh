#!/bin/sh
# /init of the LV guest (lv_guest.sh): mounts, device-mapper and ext4 modules, one loop "disk",
# then the steps; always powers off.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
mount -t tmpfs run /run
if [ -f /guest/fixtures.path ]; then  # the harness's fixtures at their compiled-in path (lv_guest.sh)
    fixtures=$(cat /guest/fixtures.path)
    mkdir -p "$fixtures"
    mount -o bind /guest/fixtures "$fixtures"
fi
mkdir -p /run/lvm-lock /run/mount
for mod in dm-mod crc16 crc32c_generic mbcache jbd2 ext4 loop; do
    insmod /modules/$mod.ko || echo "SVCAGENT-GUEST: FAIL insmod $mod"
done
truncate -s 256M /tmp/disk.img
losetup /dev/loop0 /tmp/disk.img || echo "SVCAGENT-GUEST: FAIL losetup"
export OSVC_NODENAME=guest LVM_SYSTEM_DIR=/etc/lvm-guest LVM_SUPPRESS_FD_WARNINGS=1 BLKID_FILE=/tmp/blkid.tab
sh /guest/steps.sh
sync
poweroff -f
