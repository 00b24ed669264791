#!/bin/bash
# argv[0] dispatch and usage errors (SPEC §1.1, §12): svcmgr -s, om SVC, svcagent SVC, the
# per-service launcher created by create, nodemgr; unknown action or option: exit 2 with a hint.
. "$(dirname "$0")/../lib.sh"
new_root
bindir=$(dirname "$SVCAGENT_BIN")
conf=$OSVC_ROOT/etc/demo.conf
printf '[DEFAULT]\nnodes = node1\n\n[env]\nx = {nodename}\n' >"$OSVC_ROOT/input.conf"

expect_rc 0 svc demo create --config "$OSVC_ROOT/input.conf"
[[ -L $OSVC_ROOT/etc/demo ]] || fail "create made no launcher symlink"
[[ $(readlink "$OSVC_ROOT/etc/demo") == /* ]] || fail "launcher target is not absolute"
expect_rc 0 svc demo print config
want=$OUT
[[ $want == *'x = {nodename}'* ]] || fail "print config shows: $want"

expect_rc 0 "$bindir/om" demo print config
[[ $OUT == "$want" ]] || fail "om demo print config differs"
expect_rc 0 "$bindir/svcagent" demo print config
[[ $OUT == "$want" ]] || fail "svcagent demo print config differs"
expect_rc 0 "$OSVC_ROOT/etc/demo" print config
[[ $OUT == "$want" ]] || fail "<etc>/demo print config differs"
expect_rc 0 "$OSVC_ROOT/etc/demo" get --eval --kw env.x
[[ $OUT == node1 ]] || fail "launcher get --eval: $OUT"
# options before or after the words, --opt=value, joined words
expect_rc 0 "$bindir/svcmgr" --format=json -s demo print config
[[ $OUT == *'"x": "{nodename}"'* ]] || fail "--format=json before -s: $OUT"
expect_rc 0 svc demo print_config
[[ $OUT == "$want" ]] || fail "print_config differs"
expect_rc 0 svc demo json config
[[ $OUT == *'"DEFAULT"'* ]] || fail "json config: $OUT"
expect_rc 0 "$bindir/om" node print config
expect_rc 0 "$bindir/nodemgr" print config

# usage errors: exit 2, with a hint
expect_rc 2 svc demo strat
[[ $ERR == *'unknown action "strat". Did you mean: '*start* ]] || fail "no Did you mean: $ERR"
expect_rc 2 svc demo print confgi
[[ $ERR == *'Did you mean: print config'* ]] || fail "no hint for print confgi: $ERR"
expect_rc 2 "$OSVC_ROOT/etc/demo" valdate config
[[ $ERR == *'Did you mean: validate config'* ]] || fail "no hint through the launcher: $ERR"
expect_rc 2 svc demo print config --bogus
[[ $ERR == *bogus* ]] || fail "unknown option not named: $ERR"
expect_rc 2 svc demo print config --format xml
[[ $ERR == *xml* ]] || fail "bad option value not named: $ERR"
expect_rc 2 "$bindir/svcmgr" print config
[[ $ERR == *'-s'* ]] || fail "missing -s not explained: $ERR"
expect_rc 2 "$bindir/om" demo
expect_rc 2 "$bindir/nodemgr" frobnicate

# refusals: exit 1
expect_rc 1 svc nosuch print config
[[ $ERR == *'service nosuch does not exist'* ]] || fail "missing service: $ERR"
expect_rc 1 svc demo compliance
[[ $ERR == *'compliance is not supported by svcagent'* ]] || fail "unsupported action: $ERR"
expect_rc 1 "$bindir/nodemgr" updatecomp
[[ $ERR == *'updatecomp is not supported by svcagent'* ]] || fail "unsupported node action: $ERR"

# --help lists actions and options
expect_rc 0 "$bindir/svcmgr" --help
for word in 'print config' 'validate config' 'get' 'set' 'unset' 'edit config' 'create' 'delete' 'print keywords' \
    '--kw' '--eval' '--format' '--config'; do
    [[ $OUT == *"$word"* ]] || fail "svcmgr --help does not list $word"
done
expect_rc 0 "$bindir/nodemgr" --help
[[ $OUT == *'ls'* && $OUT == *'print config'* ]] || fail "nodemgr --help does not list its actions"
expect_rc 0 "$OSVC_ROOT/etc/demo" --help
[[ $OUT == *'print config'* ]] || fail "launcher --help does not list actions"

# print keywords: text and JSON
expect_rc 0 svc demo print keywords
[[ $OUT == *mnt_opt* ]] || fail "print keywords lacks mnt_opt"
expect_rc 0 svc demo print keywords --format json
[[ $OUT == '['* ]] || fail "print keywords --format json is not an array"
