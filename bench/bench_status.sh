#!/bin/bash
# issue 3 benchmark: `print status --refresh` of a 48-resource service (24 fs.flag + 24 app.forking
# whose check is /bin/true). Prints "name value unit" lines: median wall time of 20 refreshes, peak
# RSS of one refresh, processes spawned per refresh. Usage: bench/bench_status.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: bench_status.sh BUILD_DIR}
svcmgr=$build/svcmgr
[[ -x $svcmgr ]] || { echo "bench_status: no $svcmgr" >&2; exit 1; }
root=$(mktemp -d /tmp/svcagent-bench-status.XXXXXX)
trap 'rm -rf --one-file-system "$root"' EXIT
export OSVC_ROOT=$root OSVC_NODENAME=node1
mkdir -p "$root/etc"
s=bench48
{
    for i in $(seq 1 24); do printf '[fs#%d]\ntype = flag\n\n' "$i"; done
    for i in $(seq 1 24); do
        printf '[app#%d]\ntype = forking\nstart = /bin/true\nstop = /bin/true\ncheck = /bin/true\n\n' "$i"
    done
} >"$root/etc/$s.conf"
"$svcmgr" -s $s start >/dev/null 2>&1
"$svcmgr" -s $s status || { echo "bench_status: $s is not up after start" >&2; exit 1; }

runs=20
times=()
for _ in $(seq 1 $runs); do
    t0=$(date +%s%N)
    "$svcmgr" -s $s print status --refresh >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
done
median_us=$(printf '%s\n' "${times[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
min_us=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
printf 'status_refresh_48_median %s ms\n' "$(awk -v u="$median_us" 'BEGIN {printf "%.1f", u / 1000}')"
printf 'status_refresh_48_min %s ms\n' "$(awk -v u="$min_us" 'BEGIN {printf "%.1f", u / 1000}')"

# the scripts' own cost: 24 x /bin/true, run serially, as a reference for the target
t0=$(date +%s%N)
for _ in $(seq 1 24); do /bin/true; done
t1=$(date +%s%N)
printf 'script_cost_24_true %s ms\n' "$(awk -v n=$((t1 - t0)) 'BEGIN {printf "%.1f", n / 1e6}')"

if [[ -x /usr/bin/time ]]; then
    rss=$(/usr/bin/time -v "$svcmgr" -s $s print status --refresh 2>&1 >/dev/null |
        sed -n 's/.*Maximum resident set size (kbytes): *//p')
else
    # fallback: VmHWM sampled until the process exits
    "$svcmgr" -s $s print status --refresh >/dev/null 2>&1 &
    pid=$! rss=0
    while kill -0 "$pid" 2>/dev/null; do
        v=$(sed -n 's/^VmHWM: *\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null || true)
        [[ -z $v ]] || ((v <= rss)) || rss=$v
    done
    wait "$pid" || true
fi
printf 'status_refresh_48_peak_rss %s KiB\n' "$rss"

if command -v strace >/dev/null 2>&1; then
    out=$root/strace.out
    strace -f -c -e trace=execve,execveat -o "$out" "$svcmgr" -s $s print status --refresh >/dev/null 2>&1
    execs=$(awk '$NF == "execve" || $NF == "execveat" {n += $4} END {print n + 0}' "$out")
    printf 'status_refresh_48_processes %d count\n' $((execs - 1))  # minus svcmgr's own exec
else
    n=$(wc -l <"$root/log/$s.log")
    "$svcmgr" -s $s print status --refresh --debug >/dev/null 2>"$root/debug.err" || true
    printf 'status_refresh_48_processes %d count\n' "$(grep -c 'exit code .* in [0-9]* ms' "$root/debug.err")"
fi
"$svcmgr" -s $s stop >/dev/null 2>&1
