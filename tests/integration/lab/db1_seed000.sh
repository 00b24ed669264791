#!/bin/bash
# Seed 000's db1 shape (SPEC §18.1) relocated between two lab nodes, each with its own dockerd:
# a vg on a shared loop disk, an xfs filesystem on another shared loop disk (this kernel has no
# device-mapper, so no lv), a pause container holding the network namespace, the service address
# plumbed into it (macvlan on br0 standing in for ipvlan-l2: this kernel has no ipvlan), and an
# application container joining that namespace with a volume on the filesystem. Start on n1: the
# address serves from n2; stop on n1; start on n2: the data written on n1 is served from n1;
# print status has the seed's tree shape. Nothing is left behind (lab down removes the rest).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/fs_lib.sh"
require_root
require_cmd nsenter losetup pvcreate vgcreate mkfs.xfs arping findmnt

svcmgr=$(_lib_bin svcmgr)
lab_up 2
expect_rc 0 "$lab" dockerd "$LAB_DIR" n1 n2
"$SVCAGENT_SOURCE_DIR/tests/lab/mkimage" "$LAB_DIR/image.tar"
for node in n1 n2; do
    expect_rc 0 "$lab" exec "$node" "$DOCKER_CLI" import --change 'CMD ["/pause"]' "$LAB_DIR/image.tar" "$TEST_IMAGE"
done
vgdev=$("$lab" disk "$LAB_DIR" vg 64M)
fsdev=$("$lab" disk "$LAB_DIR" data 320M)
mkfs.xfs -q -f "$fsdev"
vg=db1vg$$
expect_rc 0 "$lab" exec n1 pvcreate -q "$vgdev"
expect_rc 0 "$lab" exec n1 vgcreate -q "$vg" "$vgdev"

svc_name=db1
addr=10.231.0.100
mnt=$LAB_DIR/srv/$svc_name/data
for node in n1 n2; do
    mkdir -p "$LAB_DIR/$node/etc"
    cat >"$LAB_DIR/$node/etc/$svc_name.conf" <<CONF
[DEFAULT]
nodes = n1 n2

[disk#0]
name = $vg
pvs = $vgdev
shared = true
type = vg

[fs#1]
dev = $fsdev
mnt = $mnt
shared = true
type = xfs

[ip#0]
gateway = 10.231.0.1
ipdev = br0
ipname = $addr
netmask = 24
netns = container#0
mode = macvlan
type = netns

[container#0]
image = $TEST_IMAGE
rm = true
type = docker

[container#1]
image = $TEST_IMAGE
netns = container#0
rm = true
run_args = -v $mnt/www:/www:rw --init
environment = NODE={nodename}
command = sh -c "echo started on \$NODE >>/www/who && exec httpd -f -p 8080 -h /www"
type = docker
CONF
done
on() {
    local rc=$1 node=$2
    shift 2
    expect_rc "$rc" "$lab" exec "$node" "$svcmgr" -s "$svc_name" "$@"
}
who_from() { "$lab" exec "$1" timeout 5 /bin/busybox wget -O - "http://$addr:8080/who" 2>/dev/null; }
serves() { who_from "$1" | grep -q "started on $2"; }

mkdir -p "$mnt"
on 0 n1 start
[[ $ERR == *"docker run --name=db1.container.1 -v $mnt/www:/www:rw --init --detach --net=container:db1.container.0 -e NODE=n1 $TEST_IMAGE sh -c"* ]] ||
    fail "container#1 run argv differs from the contract"
[[ $ERR == *"macvlan mode"* ]] || fail "ip#0 not plumbed in macvlan mode"
wait_until 15 serves n2 n1
on 0 n1 print status --refresh
for line in "ip#0"*"up"*"netns macvlan $addr/24 br0@container#0" "disk#0"*"up"*"vg $vg" \
    "fs#1"*"up"*"xfs $fsdev@$mnt" "container#0"*"up"*"docker container db1.container.0@$TEST_IMAGE" \
    "container#1"*"up"*"docker container db1.container.1@$TEST_IMAGE"; do
    [[ $OUT == *$line* ]] || fail "status lacks: $line"
done

on 1 n2 start
on 0 n1 stop
! mountpoint -q "$mnt" || fail "fs#1 still mounted after the n1 stop"
expect_rc 0 "$lab" exec n1 "$DOCKER_CLI" ps -aq
[[ -z $OUT ]] || fail "containers left on n1"

on 0 n2 start
wait_until 15 serves n1 n2
[[ $(who_from n1) == *"started on n1"* ]] || fail "the data written on n1 did not follow the service"
on 0 n2 print status --refresh
[[ $OUT == *"n2"*"up"* ]] || fail "db1 not up on n2"
on 0 n2 stop
expect_rc 0 "$lab" exec n2 "$DOCKER_CLI" ps -aq
[[ -z $OUT ]] || fail "containers left on n2"
! mountpoint -q "$mnt" || fail "fs#1 still mounted after the n2 stop"
