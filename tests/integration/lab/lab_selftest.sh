#!/bin/bash
# The lab itself (tests/lab/lab): two nodes that ping and ssh each other with pinned keys, a
# shared loop disk both see, LVM on n1 that sees only the lab's disk while its metadata (vg,
# tag) is read from n2, and a `lab down` that leaves no namespace, loop, route or process.
. "$(dirname "$0")/../lib.sh"
require_root
require_cmd ip nsenter unshare losetup truncate ssh ssh-keygen /usr/sbin/sshd pvcreate vgcreate ping findmnt

lab=$SVCAGENT_SOURCE_DIR/tests/lab/lab
LAB_DIR=$(mktemp -d /tmp/svl.XXXX)
export LAB_DIR
defer "$lab" down "$LAB_DIR"

expect_rc 0 "$lab" up 2 "$LAB_DIR"
expect_rc 0 "$lab" up 2 "$LAB_DIR"  # idempotent
expect_rc 1 "$lab" up 3 "$LAB_DIR"  # refuses to resize a running lab

# network: inside the lab only; the root namespace cannot reach it (guard route)
expect_rc 0 "$lab" exec n1 ping -c 1 -W 2 10.231.0.12
expect_rc 0 "$lab" exec n2 ping -c 1 -W 2 10.231.0.11
expect_rc 0 ip route show 10.231.0.0/24
expect_out "unreachable 10.231.0.0/24"
expect_rc 2 ping -c 1 -W 1 10.231.0.12
expect_rc 0 "$lab" exec n1 hostname
[[ $OUT == n1 ]] || fail "hostname in n1 is '$OUT'"

# ssh n1 -> n2 with the lab's pinned host keys; an unknown host key is refused
expect_rc 0 "$lab" exec n1 ssh -F "$LAB_DIR/n1/ssh/config" n2 hostname
[[ $OUT == n2 ]] || fail "ssh n1->n2 hostname gave '$OUT'"
expect_rc 0 "$lab" exec n1 ssh -F "$LAB_DIR/n1/ssh/config" n2 printenv OSVC_NODENAME OSVC_ROOT
[[ $OUT == "n2"$'\n'"$LAB_DIR/n2" ]] || fail "ssh session env of n2: '$OUT'"
expect_rc 255 "$lab" exec n1 ssh -F "$LAB_DIR/n1/ssh/config" -o UserKnownHostsFile=/dev/null n2 true

# a shared disk: what n1 writes, n2 reads
dev=$("$lab" disk "$LAB_DIR" d1 64M)
[[ $dev == /dev/loop* ]] || fail "lab disk printed '$dev'"
expect_rc 0 "$lab" exec n1 sh -c "printf svcagent-lab-marker | dd of=$dev bs=512 seek=4096 conv=notrunc status=none"
expect_rc 0 "$lab" exec n2 sh -c "dd if=$dev bs=512 skip=4096 count=1 status=none | tr -d '\\000'"
[[ $OUT == svcagent-lab-marker* ]] || fail "n2 does not read what n1 wrote on $dev"

# LVM sees the lab disk only, not another loop of this host
outside=$(new_loop 16M)
expect_rc 0 "$lab" exec n1 pvs -a --noheadings -o pv_name,pv_attr  # pv_name alone lists no non-PV device
[[ $(echo $OUT) == "$dev ---" ]] || fail "LVM in n1 sees '$OUT', expected only $dev (not $outside)"
expect_rc 0 "$lab" exec n1 pvcreate "$dev"
expect_rc 0 "$lab" exec n1 vgcreate labvg "$dev"
expect_rc 0 "$lab" exec n1 vgchange --addtag @n1 labvg
expect_rc 0 "$lab" exec n2 vgs --noheadings -o vg_name,vg_tags labvg
[[ $(echo $OUT) == "labvg n1" ]] || fail "n2 sees '$OUT', expected labvg tagged n1"
[[ -s $LAB_DIR/n1/lvm/backup/labvg ]] || fail "vg metadata backup is not in the lab dir"

# down removes everything, and is idempotent
expect_rc 0 "$lab" down "$LAB_DIR"
expect_rc 0 "$lab" down "$LAB_DIR"
for ns in labsw n1 n2; do
    [[ ! -e /run/netns/$ns ]] || fail "namespace $ns left behind"
done
[[ -z $(losetup -n -l -O NAME,BACK-FILE | grep -F "$LAB_DIR/") ]] || fail "loop device left behind"
[[ -z $(ip route show 10.231.0.0/24) ]] || fail "guard route left behind"
[[ ! -e $LAB_DIR ]] || fail "$LAB_DIR left behind"
if pgrep -f "$LAB_DIR/" >/dev/null; then
    fail "processes left behind: $(pgrep -af "$LAB_DIR/")"
fi
