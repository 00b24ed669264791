# Sourced by the engine_*.sh scripts after lib.sh: helpers over the service log and the
# sandboxed root (app and fs.flag resources only: no root-only tool, no device).

# log_lines SVC: the number of lines of <OSVC_ROOT>/log/SVC.log (0 when absent)
log_lines() {
    local file=$OSVC_ROOT/log/$1.log
    [[ -f $file ]] || { echo 0; return; }
    wc -l <"$file"
}

# log_since SVC N: the lines of SVC.log after line N
log_since() {
    tail -n +"$(($2 + 1))" "$OSVC_ROOT/log/$1.log"
}

# expect_log_since SVC N REGEX...: fail unless every extended REGEX matches a line after line N
expect_log_since() {
    local svc=$1 from=$2 re
    shift 2
    for re in "$@"; do
        log_since "$svc" "$from" | grep -Eq -- "$re" || {
            log_since "$svc" "$from" | sed 's/^/  log: /' >&2
            fail "$svc.log has no line matching: $re"
        }
    done
}

# start_lines SVC RID: how many times the whole log says RID was started (exec or create)
start_lines() {
    grep -Ec -- "[.]$1[.]$2 +(exec|create) " "$OSVC_ROOT/log/$1.log" || true
}

flag_file() { printf '%s/run/flag/%s/%s.flag' "$OSVC_ROOT" "$1" "$2"; }
pid_file() { printf '%s/var/%s/%s/pid' "$OSVC_ROOT" "$1" "$2"; }
lock_file() { printf '%s/var/%s/lock' "$OSVC_ROOT" "$1"; }

pid_alive() { [[ -n $1 ]] && kill -0 "$1" 2>/dev/null; }

# simple_pid SVC RID: the pid an app.simple recorded, empty when none
simple_pid() {
    local file
    file=$(pid_file "$1" "$2")
    [[ -f $file ]] && cat "$file" || true
}

# lock_pid SVC: the pid named in the lock file, empty when the file is empty or absent
lock_pid() {
    local file
    file=$(lock_file "$1")
    [[ -s $file ]] || return 0
    sed -n 's/.*"pid":\([0-9][0-9]*\).*/\1/p' "$file"
}

lock_holder_alive() { pid_alive "$(lock_pid "$1")"; }

# stop_quiet SVC: a deferred cleanup that never fails the test (the test asserts its own stops)
stop_quiet() {
    svc "$1" stop --force >/dev/null 2>&1 || true
}

# reap_pattern TEXT: kill, by pid, the processes whose command line contains TEXT (a unique
# per-test string), for scripts a killed agent left behind
reap_pattern() {
    local pid
    for pid in $(pgrep -f -- "$1" || true); do
        kill -KILL "$pid" 2>/dev/null || true
    done
}

# timed CMD...: run CMD (output discarded), set MS to its wall time in ms and RC to its exit code
MS=0 RC=0
timed() {
    local t0 t1
    t0=$(date +%s%N)
    RC=0
    "$@" >/dev/null 2>&1 || RC=$?
    t1=$(date +%s%N)
    MS=$(((t1 - t0) / 1000000))
}
