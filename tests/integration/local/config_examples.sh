#!/bin/bash
# etc/examples validate with zero errors (issue 2, item 14): db1.conf, busybox.opensvc.com.env (a
# legacy .env name with 1.x keywords) and the gen_spdsvc01 layout, whose gce resources are
# reported as not supported. Every example also evaluates (print config --eval).
. "$(dirname "$0")/../lib.sh"
new_root
examples=$SVCAGENT_SOURCE_DIR/etc/examples

# validate_example SVC NODE: zero errors, exit code = warnings; prints the findings in $OUT
validate_example() {
    local svc=$1 node=$2 rc=0
    findings=$(OSVC_NODENAME=$node svc "$svc" validate config) || rc=$?
    printf '%s\n' "$findings" | sed 's/^/  validate: /' >&2
    [[ $findings =~ ([0-9]+)\ error\(s\),\ ([0-9]+)\ warning\(s\) ]] || fail "$svc: no summary line"
    [[ ${BASH_REMATCH[1]} == 0 ]] || fail "$svc: ${BASH_REMATCH[1]} error(s)"
    [[ $(grep -c '^W ' <<<"$findings") == "${BASH_REMATCH[2]}" ]] || fail "$svc: summary does not count the W lines"
    ((rc == (BASH_REMATCH[2] > 255 ? 255 : BASH_REMATCH[2]))) || fail "$svc: exit code $rc for ${BASH_REMATCH[2]} warning(s)"
    OSVC_NODENAME=$node expect_rc 0 svc "$svc" print config --eval --format json
}

cp "$examples/db1.conf" "$OSVC_ROOT/etc/db1.conf"
validate_example db1 node1
[[ $findings == *'0 error(s), 0 warning(s)'* ]] || fail "db1.conf has findings"

cp "$examples/busybox.opensvc.com.env" "$OSVC_ROOT/etc/"
validate_example busybox.opensvc.com deb1.opensvc.com
for alias in service_type docker_data_dir run_image vgname; do
    [[ $findings == *".$alias: deprecated keyword, use "* ]] || fail "busybox: no deprecation warning for $alias"
done
OSVC_NODENAME=deb1.opensvc.com expect_rc 0 svc busybox.opensvc.com get --eval --kw container#1.image
[[ $OUT == b073e328878e ]] || fail "run_image alias not read as image: $OUT"
OSVC_NODENAME=deb1.opensvc.com expect_rc 0 svc busybox.opensvc.com get --eval --kw DEFAULT.env
[[ $OUT == DEV ]] || fail "service_type alias not read as env: $OUT"

"$examples/gen_spdsvc01" -n 4 -p 32 >"$OSVC_ROOT/etc/spdsvc01.conf"
validate_example spdsvc01 spd01
unsupported=$(grep -c 'driver [a-z]*\.gce is not supported; the resource is not managed' <<<"$findings" || true)
declared=$(awk '/^\[/{s=$0} /^type = gce$/{print s}' "$OSVC_ROOT/etc/spdsvc01.conf" | sort -u | wc -l)
((declared > 0)) || fail "the generator wrote no gce resource"
[[ $unsupported == "$declared" ]] || fail "spdsvc01: $unsupported gce warnings for $declared gce resources"
