# Sourced by every integration script: `. "$(dirname "$0")/../lib.sh"` (STYLE §7).
#
#   new_root                  OSVC_ROOT=$(mktemp -d), OSVC_NODENAME=node1 (deferred removal)
#   svc SVC ARGS...           the build-tree svcmgr: svcmgr -s SVC ARGS...
#   nodemgr ARGS...           the build-tree nodemgr
#   defer CMD...              push a cleanup; the EXIT trap runs them in reverse, on failure too
#   require_root, require_cmd CMD...    skip when missing
#   skip REASON               exit 77 (a failure when SVCAGENT_REQUIRE_ALL=1)
#   expect_rc RC CMD...       run, show output, fail unless the exit code is RC; sets OUT and ERR
#   expect_out TEXT           fail unless the last expect_rc stdout contains TEXT
#   wait_until SECONDS CMD... poll CMD until it succeeds; the only way to wait
#   new_loop SIZE             print a new loop device over a sparse file (deferred detach)
#   new_dockerd               a private dockerd for this test (DOCKER_HOST exported, deferred
#                             stop) with the image $TEST_IMAGE imported from busybox-static
#
# Exit code: the script's own; a cleanup that fails turns a success into a failure, never the
# reverse, and never hides the first error.
set -euo pipefail

SVCAGENT_SOURCE_DIR=${SVCAGENT_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
export SVCAGENT_SOURCE_DIR
readonly TEST_NAME=$(basename "$0" .sh)
readonly TEST_IMAGE=svcagent/busybox:latest
readonly DOCKER_CLI=/usr/bin/docker  # the 20.10 client matches the engine (LAB.md)

_lib_pid=$BASHPID
_lib_state=$(mktemp -d "${TMPDIR:-/tmp}/svcagent-lib.XXXXXX")
: >"$_lib_state/defer"

log() { printf '%s: %s\n' "$TEST_NAME" "$*" >&2; }
fail() {
    log "FAIL: $*"
    exit 1
}

# defer CMD...: one line per command, shell-quoted, in a file so that a subshell
# (`dev=$(new_loop 64M)`) can push cleanups its parent will run.
defer() {
    printf '%q ' "$@" >>"$_lib_state/defer"
    printf '\n' >>"$_lib_state/defer"
}

_lib_on_exit() {
    local rc=$?
    [[ $BASHPID == "$_lib_pid" ]] || return "$rc"
    trap - EXIT
    set +e
    local lines=() i cleanup_rc
    mapfile -t lines <"$_lib_state/defer"
    for ((i = ${#lines[@]} - 1; i >= 0; i--)); do
        eval "${lines[i]}"
        cleanup_rc=$?
        if ((cleanup_rc != 0)); then
            log "cleanup failed (exit code $cleanup_rc): ${lines[i]}"
            ((rc != 0)) || rc=$cleanup_rc
        fi
    done
    rm -rf "$_lib_state"
    case $rc in
    0) log "PASS" ;;
    77) ;;
    *) log "exit code $rc" ;;
    esac
    exit "$rc"
}
trap _lib_on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

skip() {
    if [[ ${SVCAGENT_REQUIRE_ALL:-0} == 1 ]]; then
        log "FAIL: would skip, but SVCAGENT_REQUIRE_ALL=1: $*"
        exit 1
    fi
    log "SKIP: $*"
    exit 77
}

require_root() {
    [[ $(id -u) -eq 0 ]] || skip "needs root"
}

require_cmd() {
    local cmd
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null 2>&1 || skip "needs command $cmd"
    done
}

new_root() {
    OSVC_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/svcagent-it.XXXXXX")
    mkdir -p "$OSVC_ROOT/etc" "$OSVC_ROOT/var" "$OSVC_ROOT/log"
    OSVC_NODENAME=${OSVC_NODENAME:-node1}
    BLKID_FILE=$OSVC_ROOT/blkid.tab  # keep libblkid out of /run/blkid
    export OSVC_ROOT OSVC_NODENAME BLKID_FILE
    if [[ ${SVCAGENT_KEEP_ROOT:-0} == 1 ]]; then
        log "OSVC_ROOT=$OSVC_ROOT (kept: SVCAGENT_KEEP_ROOT=1)"
    else
        defer _lib_remove_root "$OSVC_ROOT"
    fi
}

_lib_remove_root() {
    local mnt
    # deepest first: whatever a failed test left mounted below the root
    while read -r mnt; do
        umount "$mnt" || umount -l "$mnt"
    done < <(findmnt -rn -o TARGET | grep -F "$1/" | sort -r)
    rm -rf --one-file-system "$1"
}

_lib_bin() {
    [[ -n ${SVCAGENT_BIN:-} ]] || fail "SVCAGENT_BIN is not set (run through ctest)"
    printf '%s/%s' "$(dirname "$SVCAGENT_BIN")" "$1"
}

svc() {
    local name=$1
    shift
    "$(_lib_bin svcmgr)" -s "$name" "$@"
}

nodemgr() {
    "$(_lib_bin nodemgr)" "$@"
}

OUT= ERR=
expect_rc() {
    local want=$1 rc=0
    shift
    log "\$ $(printf "%q " "$@")"
    "$@" >"$_lib_state/out" 2>"$_lib_state/err" || rc=$?
    OUT=$(<"$_lib_state/out") ERR=$(<"$_lib_state/err")
    [[ -z $OUT ]] || printf '%s\n' "$OUT" | sed 's/^/  stdout: /' >&2
    [[ -z $ERR ]] || printf '%s\n' "$ERR" | sed 's/^/  stderr: /' >&2
    [[ $rc -eq $want ]] || fail "exit code $rc, expected $want: $*"
}

expect_out() {
    [[ $OUT == *"$1"* ]] || fail "stdout does not contain: $1"
}

wait_until() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || fail "still false after ${seconds}s: $*"
        sleep 0.1
    done
}

