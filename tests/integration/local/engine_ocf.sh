#!/bin/bash
# OCF contract through the CLI (issue 3, SPEC §8): start, start, status, stop, stop, status on
# fs.flag, app.forking and app.simple. A second start/stop does nothing and says "already".
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/engine_lib.sh"
require_root
new_root
s=ocf
marker=$OSVC_ROOT/var/$s.app2.marker
cat >"$OSVC_ROOT/etc/$s.conf" <<CONF
[fs#1]
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

n=$(log_lines $s)
expect_rc 0 svc $s start
expect_log_since $s "$n" "$s[.]fs#1 +create " "$s[.]app#1 +exec /bin/sleep 3600" "$s[.]app#2 +exec /usr/bin/touch" \
    "start done in .* - rc 0"
[[ -f $(flag_file $s fs#1) ]] || fail "fs#1 flag file missing after start"
[[ -f $marker ]] || fail "app#2 marker missing after start"
pid=$(simple_pid $s app#1)
pid_alive "$pid" || fail "app#1 (simple) is not running after start (pid '$pid')"

n=$(log_lines $s)
expect_rc 0 svc $s start
expect_log_since $s "$n" "$s[.]fs#1 +.*already up" "$s[.]app#1 +.*already started" "$s[.]app#2 +.*already started"
if log_since $s "$n" | grep -Eq "$s[.](fs#1|app#1|app#2) +(exec|create) "; then
    fail "the second start acted on a resource already up"
fi
[[ $(simple_pid $s app#1) == "$pid" ]] || fail "the second start replaced the app#1 process"

expect_rc 0 svc $s status
expect_rc 0 svc $s print status
expect_out "up"

n=$(log_lines $s)
expect_rc 0 svc $s stop
expect_log_since $s "$n" "$s[.]fs#1 +remove " "$s[.]app#1 +send SIGTERM" "$s[.]app#2 +/bin/rm -f"
[[ ! -e $(flag_file $s fs#1) ]] || fail "fs#1 flag file left after stop"
[[ ! -e $marker ]] || fail "app#2 marker left after stop"
wait_until 5 eval "! pid_alive $pid"

n=$(log_lines $s)
expect_rc 0 svc $s stop
expect_log_since $s "$n" "$s[.]fs#1 +.*already down" "$s[.]app#1 +.*already stopped" "$s[.]app#2 +.*already stopped"
if log_since $s "$n" | grep -Eq "$s[.](fs#1 +remove|app#1 +send SIG|app#2 +/bin/rm)"; then
    fail "the second stop acted on a resource already down"
fi

expect_rc 1 svc $s status
