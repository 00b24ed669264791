#!/bin/bash
# A hung stop or check script (issue 3, SPEC §8.13): the runner kills its process group at the
# resource's stop_timeout / check_timeout, the error names the timeout and the command, and the
# agent returns within timeout + the TERM->KILL grace (5s) + slack.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/engine_lib.sh"
require_root
new_root
hang=1000.$$  # a unique sleep duration: finds the hung children by command line
defer reap_pattern "sleep $hang"
hung_gone() { ! pgrep -f -- "sleep $hang" >/dev/null; }

# --- hung stop
s=hstop
marker=$OSVC_ROOT/var/$s.marker
cat >"$OSVC_ROOT/etc/$s.conf" <<CONF
[fs#1]
type = flag

[app#1]
type = forking
start = /usr/bin/touch $marker
stop = /bin/sleep $hang
check = /usr/bin/test -e $marker
stop_timeout = 2s
CONF
defer rm -f "$marker"
expect_rc 0 svc $s start
n=$(log_lines $s)
timed svc $s stop
[[ $RC == 1 ]] || fail "stop with a hung stop script exited $RC, expected 1"
((MS >= 2000 && MS < 2000 + 5000 + 3000)) || fail "stop returned after ${MS}ms, expected 2s..10s"
expect_log_since $s "$n" "ERROR +node1[.]$s[.]app#1 +.*timeout exceeded \(2s\): /bin/sleep $hang" \
    "ERROR +node1[.]$s +stop done in .* - rc 1"
hung_gone || fail "the hung stop script survived its timeout"
# a failed stop is not swallowed: fs#1, after app#1 in stop order, is left up
[[ -f $(flag_file $s fs#1) ]] || fail "fs#1 was stopped after app#1 failed to stop"
rm -f "$marker"
expect_rc 0 svc $s stop

# --- hung check
s=hcheck
cat >"$OSVC_ROOT/etc/$s.conf" <<CONF
[fs#1]
type = flag

[app#1]
type = forking
check = /bin/sleep $hang
check_timeout = 2s
CONF
expect_rc 0 svc $s start --rid fs#1
t0=$(date +%s%N)
expect_rc 0 svc $s print status --refresh
MS=$((($(date +%s%N) - t0) / 1000000))
((MS >= 2000 && MS < 2000 + 5000 + 3000)) || fail "status --refresh returned after ${MS}ms, expected 2s..10s"
[[ $ERR =~ app#1\ +timeout\ exceeded\ \(2s\):\ /bin/sleep\ $hang ]] || fail "no timeout error for the hung check"
expect_out "check timed out"
[[ $OUT =~ app#1[^$'\n']*warn ]] || fail "app#1 is not warn with a hung check"
hung_gone || fail "the hung check script survived its timeout"
expect_rc 0 svc $s stop --rid fs#1
