#!/bin/bash
# ip.host with the real svcmgr in a 2-node lab (SPEC §9.1, issue 4): the OCF sequence on n1
# (start, start, status, stop, stop, status; the probes arping -D and ping log at DEBUG) with the address answering from n2; the
# availability check: while n1 holds the address, a start on n2 refuses, names who answers
# (n1's MAC) and plumbs nothing; IPv6 start/stop, the same IPv6 refusal, and a real IPv6
# duplicate address detection failure (tag nonrouted skips the agent's own check).
. "$(dirname "$0")/../lib.sh"
require_root
require_cmd nsenter ip ping arping
arping -V 2>&1 | grep -q iputils || skip "arping is not iputils-arping"

svcmgr=$(_lib_bin svcmgr)
lab=$SVCAGENT_SOURCE_DIR/tests/lab/lab
LAB_DIR=$(mktemp -d /tmp/svi.XXXX)
export LAB_DIR
defer "$lab" down "$LAB_DIR"
expect_rc 0 "$lab" up 2 "$LAB_DIR"
# a fresh bridge reports NO-CARRIER for a moment: the driver would rightly refuse it
carrier() { ! "$lab" exec "$1" ip -o link show br0 | grep -q NO-CARRIER; }
wait_until 10 carrier n1
wait_until 10 carrier n2

ip4=10.231.0.100
ip6=fd00:231::100
# conf NODE SVC [KEY=VALUE...]: a one-ip service on br0 of NODE
conf() {
    local node=$1 svc=$2 kv
    shift 2
    {
        printf '[DEFAULT]\nnodes = %s\n\n[ip#1]\nipdev = br0\n' "$node"
        for kv; do printf '%s = %s\n' "${kv%%=*}" "${kv#*=}"; done
    } >"$LAB_DIR/$node/etc/$svc.conf"
}
on() {
    local rc=$1 node=$2 svc=$3
    shift 3
    expect_rc "$rc" "$lab" exec "$node" "$svcmgr" -s "$svc" "$@"
}
has_addr() { "$lab" exec "$1" ip -o addr show dev br0 | grep -qF " $2/"; }
log_has() { [[ $ERR$OUT == *"$1"* ]] || fail "output does not contain: $1"; }
# whatever a failed run left plumbed goes away with the lab's namespaces; still, say so
defer_del() { defer "$lab" exec "$1" ip addr flush dev br0 to "$2"; }
defer_del n1 "$ip4/32"
defer_del n2 "$ip4/32"

# ---- IPv4 OCF sequence on n1 ----
conf n1 ipsvc "ipname=$ip4" "netmask=24"
on 0 n1 ipsvc start
log_has "checking $ip4 availability"
log_has "ip addr add $ip4/24 dev br0"
log_has "arping -U -c 1 -I br0 -s $ip4 $ip4"
has_addr n1 "$ip4" || fail "$ip4 is not on n1 br0 after start"
expect_rc 0 "$lab" exec n2 ping -n -c 1 -W 2 "$ip4"
on 0 n1 ipsvc start
log_has "$ip4 is already up on br0"
on 0 n1 ipsvc status
on 0 n1 ipsvc print status --refresh
log_has "$ip4@br0"

# ---- conflict: n2 refuses while n1 holds the address ----
conf n2 ipother "ipname=$ip4" "netmask=24"
n1_mac=$("$lab" exec n1 ip -o link show br0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
on 1 n2 ipother start
log_has "start aborted: ip#1: $ip4 is already in use on the network (duplicate address detected), answered by"
[[ ${ERR,,}${OUT,,} == *"${n1_mac,,}"* ]] || fail "the refusal does not name n1's MAC $n1_mac"
! has_addr n2 "$ip4" || fail "n2 plumbed $ip4 although it answers on n1"
on 1 n2 ipother status

on 0 n1 ipsvc stop
log_has "ip addr del $ip4/24 dev br0"
! has_addr n1 "$ip4" || fail "$ip4 still on n1 br0 after stop"
on 0 n1 ipsvc stop
log_has "$ip4 is already down on br0"
on 1 n1 ipsvc status
expect_rc 1 "$lab" exec n2 ping -n -c 1 -W 1 "$ip4"

# once n1 released it, n2 may take it (the availability check passes)
on 0 n2 ipother start
has_addr n2 "$ip4" || fail "$ip4 is not on n2 after its start"
on 0 n2 ipother stop

# ---- IPv6 ----
defer_del n1 "$ip6/128"
defer_del n2 "$ip6/128"
expect_rc 0 "$lab" exec n2 ip -6 addr add fd00:231::12/64 dev br0 nodad
conf n1 ip6svc "ipname=$ip6" "netmask=64"
on 0 n1 ip6svc start
log_has "ip -6 addr add $ip6/64 dev br0"
log_has "checking $ip6 availability"
has_addr n1 "$ip6" || fail "$ip6 is not on n1 after start"
"$lab" exec n1 ip -6 -o addr show dev br0 | grep -F "$ip6/" | grep -qv tentative ||
    fail "$ip6 is still tentative on n1 after start"
expect_rc 0 "$lab" exec n2 ping -6 -n -c 1 -W 2 "$ip6"
on 0 n1 ip6svc status

conf n2 ip6other "ipname=$ip6" "netmask=64"
on 1 n2 ip6other start
log_has "start aborted: ip#1: $ip6 answers to ping: it is up on another host"
! has_addr n2 "$ip6" || fail "n2 plumbed $ip6 although it answers on n1"

# nonrouted skips the agent's check: the kernel's duplicate address detection catches it
conf n2 ip6other "ipname=$ip6" "netmask=64" "tags=nonrouted"
on 1 n2 ip6other start
log_has "IPv6 duplicate address detected for $ip6"
log_has "ip -6 addr del $ip6/64 dev br0"
! has_addr n2 "$ip6" || fail "n2 left the duplicate $ip6 in place"

on 0 n1 ip6svc stop
log_has "ip -6 addr del $ip6/64 dev br0"
! has_addr n1 "$ip6" || fail "$ip6 still on n1 after stop"
on 0 n1 ip6svc stop
log_has "$ip6 is already down on br0"
on 1 n1 ip6svc status