new_loop() {
    require_cmd losetup truncate
    local dir=${OSVC_ROOT:-$_lib_state}/disks
    mkdir -p "$dir"
    local img dev
    img=$(mktemp "$dir/disk.XXXXXX")
    truncate -s "$1" "$img"
    dev=$(losetup -f --show "$img")
    defer losetup -d "$dev"
    printf '%s\n' "$dev"
}

new_dockerd() {
    require_root
    require_cmd dockerd "$DOCKER_CLI"
    [[ -x /bin/busybox ]] || skip "needs busybox-static (/bin/busybox)"
    [[ -n ${OSVC_ROOT:-} ]] || new_root
    local dir=$OSVC_ROOT/docker
    mkdir -p "$dir/data" "$dir/run"
    DOCKER_HOST=unix://$OSVC_ROOT/docker.sock
    export DOCKER_HOST
    setsid /usr/sbin/dockerd --data-root "$dir/data" --exec-root "$dir/run" \
        --pidfile "$dir/dockerd.pid" -H "$DOCKER_HOST" \
        --bridge=none --iptables=false --ip-forward=false --ip-masq=false --userland-proxy=false \
        --storage-driver=overlay2 </dev/null >>"$dir/dockerd.log" 2>&1 &
    local pid=$!
    defer _lib_stop_dockerd "$pid" "$dir"
    if ! wait_until_quiet 30 "$DOCKER_CLI" version; then
        tail -n 20 "$dir/dockerd.log" >&2
        fail "private dockerd did not answer on $DOCKER_HOST within 30s"
    fi
    "$SVCAGENT_SOURCE_DIR/tests/lab/mkimage" "$dir/image.tar"
    "$DOCKER_CLI" import --change 'CMD ["/pause"]' "$dir/image.tar" "$TEST_IMAGE" >/dev/null
    log "private dockerd pid $pid on $DOCKER_HOST, image $TEST_IMAGE"
}

# wait_until without failing: returns 1 at the deadline
wait_until_quiet() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}

_lib_stop_dockerd() {
    local pid=$1 dir=$2 ids
    if kill -0 "$pid" 2>/dev/null; then
        ids=$("$DOCKER_CLI" ps -aq 2>/dev/null || true)
        [[ -z $ids ]] || "$DOCKER_CLI" rm -f $ids >/dev/null 2>&1 || true
        kill -TERM "$pid"
        if ! wait_until_quiet 20 _lib_gone "$pid"; then
            log "dockerd $pid ignored SIGTERM for 20s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            wait_until_quiet 5 _lib_gone "$pid" || return 1
        fi
    fi
    wait "$pid" 2>/dev/null || true
    local mnt
    while read -r mnt; do
        umount "$mnt" || umount -l "$mnt"
    done < <(findmnt -rn -o TARGET | grep -F "$dir/" | sort -r)
}

_lib_gone() { ! kill -0 "$1" 2>/dev/null; }
