#!/bin/bash
# create from INI (verbatim), from JSON (etc/examples/db1.json), from --kw and from stdin; refusal of
# an existing service and of an invalid one; install --envfile; delete --rid (SPEC §2, §12).
. "$(dirname "$0")/../lib.sh"
new_root
etc=$OSVC_ROOT/etc
examples=$SVCAGENT_SOURCE_DIR/etc/examples
uuid_re='^id = [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
cat >"$OSVC_ROOT/in.conf" <<'EOF'
# kept verbatim
[DEFAULT]
id = 11111111-2222-4333-8444-555555555555
nodes: node1

[fs#1]
type = xfs
dev = /dev/vg/lv
mnt = /srv/a

# comment above app
[app#1]
start = /bin/true
EOF

# INI with an id: written byte for byte, mode 0600, launcher and var dir made
expect_rc 0 svc a create --config "$OSVC_ROOT/in.conf"
cmp "$OSVC_ROOT/in.conf" "$etc/a.conf" || fail "INI input not written verbatim"
[[ $(stat -c %a "$etc/a.conf") == 600 ]] || fail "new file mode $(stat -c %a "$etc/a.conf")"
[[ -L $etc/a && -d $OSVC_ROOT/var/a ]] || fail "launcher or var dir missing"

# an existing service is refused and left alone
before=$(sha256sum <"$etc/a.conf")
expect_rc 1 svc a create --config "$examples/db1.conf"
[[ $ERR == *'service a already exists (use deploy)'* ]] || fail "refusal message: $ERR"
[[ $(sha256sum <"$etc/a.conf") == "$before" ]] || fail "refused create changed the file"

# INI without id: an id line is added, nothing else changes
grep -v '^id = ' "$OSVC_ROOT/in.conf" >"$OSVC_ROOT/noid.conf"
expect_rc 0 svc b create --config "$OSVC_ROOT/noid.conf"
grep -Eq "$uuid_re" "$etc/b.conf" || fail "no uuid4 id written"
diff <(grep -v '^id = ' "$etc/b.conf") "$OSVC_ROOT/noid.conf" || fail "INI input changed beyond the id line"

# stdin
expect_rc 0 svc c create --config - <"$OSVC_ROOT/noid.conf"
expect_rc 0 svc c get --kw fs#1.mnt
[[ $OUT == /srv/a ]] || fail "create --config - : $OUT"

# JSON: db1.json becomes db1's INI, DEFAULT first, keys in member order, with an id; --env fills
# the two [env] values the JSON leaves empty
expect_rc 0 svc db1 create --config "$examples/db1.json" --env gateway=10.20.0.1 --env ipaddr=10.20.0.50
[[ $(head -1 "$etc/db1.conf") == '[DEFAULT]' ]] || fail "DEFAULT is not first"
grep -Eq "$uuid_re" "$etc/db1.conf" || fail "JSON create wrote no id"
expect_rc 0 svc db1 get --kw container#1.run_args
[[ $OUT == '-v /srv/{svcname}/data/postgresql:/var/lib/postgresql:rw --user={env.uid}:{env.gid}' ]] ||
    fail "JSON value: $OUT"
expect_rc 0 svc db1 get --eval --kw fs#1.mnt
[[ $OUT == /srv/db1/data ]] || fail "JSON eval: $OUT"
expect_rc 0 svc db1 validate config
[[ $OUT == *'0 error(s), 0 warning(s)'* ]] || fail "db1 from JSON: $OUT"
# JSON and INI examples agree once evaluated
expect_rc 0 svc db1 print config --eval --format json
from_json=$OUT
cp "$examples/db1.conf" "$OSVC_ROOT/db1.ini"
mkdir "$OSVC_ROOT/ini" && OSVC_ROOT=$OSVC_ROOT/ini expect_rc 0 svc db1 create --config "$OSVC_ROOT/db1.ini"
from_ini=$(OSVC_ROOT=$OSVC_ROOT/ini svc db1 print config --eval --format json)
diff <(grep -v '"id"' <<<"$from_json" | sed "s#$OSVC_ROOT/##g") \
    <(grep -v '"id"' <<<"$from_ini" | sed "s#$OSVC_ROOT/ini/##g") || fail "db1.json and db1.conf differ"

# JSON errors: nested object, syntax error with line and column; nothing created
printf '{"DEFAULT": {"nodes": "node1"},\n "fs#1": {"dev": {"x": 1}}}\n' >"$OSVC_ROOT/nested.json"
expect_rc 1 svc d create --config "$OSVC_ROOT/nested.json"
[[ $ERR == *'fs#1'*'dev'*'objects are not allowed'* ]] || fail "nested object: $ERR"
printf '{"DEFAULT": {"nodes": "node1"},\n "fs#1": {"dev" "x"}}\n' >"$OSVC_ROOT/broken.json"
expect_rc 1 svc d create --config "$OSVC_ROOT/broken.json"
[[ $ERR == *'broken.json:2:'*'column 19'* ]] || fail "JSON syntax error without line and column: $ERR"
[[ ! -e $etc/d.conf && ! -e $etc/d ]] || fail "failed create left files"

# an invalid new file: every error is new, nothing written
printf '[DEFAULT]\ntopology = weird\n' >"$OSVC_ROOT/bad.conf"
expect_rc 1 svc e create --config "$OSVC_ROOT/bad.conf"
[[ $ERR == *'DEFAULT.topology: invalid value "weird"'* ]] || fail "invalid create: $ERR"
[[ ! -e $etc/e.conf && ! -e $etc/e ]] || fail "invalid create left files"

# --kw and --env
expect_rc 0 svc f create --kw nodes=node1 --kw orchestrate=no --kw fs#1.type=xfs --kw fs#1.dev=/dev/x \
    --kw fs#1.mnt=/srv/f --env color=blue
expect_rc 0 svc f get --kw orchestrate
[[ $OUT == no ]] || fail "--kw orchestrate: $OUT"
expect_rc 0 svc f get --kw env.color
[[ $OUT == blue ]] || fail "--env: $OUT"
expect_rc 0 svc f validate config
expect_rc 1 svc g create --kw fs#1.type=xfs
[[ $ERR == *'fs#1.dev is required'* ]] || fail "--kw create of an incomplete resource: $ERR"
[[ ! -e $etc/g.conf ]] || fail "invalid --kw create left a file"

# install --envfile is create --config
expect_rc 0 svc h install --envfile "$OSVC_ROOT/noid.conf"
[[ -f $etc/h.conf && -L $etc/h ]] || fail "install --envfile"

# delete --rid: the section goes, the comment above the next header stays
expect_rc 0 svc a delete --rid fs#1
cat >"$OSVC_ROOT/want.conf" <<'EOF'
# kept verbatim
[DEFAULT]
id = 11111111-2222-4333-8444-555555555555
nodes: node1

# comment above app
[app#1]
start = /bin/true
EOF
diff -u "$OSVC_ROOT/want.conf" "$etc/a.conf" || fail "delete --rid fs#1"
before=$(sha256sum <"$etc/a.conf")
expect_rc 1 svc a delete --rid fs#9
[[ $ERR == *'fs#9'* ]] || fail "delete of a missing rid: $ERR"
# deleting container#0 leaves ip#0.netns pointing at nothing: refused
expect_rc 1 svc db1 delete --rid container#0
[[ $ERR == *'ip#0.netns'* ]] || fail "delete --rid container#0 should be refused: $ERR"
expect_rc 0 svc db1 delete --rid ip#0,container#1
expect_rc 0 svc db1 get --kw container#0.image
expect_rc 1 svc db1 get --kw ip#0.type
[[ $(sha256sum <"$etc/a.conf") == "$before" ]] || fail "refused delete changed a.conf"
