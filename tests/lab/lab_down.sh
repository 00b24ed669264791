# Sourced by tests/lab/lab: teardown in LAB.md's order. Idempotent, and it works after a failed
# `up`, after kill -9 of lab daemons, and when DIR was already deleted. It ends only processes
# the lab started (by pid, after checking their command line names the lab dir) or processes
# living in a namespace the lab created.

# terminate PID...: SIGTERM, wait up to 10s, SIGKILL what is left
terminate() {
    (($# > 0)) || return 0
    kill -TERM "$@" 2>/dev/null || true
    local pid deadline=$((SECONDS + 10))
    for pid; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            say "pid $pid ignored SIGTERM: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}

lab_node_dirs() {
    local d
    for d in "$LAB_DIR"/n[0-9]*; do
        [[ -d $d ]] && printf '%s\n' "$d"
    done
    return 0
}

stop_dockerds() {
    local d sock ids pids=() id procs
    for d in $(lab_node_dirs); do
        sock=unix://$d/docker/docker.sock
        if pid_is_lab "$d/docker/dockerd.pid" dockerd; then
            ids=$(/usr/bin/docker -H "$sock" ps -aq 2>/dev/null || true)
            # shellcheck disable=SC2086  # ids is a list of hex words
            [[ -z $ids ]] || /usr/bin/docker -H "$sock" rm -f $ids >/dev/null 2>&1 || true
            pids+=("$(<"$d/docker/dockerd.pid")")
        fi
    done
    terminate "${pids[@]}"
    # after a kill -9 of a dockerd, its containers may still run: end them through their cgroups
    for d in $(lab_node_dirs); do
        [[ -d $d/docker/data/containers ]] || continue
        for id in $(ls "$d/docker/data/containers"); do
            [[ $id =~ ^[0-9a-f]{64}$ ]] || continue
            for procs in /sys/fs/cgroup/*/docker/"$id"/cgroup.procs /sys/fs/cgroup/docker/"$id"/cgroup.procs; do
                [[ -f $procs ]] || continue
                # shellcheck disable=SC2046
                kill -KILL $(cat "$procs") 2>/dev/null || true
            done
            wait_for 5 lab_cgroups_gone "$id" || say "container $id: cgroups still in use"
        done
    done
}

# lab_cgroups_gone ID: remove the (empty) cgroup directories docker left for container ID
lab_cgroups_gone() {
    local dir left=0
    for dir in /sys/fs/cgroup/*/docker/"$1" /sys/fs/cgroup/docker/"$1"; do
        [[ -d $dir ]] || continue
        rmdir "$dir" 2>/dev/null || left=1
    done
    return "$left"
}

stop_sshds() {
    local d pids=()
    for d in $(lab_node_dirs); do
        if pid_is_lab "$d/ssh/sshd.pid" sshd; then
            pids+=("$(<"$d/ssh/sshd.pid")")
        fi
    done
    terminate "${pids[@]}"
}

kill_namespace_processes() {
    local ns pids=()
    for ns in $(recorded_list netns); do
        [[ -e /run/netns/$ns ]] || continue
        mapfile -t -O "${#pids[@]}" pids < <(ip netns pids "$ns" 2>/dev/null)
    done
    terminate "${pids[@]}"
}

unmount_lab() {
    local mnt
    # findmnt -r escapes blanks as \x20; lab paths have none
    while read -r mnt; do
        umount "$mnt" 2>/dev/null || umount -l "$mnt"
    done < <(findmnt -rn -o TARGET | awk -v p="$LAB_DIR/" 'index($0, p) == 1' | sort -r)
}

remove_lab_lvm() {
    local loops tmp vg dev
    loops=$(lab_loops)
    [[ -n $loops ]] || return 0
    tmp=$(mktemp -d)
    mkdir -p "$tmp/lock" "$tmp/backup" "$tmp/archive"
    lvm_conf_text "$tmp" >"$tmp/lvm.conf"
    for vg in $(LVM_SYSTEM_DIR=$tmp LVM_SUPPRESS_FD_WARNINGS=1 vgs --noheadings -o vg_name 2>/dev/null); do
        LVM_SYSTEM_DIR=$tmp LVM_SUPPRESS_FD_WARNINGS=1 vgremove -f -y "$vg" >/dev/null 2>&1 ||
            say "vgremove $vg failed"
    done
    for dev in $(LVM_SYSTEM_DIR=$tmp LVM_SUPPRESS_FD_WARNINGS=1 pvs --noheadings -o pv_name 2>/dev/null); do
        LVM_SYSTEM_DIR=$tmp LVM_SUPPRESS_FD_WARNINGS=1 pvremove -ff -y "$dev" >/dev/null 2>&1 ||
            say "pvremove $dev failed"
    done
    rm -rf "$tmp"
}

detach_lab_loops() {
    local dev
    for dev in $(lab_loops); do
        losetup -d "$dev" || say "losetup -d $dev failed"
    done
}

delete_namespaces() {
    local ns
    for ns in $(recorded_list netns); do
        [[ ! -e /run/netns/$ns ]] || ip netns delete "$ns"
    done
}

remove_guard_route() {
    if recorded route "$LAB_SUBNET"; then
        ip route del unreachable "$LAB_SUBNET" metric "$LAB_ROUTE_METRIC" 2>/dev/null || true
    fi
    if recorded run_sshd /run/sshd && [[ -d /run/sshd ]]; then
        rmdir /run/sshd || say "/run/sshd is not empty: kept"
    fi
}

lab_down() {
    [[ $(id -u) -eq 0 ]] || die "must run as root"
    stop_dockerds
    stop_sshds
    kill_namespace_processes
    unmount_lab
    remove_lab_lvm
    detach_lab_loops
    delete_namespaces
    remove_guard_route
    if [[ -d $LAB_DIR ]]; then
        if findmnt -rn -o TARGET | awk -v p="$LAB_DIR/" 'index($0, p) == 1' | grep -q .; then
            die "something is still mounted under $LAB_DIR: not removed"
        fi
        rm -rf --one-file-system "$LAB_DIR"
    fi
    say "down: $LAB_DIR removed"
}
