# Sourced by tests/lab/lab: the guard route, the switch namespace and the node namespaces.

# Lab packets must never leave the machine: refuse a host that already reaches the lab subnet
# by anything but its default route (an address or a route of its own), then make the subnet
# unreachable from the root namespace.
guard_route() {
    if recorded route "$LAB_SUBNET" && ip route show "$LAB_SUBNET" | grep -q "^unreachable .*metric $LAB_ROUTE_METRIC"; then
        return 0
    fi
    local routes
    routes=$(ip -4 route show match "$LAB_SUBNET" table all | grep -v '^default ' |
        grep -v "^unreachable $LAB_SUBNET .*metric $LAB_ROUTE_METRIC" || true)
    [[ -z $routes ]] || die "the host already routes $LAB_SUBNET: $routes"
    if ip -4 -o addr show | grep -q " inet $LAB_NET\."; then
        die "the host has an address in $LAB_SUBNET"
    fi
    if ip route show "$LAB_SUBNET" | grep -q "metric $LAB_ROUTE_METRIC"; then
        die "a lab guard route for $LAB_SUBNET exists but $LAB_DIR did not create it: another lab is up"
    fi
    ip route add unreachable "$LAB_SUBNET" metric "$LAB_ROUTE_METRIC"
    record route "$LAB_SUBNET"
}

# make_netns NAME: create the namespace, or adopt it only if this lab created it
make_netns() {
    if [[ -e /run/netns/$1 ]]; then
        recorded netns "$1" || die "network namespace $1 exists and is not this lab's ($LAB_DIR)"
        return 0
    fi
    ip netns add "$1"
    record netns "$1"
    ip -n "$1" link set lo up
}

make_switch() {
    make_netns "$LAB_SWITCH"
    if ! ip -n "$LAB_SWITCH" link show br0 >/dev/null 2>&1; then
        ip -n "$LAB_SWITCH" link add br0 type bridge
        ip -n "$LAB_SWITCH" addr add "$LAB_NET.1/24" dev br0
    fi
    ip -n "$LAB_SWITCH" link set br0 up
    nsenter --net="/run/netns/$LAB_SWITCH" sysctl -q -w net.ipv4.ip_forward=0
}

# make_node nX: namespace, veth to the switch, br0 with the node address, UTS namespace file
make_node() {
    local node=$1 ip
    ip=$(node_ip "$node")
    make_netns "$node"
    if ! ip -n "$LAB_SWITCH" link show "sw-$node" >/dev/null 2>&1; then
        # created directly inside the two namespaces: the root namespace never sees it
        ip -n "$LAB_SWITCH" link add "sw-$node" type veth peer name eth0 netns "$node"
    fi
    ip -n "$LAB_SWITCH" link set "sw-$node" master br0 up
    if ! ip -n "$node" link show br0 >/dev/null 2>&1; then
        ip -n "$node" link add br0 type bridge
        ip -n "$node" addr add "$ip/24" dev br0
    fi
    ip -n "$node" link set eth0 master br0
    ip -n "$node" link set eth0 up
    ip -n "$node" link set br0 up
    nsenter --net="/run/netns/$node" sysctl -q -w net.ipv4.ip_forward=1
    mkdir -p "$LAB_DIR/$node"
    if ! mountpoint -q "$LAB_DIR/$node/uts"; then
        touch "$LAB_DIR/$node/uts"
        unshare --uts="$LAB_DIR/$node/uts" hostname "$node"
    fi
}

make_node_dirs() {
    local d=$LAB_DIR/$1
    mkdir -p "$d/etc" "$d/var" "$d/log" "$d/mnt" "$d/ssh" "$d/lvm/lock" "$d/lvm/backup" \
        "$d/lvm/archive" "$d/docker"
    chmod 0700 "$d/ssh"
}

# start_dockerd nX: the node's private dockerd (no iptables, no docker0), in the node namespaces
start_dockerd() {
    local node=$1 d=$LAB_DIR/$1/docker
    [[ -e /run/netns/$node ]] || die "no node $node"
    if pid_is_lab "$d/dockerd.pid" dockerd; then
        return 0
    fi
    mkdir -p "$d/data" "$d/run"
    rm -f "$d/dockerd.pid"
    in_ns "$node" setsid -f /usr/sbin/dockerd --data-root "$d/data" --exec-root "$d/run" \
        --pidfile "$d/dockerd.pid" -H "unix://$d/docker.sock" \
        --bridge=none --iptables=false --ip-forward=false --ip-masq=false --userland-proxy=false \
        --storage-driver=overlay2 </dev/null >>"$d/dockerd.log" 2>&1
    if ! wait_for 30 /usr/bin/docker -H "unix://$d/docker.sock" version; then
        tail -n 20 "$d/dockerd.log" >&2
        die "dockerd of $node did not answer within 30s"
    fi
    say "$node: dockerd pid $(<"$d/dockerd.pid") on unix://$d/docker.sock"
}

# pid_is_lab PIDFILE WORD: the pidfile names a live process whose command line names the lab dir
pid_is_lab() {
    [[ -s $1 ]] || return 1
    local pid
    pid=$(<"$1")
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
    [[ $cmdline == *"$2"* && $cmdline == *"$LAB_DIR/"* ]]
}
