#!/bin/bash
# kill -9 of the agent in the middle of a start (issue 3, SPEC §13): the lock file keeps naming
# the dead pid, a new `start` takes the stale lock over without waiting for lock_timeout,
# finishes the start and the service is up.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/engine_lib.sh"
require_root
new_root
s=k9
marker=$OSVC_ROOT/var/$s.app1.marker
tag=$OSVC_ROOT/var/$s.slow  # unique text in the slow start's command line
cat >"$OSVC_ROOT/etc/$s.conf" <<CONF
[DEFAULT]
lock_timeout = 30s

[fs#1]
type = flag

[app#1]
type = forking
start = /bin/sh -c 'sleep 5; touch $marker' $tag
stop = /bin/rm -f $marker
check = /usr/bin/test -e $marker
timeout = 30s
CONF
defer stop_quiet "$s"
defer reap_pattern "$tag"

log_has() { grep -Eq -- "$1" "$OSVC_ROOT/log/$s.log"; }

svc $s start >"$OSVC_ROOT/first.out" 2>&1 &
agent=$!
wait_until 10 lock_holder_alive $s
holder=$(lock_pid $s)
[[ $(tr '\0' ' ' <"/proc/$holder/cmdline") == *" -s $s start"* ]] || fail "lock names pid $holder, not the agent"
wait_until 10 log_has "$s[.]app#1 +exec /bin/sh"
kill -KILL "$holder"
rc=0
wait "$agent" || rc=$?
[[ $rc == 137 ]] || fail "the killed agent exited $rc, expected 137"
[[ $(lock_pid $s) == "$holder" ]] || fail "the lock file no longer names the killed pid"
! pid_alive "$holder" || fail "pid $holder still alive after SIGKILL"
[[ ! -e $marker ]] || fail "app#1 reached up before the kill: the kill did not land mid-start"

n=$(log_lines $s)
t0=$SECONDS
expect_rc 0 svc $s start
((SECONDS - t0 < 20)) || fail "the second start waited $((SECONDS - t0))s: the stale lock was not taken over"
expect_log_since $s "$n" "$s[.]fs#1 +.*already up" "start done in .* - rc 0"
expect_rc 0 svc $s status
[[ -f $marker ]] || fail "app#1 marker missing after the second start"
[[ -z $(lock_pid $s) ]] || fail "lock file still names a holder after the second start"
# the killed agent's script child finishes on its own (it is not the agent's to reap any more)
wait_until 15 eval "! pgrep -f -- '$tag' >/dev/null"
expect_rc 0 svc $s stop
expect_rc 1 svc $s status
