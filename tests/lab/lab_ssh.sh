# Sourced by tests/lab/lab: per-node sshd, keys, trust and client configuration.
#
# Each node has a host key and a root key under DIR/nX/ssh/. DIR/authorized_keys lists every
# node's root key, restricted to the lab subnet; DIR/known_hosts pins every node's host key
# under its name and address; DIR/nX/ssh/config is the client configuration for `ssh -F`.

make_ssh_trust() {
    local count=$1 i node d
    for ((i = 1; i <= count; i++)); do
        node=n$i d=$LAB_DIR/$node/ssh
        [[ -s $d/ssh_host_ed25519_key ]] ||
            ssh-keygen -q -t ed25519 -N '' -C "host@$node" -f "$d/ssh_host_ed25519_key"
        [[ -s $d/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C "root@$node" -f "$d/id_ed25519"
    done
    local keys=() hosts=()
    for ((i = 1; i <= count; i++)); do
        node=n$i d=$LAB_DIR/$node/ssh
        keys+=("from=\"$LAB_SUBNET\" $(<"$d/id_ed25519.pub")")
        hosts+=("$node,$(node_ip "$node") $(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")")
    done
    printf '%s\n' "${keys[@]}" >"$LAB_DIR/authorized_keys"
    printf '%s\n' "${hosts[@]}" >"$LAB_DIR/known_hosts"
    for ((i = 1; i <= count; i++)); do
        write_sshd_config "n$i"
        write_ssh_client_config "n$i" "$count"
    done
}

write_sshd_config() {
    local node=$1 d=$LAB_DIR/$1/ssh env_vars
    mapfile -t env_vars < <(node_env "$node")
    cat >"$d/sshd_config" <<EOF
# sshd of lab node $node ($LAB_DIR), started inside the node's namespaces
ListenAddress $(node_ip "$node")
Port 22
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $LAB_DIR/authorized_keys
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
StrictModes no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
UseDNS no
MaxStartups 100:30:200
SetEnv ${env_vars[*]}
Subsystem sftp internal-sftp
EOF
}

write_ssh_client_config() {
    local node=$1 count=$2 d=$LAB_DIR/$1/ssh i
    {
        printf '# ssh client configuration of lab node %s: ssh -F %s/config nY\n' "$node" "$d"
        for ((i = 1; i <= count; i++)); do
            printf 'Host n%d\n    HostName %s\n' "$i" "$(node_ip "n$i")"
        done
        cat <<EOF
Host *
    User root
    IdentityFile $d/id_ed25519
    IdentitiesOnly yes
    UserKnownHostsFile $LAB_DIR/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    CheckHostIP no
    BatchMode yes
    ConnectTimeout 5
    LogLevel ERROR
EOF
    } >"$d/config"
}

start_sshd() {
    local node=$1 d=$LAB_DIR/$1/ssh
    pid_is_lab "$d/sshd.pid" sshd && return 0
    if [[ ! -d /run/sshd ]]; then
        mkdir -m 0755 /run/sshd
        record run_sshd /run/sshd
    fi
    rm -f "$d/sshd.pid"
    in_ns "$node" /usr/sbin/sshd -f "$d/sshd_config" -E "$d/sshd.log"
    wait_for 10 pid_is_lab "$d/sshd.pid" sshd || {
        tail -n 20 "$d/sshd.log" >&2
        die "sshd of $node did not start"
    }
    wait_for 10 sshd_listens "$node" || die "sshd of $node does not listen on $(node_ip "$node"):22"
}

sshd_listens() {
    in_ns "$1" ss -Hltn "src $(node_ip "$1") and sport = :22" | grep -q LISTEN
}
