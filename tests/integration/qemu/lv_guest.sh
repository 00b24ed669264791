#!/bin/bash
# disk.vg + disk.lv + fs (ext4 on the lv) on real LVM: this kernel has no device-mapper, so the
# OCF sequence runs inside a QEMU guest in software emulation (LAB.md "Real logical volumes").
# The guest boots the Debian kernel package (downloaded once with apt-get download into
# $SVCAGENT_TEST_CACHE/qemu, default /var/cache/svcagent-test/qemu) with a busybox initramfs
# holding lvm, e2fsprogs, util-linux mount/blkid/wipefs and the storage harness (the
# StorageHarness gtest of svcagent_tests, stripped), each with its libraries; the steps script
# (lv_guest_steps.sh) prints "SVCAGENT-GUEST: PASS" or "SVCAGENT-GUEST: FAIL <what>" on the
# console, which this script parses.
. "$(dirname "$0")/../lib.sh"
require_root
require_cmd qemu-system-x86_64 apt-get apt-cache dpkg busybox gzip strip ldd timeout

here=$(cd "$(dirname "$0")" && pwd)
harness=${SVCAGENT_HARNESS_BIN:-$(dirname "${SVCAGENT_BIN:?run through ctest}")/tests/svcagent_tests}
[[ -x $harness ]] || fail "missing $harness (build the svcagent_tests target)"
cache=${SVCAGENT_TEST_CACHE:-/var/cache/svcagent-test}/qemu
mkdir -p "$cache"

# ---- kernel: the current Debian 6.1 image package, downloaded and unpacked once ----
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[[ -n $pkg ]] || skip "no linux-image-amd64 package known to apt"
kdir=$cache/$pkg
if [[ ! -f $kdir/.unpacked ]]; then
    (cd "$cache" && apt-get download "$pkg") >&2 || skip "cannot download $pkg"
    rm -rf "$kdir"
    dpkg -x "$(ls -t "$cache/${pkg}"_*.deb | head -n 1)" "$kdir"
    touch "$kdir/.unpacked"
fi
vmlinuz=$(ls "$kdir"/boot/vmlinuz-* | head -n 1)
moddir=$(ls -d "$kdir"/lib/modules/* | head -n 1)/kernel

# ---- initramfs ----
work=$(mktemp -d "${TMPDIR:-/tmp}/svcagent-qemu.XXXXXX")
defer rm -rf "$work"
root=$work/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,guest,modules}

copy_libs() {  # the shared libraries and the loader of an executable
    local lib
    for lib in $(ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'); do
        [[ -e $root$lib ]] || install -D -m 0755 "$lib" "$root$lib"
    done
}
for tool in /usr/sbin/lvm /usr/sbin/mke2fs /usr/sbin/e2fsck /usr/bin/mount /usr/bin/umount /usr/sbin/blkid \
    /usr/sbin/wipefs; do
    install -D -m 0755 "$tool" "$root$tool"
    copy_libs "$tool"
done
for cmd in pvcreate pvs vgcreate vgchange vgremove vgs lvcreate lvchange lvremove lvs lvmconfig; do
    ln -s lvm "$root/usr/sbin/$cmd"
done
ln -s mke2fs "$root/usr/sbin/mkfs.ext4"
cp /etc/mke2fs.conf "$root/etc/"
strip --strip-debug -o "$root/guest/svcagent_tests" "$harness"
copy_libs "$harness"
install -m 0755 /bin/busybox "$root/bin/busybox"
for applet in sh cat echo grep mkdir mount umount insmod losetup truncate poweroff sleep printf env rm ls \
    dmesg test tr head sync; do
    [[ -e $root/bin/$applet ]] || ln -s busybox "$root/bin/$applet"
done
for mod in drivers/md/dm-mod lib/crc16 crypto/crc32c_generic fs/mbcache fs/jbd2/jbd2 fs/ext4/ext4 \
    drivers/block/loop; do
    [[ -f $moddir/$mod.ko ]] || skip "kernel package lacks $mod.ko"
    cp "$moddir/$mod.ko" "$root/modules/"
done
mkdir -p "$root/etc/lvm-guest"
cat >"$root/etc/lvm-guest/lvm.conf" <<'CONF'
devices { filter = [ "a|^/dev/loop0$|", "r|.*|" ] global_filter = [ "a|^/dev/loop0$|", "r|.*|" ]
          use_devicesfile = 0 obtain_device_list_from_udev = 0 external_device_info_source = "none"
          hints = "none" }
global { locking_dir = "/run/lvm-lock" use_lvmlockd = 0 event_activation = 0 }
activation { udev_sync = 0 udev_rules = 0 monitoring = 0 }
backup { backup = 0 archive = 0 }
CONF
# The harness is the gtest binary: its parameterised suites read their fixtures at start-up, from
# the path compiled in (tests/fixtures of the source tree), so the guest gets them at that path.
# The guest's /init mounts a tmpfs on /tmp (where a fresh clone may live): it bind-mounts
# /guest/fixtures back on the compiled-in path afterwards.
fixtures=$(cd "$here/../../fixtures" && pwd)
cp -r "$fixtures" "$root/guest/fixtures"
printf '%s\n' "$fixtures" >"$root/guest/fixtures.path"
install -m 0755 "$here/lv_guest_init.sh" "$root/init"
install -m 0755 "${SVCAGENT_GUEST_STEPS:-$here/lv_guest_steps.sh}" "$root/guest/steps.sh"  # override: debugging
(cd "$root" && find . | busybox cpio -o -H newc 2>/dev/null) | gzip -1 >"$work/initrd"
log "initramfs $(du -h "$work/initrd" | cut -f1), kernel $pkg"

# ---- boot; the guest powers off when done ----
console=$work/console.log
rc=0
timeout 1200 qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 -nographic -no-reboot -nic none \
    -kernel "$vmlinuz" -initrd "$work/initrd" -append "console=ttyS0 panic=-1 quiet" </dev/null >"$console" 2>&1 ||
    rc=$?
grep -a -E '^(== |harness: |SVCAGENT-GUEST|.*(INFO|WARNING|ERROR) )' "$console" | tr -d '\r' | sed 's/^/  guest: /' >&2 || true
if grep -a -q '^SVCAGENT-GUEST: PASS' "$console"; then
    exit 0
fi
tail -n 40 "$console" | tr -d '\r' | sed 's/^/  console: /' >&2
fail "the guest did not report PASS (qemu exit code $rc)"
