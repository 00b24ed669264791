#!/bin/bash
# set / unset / += / -= / |= / [i]= / [i]+= rewrite only the touched lines (SPEC §2, In-place
# rewrites; §12, get/set): every other byte is kept. A rewrite that adds an error is refused and
# writes nothing (exit 1); one that adds none is accepted on an invalid file.
. "$(dirname "$0")/../lib.sh"
new_root
conf=$OSVC_ROOT/etc/demo.conf

# comments, blank lines, ':' delimiter, odd spacing, trailing blanks, a multi-line value
cat >"$conf" <<'EOF'
# demo service: keep this comment
[DEFAULT]
nodes = node1 node2
orchestrate: no
id=5d0c6b0e-2a49-4c2f-9b8a-0a4f6e1c2d3e

[fs#1]
type = xfs
dev   =   /dev/vg/lv
mnt = /srv/demo   
tags = a b c

; comment above env stays above env
[env]
long = first
	second
	third
x = 1
EOF
chmod 0640 "$conf"

# expect_file: the service file must equal stdin, byte for byte
expect_file() {
    local want
    want=$(mktemp "$OSVC_ROOT/want.XXXXXX")
    cat >"$want"
    if ! cmp -s "$want" "$conf"; then
        diff -u "$want" "$conf" >&2 || true
        fail "service file differs from the expected text"
    fi
}
sum() { sha256sum "$conf" | cut -d' ' -f1; }

expect_rc 0 svc demo set --kw env.x=2
expect_rc 0 svc demo set --kw fs#1.tags+=d
expect_rc 0 svc demo set --kw fs#1.tags-=b
before=$(sum)
expect_rc 0 svc demo set --kw 'fs#1.tags|=a'
[[ $(sum) == "$before" ]] || fail "|= of a present word changed the file"
expect_rc 0 svc demo set --kw 'fs#1.tags|=e'
expect_rc 0 svc demo set --kw 'nodes[0]+=node0'
expect_rc 0 svc demo set --kw 'nodes[2]=node3'
expect_rc 0 svc demo set --kw fs#1.mnt_opt=rw --kw env.new=v
expect_rc 0 svc demo set --kw fs#1.tags@node2=z
expect_rc 0 svc demo set --kw labels.team=dba
expect_out ""
expect_file <<'EOF'
# demo service: keep this comment
[DEFAULT]
nodes = node0 node1 node3
orchestrate: no
id=5d0c6b0e-2a49-4c2f-9b8a-0a4f6e1c2d3e

[fs#1]
type = xfs
dev   =   /dev/vg/lv
mnt = /srv/demo   
tags = a c d e
mnt_opt = rw
tags@node2 = z

; comment above env stays above env
[env]
long = first
	second
	third
x = 2
new = v

[labels]
team = dba
EOF
[[ $(stat -c %a "$conf") == 640 ]] || fail "mode not kept: $(stat -c %a "$conf")"

expect_rc 0 svc demo get --kw fs#1.tags@node2
[[ $OUT == z ]] || fail "get of the scoped form: $OUT"
expect_rc 0 svc demo unset --kw fs#1.tags@node2
expect_rc 0 svc demo unset --kw env.long
expect_rc 0 svc demo set --kw $'env.multi=l1\nl2'
expect_rc 0 svc demo get --kw env.multi
[[ $OUT == $'l1\nl2' ]] || fail "multi-line value read back as: $OUT"
expect_rc 0 svc demo set --param env.x --value 3
expect_file <<'EOF'
# demo service: keep this comment
[DEFAULT]
nodes = node0 node1 node3
orchestrate: no
id=5d0c6b0e-2a49-4c2f-9b8a-0a4f6e1c2d3e

[fs#1]
type = xfs
dev   =   /dev/vg/lv
mnt = /srv/demo   
tags = a c d e
mnt_opt = rw

; comment above env stays above env
[env]
x = 3
new = v
multi = l1
	l2

[labels]
team = dba
EOF

# refused edits: exit 1, a message naming the problem, not one byte changed
before=$(sum)
expect_rc 1 svc demo set --kw topology=weird
[[ $ERR == *'DEFAULT.topology: invalid value "weird": expected one of failover, flex'* ]] || fail "no candidates message"
expect_rc 1 svc demo set --kw fs#1.type@nodes=ext4
[[ $ERR == *'fs#1.type@nodes: keyword does not support scoping'* ]] || fail "no scoping message"
expect_rc 1 svc demo set --kw fs#1.mnt_opts=ro
[[ $ERR == *'did you mean mnt_opt?'* ]] || fail "no did-you-mean hint"
expect_rc 1 svc demo set --kw fs#1.tags-=a --kw rollback=maybe
[[ $ERR == *'DEFAULT.rollback: invalid boolean "maybe"'* ]] || fail "no boolean message"
expect_rc 1 svc demo set --kw 'nodes[7]=x'
[[ $ERR == *'out of range'* ]] || fail "no index message"
expect_rc 1 svc demo unset --kw fs#1.mnt
[[ $ERR == *'fs#1.mnt is required'* ]] || fail "no required message"
[[ $(sum) == "$before" ]] || fail "a refused edit changed the file"
[[ -z $(find "$OSVC_ROOT/etc" -name '*.tmp.*') ]] || fail "temporary file left behind"

# an invalid file: an edit that adds no error is accepted (the old error is printed), one that
# adds an error is refused
sed -i 's/^orchestrate: no$/orchestrate: no\nrollback = maybe/' "$conf"
expect_rc 1 svc demo validate config
expect_rc 0 svc demo set --kw env.x=4
[[ $ERR == *'DEFAULT.rollback: invalid boolean "maybe"'* ]] || fail "the remaining error is not printed"
grep -qx 'x = 4' "$conf" || fail "accepted edit not written"
before=$(sum)
expect_rc 1 svc demo set --kw fs#1.term_grace=5x
[[ $ERR == *'fs#1.term_grace: invalid duration "5x"'* ]] || fail "no duration message"
[[ $(sum) == "$before" ]] || fail "a refused edit changed the invalid file"
expect_rc 0 svc demo unset --kw rollback
expect_rc 0 svc demo validate config

# nodemgr get/set/unset on node.conf (§12, nodemgr): legacy --param/--value, an unknown key is
# stored with a warning, comments survive
printf '# node settings\n[node]\nenv = TST\n' >"$OSVC_ROOT/etc/node.conf"
expect_rc 0 nodemgr set --param node.env --value PRD
expect_rc 0 nodemgr get --param node.env
[[ $OUT == PRD ]] || fail "nodemgr get node.env: $OUT"
expect_rc 0 nodemgr set --param node.repopkg --value http://repo.example/pkg
[[ $ERR == *'node.repopkg'* ]] || fail "unknown node.conf key set without a warning"
expect_rc 0 nodemgr set --kw cluster.nodes=node1 --kw ssh#node2.port=2222
expect_rc 0 nodemgr get --kw ssh.user
[[ $OUT == root ]] || fail "default of ssh.user: $OUT"
expect_rc 0 nodemgr unset --kw node.repopkg
printf '# node settings\n[node]\nenv = PRD\n\n[cluster]\nnodes = node1\n\n[ssh#node2]\nport = 2222\n' |
    cmp - "$OSVC_ROOT/etc/node.conf" || fail "node.conf: $(cat "$OSVC_ROOT/etc/node.conf")"

# edit config: $EDITOR is split as shlex and run without a shell on a copy; a result adding an
# error is refused without a terminal (file unchanged); an unchanged copy is not rewritten
printf '[DEFAULT]\nnodes = node1\n# note\n[env]\nx = 1\n' >"$conf"
before=$(sum)
EDITOR=true expect_rc 0 svc demo edit config
[[ $(sum) == "$before" ]] || fail "edit config with no change rewrote the file"
EDITOR="sed -i 's/^x = 1\$/x = two words/'" expect_rc 0 svc demo edit config </dev/null
printf '[DEFAULT]\nnodes = node1\n# note\n[env]\nx = two words\n' | cmp - "$conf" || fail "edit config: $(cat "$conf")"
before=$(sum)
EDITOR="sed -i 's/^nodes = node1\$/topology = weird/'" expect_rc 1 svc demo edit config </dev/null
[[ $ERR == *'DEFAULT.topology: invalid value "weird"'* ]] || fail "edit config: new error not shown"
[[ $(sum) == "$before" ]] || fail "a refused edit config changed the file"
EDITOR=false expect_rc 1 svc demo edit config </dev/null
[[ $(sum) == "$before" ]] || fail "a failed editor changed the file"
[[ -z $(find "$OSVC_ROOT/etc" -name '.*.edit.*') ]] || fail "edit copy left behind"
