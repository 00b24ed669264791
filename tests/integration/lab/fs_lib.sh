# Sourced by the storage lab scripts (vg_*.sh, fs_*.sh) after ../lib.sh: one resource action per
# process on a lab node, through the StorageHarness gtest (real make(), PosixRunner, ProbeCache;
# see tests/unit/drivers/storage_harness_test.cpp) until svcmgr runs actions.
#
#   DRIVER=fs.ext4 RID=fs#1 NODES="n1 n2" [FORCE=1] [CONFIRM=1] [DRY_RUN=1]
#   act RC NODE ACTION KEY=VALUE...   expect exit code RC; OUT holds the "harness:" lines
#   expect_status STATUS              after `act 0 NODE status ...`
#   expect_log TEXT                   the action's log (stderr) contains TEXT

lab=$SVCAGENT_SOURCE_DIR/tests/lab/lab
harness=${SVCAGENT_HARNESS_BIN:-$(dirname "${SVCAGENT_BIN:?run through ctest}")/tests/svcagent_tests}

act() {
    local rc=$1 node=$2 action=$3 keywords
    shift 3
    [[ -x $harness ]] || fail "missing $harness (build the svcagent_tests target)"
    keywords=$(printf '%s\n' "$@")
    expect_rc "$rc" "$lab" exec "$node" env SVCAGENT_STORAGE_HARNESS="$action" SH_DRIVER="$DRIVER" \
        SH_RID="${RID:-res#1}" SH_NODES="${NODES:-}" SH_KEYWORDS="$keywords" SH_FORCE="${FORCE:-0}" \
        SH_CONFIRM="${CONFIRM:-0}" SH_DRY_RUN="${DRY_RUN:-0}" \
        "$harness" --gtest_filter=StorageHarness.RunsOneActionOnTheRealHost --gtest_brief=1
    OUT=$(grep '^harness: ' <<<"$OUT" || true)
}

expect_status() {
    grep -qxF "harness: status=$1" <<<"$OUT" || fail "status is not $1: $OUT"
}

expect_changed() {
    grep -qxF "harness: changed=$1" <<<"$OUT" || fail "changed is not $1: $OUT"
}

expect_log() {
    [[ $ERR == *"$1"* ]] || fail "log does not contain: $1"
}

# lab_up N: a fresh lab of N nodes under a short directory, torn down at exit
lab_up() {
    LAB_DIR=$(mktemp -d /tmp/svs.XXXX)
    export LAB_DIR
    defer "$lab" down "$LAB_DIR"
    expect_rc 0 "$lab" up "$1" "$LAB_DIR"
}
