# Sourced by tests/lab/lab: shared disks (loop devices over DIR/disks/*.img) and the per-node
# LVM configuration that sees only those loops.

# lab_loops: "DEVICE" lines, one per loop device whose backing file is under DIR/disks
lab_loops() {
    losetup -n -l -O NAME,BACK-FILE | while read -r dev file; do
        [[ $file == "$LAB_DIR/disks/"* ]] && printf '%s\n' "$dev"
    done
    return 0
}

lab_disk() {
    local name=$1 size=$2
    [[ $name =~ ^[A-Za-z0-9_.-]+$ ]] || die "bad disk name: $name"
    [[ -f $LAB_DIR/state/nodes ]] || die "$LAB_DIR is not up"
    mkdir -p "$LAB_DIR/disks"
    local img=$LAB_DIR/disks/$name.img dev
    [[ -f $img ]] || truncate -s "$size" "$img"
    dev=$(losetup -n -j "$img" -O NAME | head -n 1)
    [[ -n $dev ]] || dev=$(losetup -f --show "$img")
    write_lvm_confs
    printf '%s\n' "$dev"
}

# lvm_conf_text DIR_OF_CONF: an lvm.conf accepting only the lab loops, with every file LVM
# writes (locks, metadata backups) under DIR_OF_CONF, and no udev, hints, devices file or
# event activation (they would write to /run/lvm or the host's /etc/lvm).
lvm_conf_text() {
    local conf_dir=$1 filter='' dev
    for dev in $(lab_loops); do
        filter+="\"a|^${dev}\$|\", "
    done
    filter+='"r|.*|"'
    cat <<EOF
# LVM of lab $LAB_DIR: only the lab's shared disks are visible
devices {
    filter = [ $filter ]
    global_filter = [ $filter ]
    use_devicesfile = 0
    obtain_device_list_from_udev = 0
    external_device_info_source = "none"
    hints = "none"
    scan = [ "/dev" ]
}
global {
    locking_dir = "$conf_dir/lock"
    use_lvmlockd = 0
    event_activation = 0
}
activation {
    udev_sync = 0
    udev_rules = 0
    monitoring = 0
}
backup {
    backup = 1
    backup_dir = "$conf_dir/backup"
    archive = 1
    archive_dir = "$conf_dir/archive"
}
tags {
    hosttags = 1
}
EOF
}

write_lvm_confs() {
    local count node i
    count=$(<"$LAB_DIR/state/nodes")
    for ((i = 1; i <= count; i++)); do
        node=n$i
        mkdir -p "$LAB_DIR/$node/lvm/lock" "$LAB_DIR/$node/lvm/backup" "$LAB_DIR/$node/lvm/archive"
        lvm_conf_text "$LAB_DIR/$node/lvm" >"$LAB_DIR/$node/lvm/lvm.conf"
    done
    mkdir -p "$LAB_DIR/lvm/lock" "$LAB_DIR/lvm/backup" "$LAB_DIR/lvm/archive"
    lvm_conf_text "$LAB_DIR/lvm" >"$LAB_DIR/lvm/lvm.conf"
}
