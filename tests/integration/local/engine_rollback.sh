#!/bin/bash
# Rollback of a failed start (issue 3, SPEC §8.2): the 3rd resource fails, the two started before
# it are stopped again in reverse order and the log says so; the exit code is 1. With
# --disable-rollback (and DEFAULT.rollback = false) they stay up.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/engine_lib.sh"
require_root
new_root

write_conf() {  # SVC [DEFAULT lines]
    cat >"$OSVC_ROOT/etc/$1.conf" <<CONF
[DEFAULT]
${2:-}

[fs#1]
type = flag

[app#1]
type = simple
start = /bin/sleep 3600
start_timeout = 10s

[app#2]
type = forking
start = /bin/false
timeout = 10s
CONF
    defer stop_quiet "$1"
}

s=rb
write_conf $s
n=$(log_lines $s)
expect_rc 1 svc $s start
expect_log_since $s "$n" "$s[.]fs#1 +create " "$s[.]app#1 +exec /bin/sleep" "$s[.]app#2 +.*/bin/false" \
    "ERROR +node1[.]$s[.]app#2 +.*exit code 1" \
    "trying to rollback start on app#1, fs#1" "$s[.]app#1 +send SIGTERM" "$s[.]fs#1 +remove "
# reverse order: app#1 is stopped before fs#1
order=$(log_since $s "$n" | grep -Eo "$s[.](app#1 +send SIGTERM|fs#1 +remove)" | awk '{printf "%s ", $1}')
[[ $order == "$s.app#1 $s.fs#1 " ]] || fail "rollback order is '$order', expected app#1 then fs#1"
[[ ! -e $(flag_file $s fs#1) ]] || fail "fs#1 flag file left after the rollback"
pid=$(log_since $s "$n" | sed -n 's/.*started pid \([0-9]*\),.*/\1/p')
[[ -n $pid ]] || fail "no 'started pid' line for app#1"
wait_until 5 eval "! pid_alive $pid"
expect_rc 1 svc $s status

s=norb
write_conf $s
n=$(log_lines $s)
expect_rc 1 svc $s start --disable-rollback
expect_log_since $s "$n" "skip rollback start: as instructed by --disable-rollback"
if log_since $s "$n" | grep -Eq "trying to rollback|$s[.]fs#1 +remove|$s[.]app#1 +send SIG"; then
    fail "--disable-rollback still rolled back"
fi
[[ -f $(flag_file $s fs#1) ]] || fail "fs#1 flag file removed despite --disable-rollback"
pid_alive "$(simple_pid $s app#1)" || fail "app#1 stopped despite --disable-rollback"
expect_rc 0 svc $s stop

s=cfgrb
write_conf $s "rollback = false"
n=$(log_lines $s)
expect_rc 1 svc $s start
expect_log_since $s "$n" "skip rollback start: as instructed by DEFAULT.rollback"
[[ -f $(flag_file $s fs#1) ]] || fail "fs#1 flag file removed despite DEFAULT.rollback = false"
pid_alive "$(simple_pid $s app#1)" || fail "app#1 stopped despite DEFAULT.rollback = false"
expect_rc 0 svc $s stop
