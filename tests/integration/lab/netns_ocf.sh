#!/bin/bash
# ip.netns on a real engine in the lab (SPEC §9.2): a pause container on n1's own dockerd, the
# service address plumbed into its namespace, an httpd container sharing that namespace. For each
# mode this kernel supports (bridge on n1's br0, macvlan on br0): start, the address answers ping
# and HTTP from n2, status up, start again changes nothing, stop removes it, stop again. ipvlan
# runs only where `ip link add ... type ipvlan` works; otherwise the test says so and checks the
# agent's error and rollback.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/fs_lib.sh"
require_root
require_cmd nsenter arping ping

svcmgr=$(_lib_bin svcmgr)
lab_up 2
expect_rc 0 "$lab" dockerd "$LAB_DIR" n1
"$SVCAGENT_SOURCE_DIR/tests/lab/mkimage" "$LAB_DIR/image.tar"
expect_rc 0 "$lab" exec n1 "$DOCKER_CLI" import --change 'CMD ["/pause"]' "$LAB_DIR/image.tar" "$TEST_IMAGE"
addr=10.231.0.100
svc_name=web1
conf=$LAB_DIR/n1/etc/$svc_name.conf
mkdir -p "$LAB_DIR/n1/etc"

write_conf() {
    cat >"$conf" <<CONF
[DEFAULT]
nodes = n1 n2

[container#0]
type = docker
image = $TEST_IMAGE
rm = true

[ip#0]
type = netns
netns = container#0
ipname = $addr
ipdev = br0
netmask = 24
gateway = 10.231.0.1
mode = $1

[container#1]
type = docker
image = $TEST_IMAGE
netns = container#0
command = httpd -f -p 8080 -h /etc
run_args = --init
rm = true
CONF
}
on() {
    local rc=$1 node=$2
    shift 2
    expect_rc "$rc" "$lab" exec "$node" "$svcmgr" -s "$svc_name" "$@"
}
answers() { "$lab" exec n2 ping -c 1 -W 1 "$addr"; }
serves() { "$lab" exec n2 timeout 5 /bin/busybox wget -O - "http://$addr:8080/passwd" 2>/dev/null | grep -q "^root:"; }  # wget -q -T segfaults in this busybox

for mode in bridge macvlan; do
    log "mode $mode"
    write_conf "$mode"
    on 0 n1 start
    [[ $ERR == *"$mode mode"* ]] || fail "no '$mode mode' line"
    [[ $ERR == *"checking $addr availability"* ]] || fail "no availability check"
    [[ $ERR == *"ip route replace default via 10.231.0.1"* ]] || fail "no default route"
    wait_until 10 answers
    wait_until 10 serves
    on 0 n1 print status --refresh
    [[ $OUT == *"ip#0"*"up"*"netns $mode $addr/24 br0@container#0"* ]] || fail "ip#0 not up in status"
    on 0 n1 start
    [[ $ERR == *"container $svc_name.container.0 is already started"* ]] || fail "second start changed something"
    [[ $ERR == *"$addr is already up on eth0"* ]] || fail "second start re-plumbed the address"
    on 0 n1 stop
    [[ $ERR == *"ip addr del $addr/24 dev eth0"* ]] || fail "no address removal"
    ! answers || fail "$addr still answers after stop"
    on 0 n1 stop
    [[ $ERR == *"$addr is already down (container container#0 is not running)"* ]] || fail "second stop not idempotent"
done

if "$lab" exec n1 ip link add link br0 name ipvtest type ipvlan mode l2 2>/dev/null; then
    "$lab" exec n1 ip link del ipvtest
    log "mode ipvlan-l2: supported by this kernel"
    write_conf ipvlan-l2
    on 0 n1 start
    wait_until 10 answers
    on 0 n1 stop
else
    log "mode ipvlan-l2: this kernel has no ipvlan (ip link add ... type ipvlan failed): checking the agent's error"
    write_conf ipvlan-l2
    on 1 n1 start
    [[ $ERR == *"mode ipvlan-l2 is not supported by this kernel"* ]] || fail "no clear ipvlan error"
    [[ $ERR == *"trying to rollback"* ]] || fail "no rollback"
fi
expect_rc 0 "$lab" exec n1 "$DOCKER_CLI" ps -aq
[[ -z $OUT ]] || fail "containers left on n1: $OUT"
