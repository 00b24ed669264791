#!/bin/bash
# Seed 001's private docker daemon (SPEC §9.6, §18.2) relocated between two lab nodes: the daemon's
# data root lies on the service's ext4 filesystem on a shared loop disk. The image is imported
# through the `docker` passthrough (which starts the daemon); start on n1 runs the container and
# its daemon; stop on n1 stops both ("no more container handled by docker daemon. shut it down")
# and unmounts; start on n2 finds the same container in the moved data root and restarts it by
# id, with the state it wrote on n1. No daemon, mount or container is left behind.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/fs_lib.sh"
require_root
require_cmd nsenter losetup mkfs.ext4 findmnt dockerd

svcmgr=$(_lib_bin svcmgr)
lab_up 2
fsdev=$("$lab" disk "$LAB_DIR" data 256M)
mkfs.ext4 -q -F "$fsdev"
"$SVCAGENT_SOURCE_DIR/tests/lab/mkimage" "$LAB_DIR/image.tar"
svc_name=bb
mnt=$LAB_DIR/srv/$svc_name
for node in n1 n2; do
    mkdir -p "$LAB_DIR/$node/etc"
    cat >"$LAB_DIR/$node/etc/$svc_name.conf" <<CONF
[DEFAULT]
nodes = n1 n2
docker_data_dir = $mnt/appdata
docker_daemon_args = --bridge=none --iptables=false --ip-forward=false --ip-masq=false --userland-proxy=false

[fs#1]
mnt = $mnt
dev = $fsdev
type = ext4

[container#1]
type = docker
run_image = $TEST_IMAGE
command = sh -c "echo started >>/state && exec /pause"
CONF
done
on() {
    local rc=$1 node=$2
    shift 2
    expect_rc "$rc" "$lab" exec "$node" "$svcmgr" -s "$svc_name" "$@"
}
daemon_pid() { cat "$LAB_DIR/$1/var/$svc_name/docker.pid" 2>/dev/null; }
daemon_gone() { local pid; pid=$(daemon_pid "$1") || return 0; ! kill -0 "$pid" 2>/dev/null; }
# whatever happens, no private daemon survives the test (lab down then unmounts and detaches)
defer_kill() { local pid; for n in n1 n2; do pid=$(daemon_pid $n) && kill -TERM "$pid" 2>/dev/null; done; true; }
defer defer_kill

on 1 n1 docker images
[[ $ERR == *"docker data dir $mnt/appdata is on fs#1, which is not up"* ]] || fail "daemon started off its filesystem"
on 0 n1 start --rid fs#1
on 0 n1 docker import --change 'CMD ["/pause"]' "$LAB_DIR/image.tar" "$TEST_IMAGE"
[[ $ERR == *"starting docker daemon"* ]] || fail "the passthrough did not start the private daemon"
[[ $ERR == *"dockerd -H unix://$LAB_DIR/n1/var/$svc_name/docker.sock --data-root $mnt/appdata -p $LAB_DIR/n1/var/$svc_name/docker.pid --exec-root $LAB_DIR/n1/run/dockerx/$svc_name --exec-opt native.cgroupdriver=cgroupfs --bridge=none"* ]] ||
    fail "dockerd argv differs from SPEC §9.6"
on 0 n1 docker images %images%
[[ $OUT == *"svcagent/busybox"* ]] || fail "%images% did not list the image"

on 0 n1 start
[[ $ERR == *"docker -H unix://$LAB_DIR/n1/var/$svc_name/docker.sock run --name=$svc_name.container.1 --detach --net=none $TEST_IMAGE sh -c"* ]] ||
    fail "no run through the private socket"
on 0 n1 print status --refresh
[[ $OUT == *"container#1"*"up"*"docker container $svc_name.container.1@$TEST_IMAGE"* ]] || fail "container#1 not up"
on 0 n1 stop
[[ $ERR == *"no more container handled by docker daemon. shut it down"* ]] || fail "the daemon was not shut down"
wait_until 20 daemon_gone n1
! mountpoint -q "$mnt" || fail "fs#1 still mounted after the n1 stop"

on 0 n2 start
[[ $ERR == *"starting docker daemon"* ]] || fail "no daemon start on n2"
[[ $ERR == *"docker -H unix://$LAB_DIR/n2/var/$svc_name/docker.sock start "* ]] ||
    fail "n2 did not restart the existing container by id"
on 0 n2 docker exec "$svc_name.container.1" cat /state
[[ $(grep -c started <<<"$OUT") == 2 ]] || fail "the container state written on n1 did not follow: $OUT"
on 0 n2 stop
wait_until 20 daemon_gone n2
! mountpoint -q "$mnt" || fail "fs#1 still mounted after the n2 stop"
