#!/bin/bash
# container.docker on a real engine (SPEC §9.6): a private dockerd for this test (lib.sh
# new_dockerd, reached through DOCKER_HOST), an image imported from busybox-static. OCF sequence
# (status, start, start again, stop, stop again), then the faults: a missing image (start fails
# with docker's error and rolls back), a container that exits at once (start fails, not up), a
# hung `docker stop` (stop_timeout, then docker kill). Leaves no container behind. The missing
# image names a registry on 127.0.0.1:9, so the failed pull never leaves the machine.
. "$(dirname "$0")/../lib.sh"
require_root
new_root
new_dockerd

svc_name=ct1
conf=$OSVC_ROOT/etc/$svc_name.conf
running() { [[ $("$DOCKER_CLI" inspect -f '{{.State.Running}}' "$1" 2>/dev/null) == true ]]; }
absent() { ! "$DOCKER_CLI" inspect "$1" >/dev/null 2>&1; }

cat >"$conf" <<CONF
[DEFAULT]
nodes = $OSVC_NODENAME

[container#0]
type = docker
image = $TEST_IMAGE
rm = true
CONF

expect_rc 0 svc $svc_name print status --refresh
[[ $OUT == *"container#0"*"down"* ]] || fail "container#0 not down before start"
expect_rc 0 svc $svc_name start
[[ $ERR$OUT == *"docker run --name=$svc_name.container.0 --detach --net=none $TEST_IMAGE"* ]] || fail "no run argv in the log"
[[ $ERR$OUT == *"wait for up status"* ]] || fail "no wait for up status"
running $svc_name.container.0 || fail "container not running after start"
expect_rc 0 svc $svc_name print status --refresh
[[ $OUT == *"container#0"*"up"*"docker container $svc_name.container.0@$TEST_IMAGE"* ]] || fail "status not up"
expect_rc 0 svc $svc_name start
[[ $ERR$OUT == *"container $svc_name.container.0 is already started"* ]] || fail "second start not idempotent"
expect_rc 0 svc $svc_name stop
[[ $ERR$OUT == *"wait for down status"* ]] || fail "no wait for down status"
absent $svc_name.container.0 || fail "rm = true left the container"
expect_rc 0 svc $svc_name stop
[[ $ERR$OUT == *"is already stopped"* ]] || fail "second stop not idempotent"

log "fault: missing image, with container#0 to roll back"
cat >>"$conf" <<CONF

[container#1]
type = docker
image = 127.0.0.1:9/svcagent/missing:latest
pull_timeout = 20s
rm = true
CONF
expect_rc 1 svc $svc_name start
[[ $ERR$OUT == *"docker pull 127.0.0.1:9/svcagent/missing:latest"* ]] || fail "no pull attempt of the missing image"
[[ $ERR$OUT == *"trying to rollback"*"container#0"* ]] || fail "no rollback of container#0"
absent $svc_name.container.0 || fail "rollback left container#0"
absent $svc_name.container.1 || fail "container#1 exists"

log "fault: a container that exits at once"
sed -i 's|^image = 127.0.0.1:9/svcagent/missing:latest|image = '"$TEST_IMAGE"'\ncommand = false|' "$conf"
expect_rc 1 svc $svc_name start
[[ $ERR$OUT == *"the container went down (exit code 1)"* ]] || fail "no 'went down' error"
absent $svc_name.container.1 || fail "the failed container was left behind"
absent $svc_name.container.0 || fail "rollback left container#0"
expect_rc 0 svc $svc_name print status --refresh
[[ $OUT != *"container#1"*" up "* ]] || fail "container#1 reported up"

log "fault: a hung docker stop (busybox sleep as pid 1 ignores SIGTERM)"
cat >"$conf" <<CONF
[DEFAULT]
nodes = $OSVC_NODENAME

[container#0]
type = docker
image = $TEST_IMAGE
command = sleep 600
stop_timeout = 3s
rm = true
CONF
expect_rc 0 svc $svc_name start
running $svc_name.container.0 || fail "sleeping container not running"
expect_rc 0 svc $svc_name stop
[[ $ERR$OUT == *"docker stop exceeded stop_timeout (3s)"* ]] || fail "no stop timeout"
[[ $ERR$OUT == *"docker kill "* ]] || fail "no docker kill after the timeout"
absent $svc_name.container.0 || fail "killed container left behind"
[[ -z $("$DOCKER_CLI" ps -aq) ]] || fail "containers left: $("$DOCKER_CLI" ps -a)"
