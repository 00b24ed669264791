#!/bin/bash
# The bad-input list of issue 2 (SPEC §2 lexical rules, §3.4, §16): each case gives a clear
# message with <file>:<line>, the exit code SPEC says (validate config: errors + warnings; a
# parse error: 1), and never modifies a file; hostile values are shown verbatim, never executed.
. "$(dirname "$0")/../lib.sh"
new_root
conf=$OSVC_ROOT/etc/bad.conf
fs='[fs#1]
type = xfs
dev = /dev/vg/lv
mnt = /srv/bad'

tree_sum() { (cd "$OSVC_ROOT" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }

# check_case NAME VALIDATE_RC MESSAGE [eval]: validate config exits VALIDATE_RC and prints MESSAGE
# (prefixed by "$conf:"); with errors, a command that builds the service (print status) refuses with
# exit 1; with "eval", the error is in a value that print config --eval also fails on (§5.4); nothing
# under OSVC_ROOT changes. The file content is read from stdin.
check_case() {
    local name=$1 rc=$2 message=$3 eval=${4:-} before errors
    log "--- $name"
    cat >"$conf"
    before=$(tree_sum)
    expect_rc "$rc" svc bad validate config
    [[ $OUT == *"$conf:$message"* ]] || fail "$name: validate config does not say: $conf:$message"
    errors=$(grep -c "^E $conf:" <<<"$OUT" || true)
    if ((errors > 0)); then
        expect_rc 1 svc bad print status
        [[ $ERR == *"$conf:"* ]] || fail "$name: print status error without file:line"
        [[ $ERR == *"bad: configuration has $errors error(s); nothing done"* || $ERR == *"$conf:$message"* ]] ||
            fail "$name: print status does not give the error nor say that nothing was done"
    fi
    if [[ $eval == eval ]]; then
        expect_rc 1 svc bad print config --eval
        [[ $ERR == *"$conf:"* ]] || fail "$name: print config --eval error without file:line"
    fi
    [[ $(tree_sum) == "$before" ]] || fail "$name: a file under OSVC_ROOT changed"
}

check_case missing_header 1 '1: key "nodes" outside of any section' eval <<'EOF'
nodes = node1
[DEFAULT]
EOF
check_case no_delimiter 1 '3: expected <key> = <value>, got "this line has no delimiter"' eval <<'EOF'
[DEFAULT]
nodes = node1
this line has no delimiter
EOF
check_case unknown_section 1 '3: ignored section foo#1' <<'EOF'
[DEFAULT]
nodes = node1
[foo#1]
x = 1
EOF
check_case unknown_keyword 1 '6: fs#1.mnt_opts: unknown keyword for driver fs.xfs (did you mean mnt_opt?)' <<EOF
[DEFAULT]
$fs
mnt_opts = ro
EOF
check_case unknown_default_keyword 1 '2: DEFAULT.nodess: unknown keyword (did you mean nodes?)' <<'EOF'
[DEFAULT]
nodess = node1
EOF
check_case capitalised_keyword 2 '5: fs#1.Mnt: unknown keyword for driver fs.xfs (did you mean mnt?)' <<'EOF'
[DEFAULT]
[fs#1]
type = xfs
dev = /dev/vg/lv
Mnt = /x
EOF
grep -q "^E $conf:2: fs#1.mnt is required$" <<<"$ERR" || fail "Mnt: mnt not reported as required at the header line"
check_case scoped_non_scopable 1 '6: fs#1.type@nodes: keyword does not support scoping' <<EOF
[DEFAULT]
$fs
type@nodes = ext4
EOF
check_case bad_boolean 1 '3: DEFAULT.rollback: invalid boolean "maybe" (expected yes/no/true/false/1/0)' eval <<'EOF'
[DEFAULT]
nodes = node1
rollback = maybe
EOF
check_case bad_integer 1 '6: fs#1.restart: invalid integer "abc"' eval <<EOF
[DEFAULT]
$fs
restart = abc
EOF
check_case bad_size 1 '6: disk#1.size: invalid size "12X"' eval <<'EOF'
[DEFAULT]
[disk#1]
type = lv
name = data
vg = vg1
size = 12X
EOF
check_case bad_duration 1 '6: fs#1.term_grace: invalid duration "5x" (expected <n>[wdhms]..., e.g. 1h30m)' eval <<EOF
[DEFAULT]
$fs
term_grace = 5x
EOF
check_case not_in_candidates 1 '2: DEFAULT.topology: invalid value "weird": expected one of failover, flex' <<'EOF'
[DEFAULT]
topology = weird
EOF
check_case missing_required 1 '2: fs#1.mnt is required' <<'EOF'
[DEFAULT]
[fs#1]
type = xfs
dev = /dev/vg/lv
EOF
check_case unresolved_reference 1 '3: env.x: unresolved reference {undefined}' <<'EOF'
[DEFAULT]
[env]
x = a {undefined} b
EOF
check_case reference_cycle 2 '3: env.a: reference recursion: env.a -> env.b -> env.a' eval <<'EOF'
[DEFAULT]
[env]
a = {b}
b = {a}
EOF
check_case invalid_expression 1 '3: env.x: invalid expression' eval <<'EOF'
[DEFAULT]
[env]
x = $(1/0)
EOF
check_case nul_byte 1 '3: NUL byte' eval < <(printf '[DEFAULT]\nnodes = node1\nx = a\0b\n')
check_case non_utf8 1 '3: invalid UTF-8' eval < <(printf '[DEFAULT]\n[env]\nx = caf\xe9\n')
check_case binary_garbage 1 '' eval < <(head -c 4096 /dev/urandom; printf '\0\xff\xfe')
[[ $ERR == *'invalid UTF-8'* || $ERR == *'NUL byte'* || $ERR == *'expected <key> = <value>'* ||
    $ERR == *'outside of any section'* ]] ||
    fail "binary garbage: no parse message"

# a 1 MiB line is an ordinary line: read intact, no finding
big=$(head -c 1048576 /dev/zero | tr '\0' x)
printf '[DEFAULT]\nnodes = node1\n[env]\nbig = %s\n' "$big" >"$conf"
expect_rc 0 svc bad validate config
svc bad get --kw env.big >"$OSVC_ROOT/big.out"
[[ $(wc -c <"$OSVC_ROOT/big.out") == 1048577 ]] || fail "1 MiB value not read intact"
svc bad get --eval --kw env.big >"$OSVC_ROOT/big.out"
[[ $(wc -c <"$OSVC_ROOT/big.out") == 1048577 ]] || fail "1 MiB value not evaluated intact"
rm "$OSVC_ROOT/big.out"

# hostile values: stored, shown and evaluated as text; nothing runs
m=$OSVC_ROOT/pwned
hostile="; rm -rf / \$(reboot) \`id\`"
payload="; touch $m.1 \$(touch $m.2) \`touch $m.3\` | touch $m.4 && touch $m.5"
cat >"$conf" <<EOF
[DEFAULT]
nodes = node1
[app#1]
start = /bin/true $payload
[env]
hostile = $hostile
payload = $payload
EOF
before=$(tree_sum)
expect_rc 0 svc bad get --kw env.hostile
[[ $OUT == "$hostile" ]] || fail "hostile value not shown verbatim: $OUT"
expect_rc 0 svc bad get --eval --kw env.hostile
[[ $OUT == "; rm -rf / reboot \`id\`" ]] || fail "hostile value evaluated to: $OUT"
expect_rc 0 svc bad print config
[[ $OUT == *"hostile = $hostile"* ]] || fail "print config does not show the hostile value verbatim"
expect_rc 1 svc bad get --eval --kw env.payload
[[ $ERR == *"$conf:7: env.payload: invalid expression"* ]] || fail "payload expression not refused"
svc bad validate config >"$OSVC_ROOT/validate.out" || true
grep -q "^W $conf:4: app#1.start: shell operator \";\" is not interpreted" "$OSVC_ROOT/validate.out" ||
    fail "no shell operator warning: $(cat "$OSVC_ROOT/validate.out")"
rm "$OSVC_ROOT/validate.out"
expect_rc 1 svc bad print config --eval
[[ $(tree_sum) == "$before" ]] || fail "hostile values changed a file"
for i in 1 2 3 4 5; do
    [[ ! -e $m.$i ]] || fail "payload $i was executed"
done

# the hostile value through set: written verbatim, read back verbatim
printf '[DEFAULT]\nnodes = node1\n' >"$conf"
expect_rc 0 svc bad set --kw "env.h=$hostile"
expect_rc 0 svc bad get --kw env.h
[[ $OUT == "$hostile" ]] || fail "set/get did not round-trip the hostile value: $OUT"
grep -qxF "h = $hostile" "$conf" || fail "the hostile value is not written verbatim"
expect_rc 1 svc bad set --kw "rollback=; rm -rf / \`id\`"
[[ $ERR == *"DEFAULT.rollback: invalid boolean \"; rm -rf / \`id\`\""* ]] || fail "hostile boolean not quoted verbatim"
