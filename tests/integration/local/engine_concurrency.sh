#!/bin/bash
# 20 concurrent `start` of one service (issue 3, SPEC §13): the service lock serialises them,
# every one exits 0, and each resource is started exactly once across all of them (the others
# find it up and say "already").
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/engine_lib.sh"
require_root
new_root
s=conc
marker=$OSVC_ROOT/var/$s.app2.marker
cat >"$OSVC_ROOT/etc/$s.conf" <<CONF
[fs#1]
type = flag

[fs#2]
type = flag

[app#1]
type = simple
start = /bin/sleep 3600
start_timeout = 10s

[app#2]
type = forking
start = /usr/bin/touch $marker
stop = /bin/rm -f $marker
check = /usr/bin/test -e $marker
timeout = 30s
CONF
defer stop_quiet "$s"

jobs_dir=$OSVC_ROOT/jobs
mkdir -p "$jobs_dir"
pids=()
for i in $(seq 1 20); do
    (
        rc=0
        svc $s start --waitlock 120s >"$jobs_dir/$i.out" 2>"$jobs_dir/$i.err" || rc=$?
        echo "$rc" >"$jobs_dir/$i.rc"
    ) &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid"
done
for i in $(seq 1 20); do
    rc=$(<"$jobs_dir/$i.rc")
    if [[ $rc != 0 ]]; then
        sed 's/^/  stderr: /' "$jobs_dir/$i.err" >&2
        fail "concurrent start #$i exited $rc"
    fi
done

log=$OSVC_ROOT/log/$s.log
[[ $(grep -c "node1[.]$s  *do start" "$log") == 20 ]] || fail "expected 20 'do start' lines"
[[ $(grep -c "node1[.]$s  *start done in .* - rc 0" "$log") == 20 ]] || fail "expected 20 'start done ... rc 0' lines"
for rid in fs#1 fs#2 app#1 app#2; do
    count=$(start_lines $s $rid)
    [[ $count == 1 ]] || fail "$rid was started $count times, expected exactly once"
done
[[ $(grep -Ec "node1[.]$s[.]fs#1 +.*already up" "$log") == 19 ]] || fail "expected 19 'fs#1 already up' lines"
[[ $(grep -Ec "node1[.]$s[.]app#1 +.*already started" "$log") == 19 ]] || fail "expected 19 'app#1 already started' lines"
# serialised: every resource step runs under the lock, so the per-resource lines form 20 whole
# runs of fs#1 fs#2 app#1 app#2 ("start done" is logged after the release: not usable here)
seq=$(grep -Eo "node1[.]$s[.](fs|app)#[0-9]+ +.*(create |exec |already)" "$log" | awk '{printf "%s ", $1}')
want=$(for i in $(seq 1 20); do printf 'node1.%s.fs#1 node1.%s.fs#2 node1.%s.app#1 node1.%s.app#2 ' $s $s $s $s; done)
[[ $seq == "$want" ]] || fail "resource steps of concurrent starts interleave: $seq"
# who waited: every start that found the lock held says so, naming the holder
waited=$(grep -Ec "node1[.]$s +waited .* for the lock held by pid [0-9]+ [(]intent 'start'[)]" "$log")
((waited >= 1 && waited <= 19)) || fail "expected 1..19 'waited ... for the lock held by pid' lines, got $waited"
expect_rc 0 svc $s status
[[ -z $(lock_pid $s) ]] || fail "lock file still names a holder after all starts: $(cat "$(lock_file $s)")"
