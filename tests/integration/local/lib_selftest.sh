#!/bin/bash
# lib.sh itself: a sandbox root, a loop device, and a private dockerd whose imported busybox
# image runs a container that stops promptly on SIGTERM; cleanups run at exit.
. "$(dirname "$0")/../lib.sh"
require_root
require_cmd losetup dockerd
new_root
[[ -d $OSVC_ROOT/etc && $OSVC_NODENAME == node1 ]] || fail "new_root did not set up OSVC_ROOT"
dev=$(new_loop 16M)
expect_rc 0 losetup "$dev"
new_dockerd
[[ $DOCKER_HOST == "unix://$OSVC_ROOT/docker.sock" ]] || fail "DOCKER_HOST is $DOCKER_HOST"
expect_rc 0 "$DOCKER_CLI" run -d --name lib-selftest --net=none "$TEST_IMAGE"
expect_rc 0 "$DOCKER_CLI" exec lib-selftest /bin/busybox echo inside
expect_out inside
start=$SECONDS
expect_rc 0 "$DOCKER_CLI" stop -t 8 lib-selftest
((SECONDS - start < 5)) || fail "the image's /pause did not stop on SIGTERM"
wait_until 5 test ! -e "$OSVC_ROOT/missing-file"
