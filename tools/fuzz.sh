#!/bin/sh
# Builds the libFuzzer targets of fuzz/ in build-fuzz (clang, ASan+UBSan)
# and runs each for FUZZ_SECONDS seconds (default 60), FUZZ_JOBS at a time
# (default 2), each from a scratch copy of its seed corpus so that
# fuzz/corpus stays as committed. Fails if any target finds a crash, a
# leak, a timeout or runs out of memory; the input that did it is kept in
# build-fuzz/findings/, the log in build-fuzz/logs/.
#
#   sh tools/fuzz.sh                      every target, about a minute each
#   FUZZ_SECONDS=600 FUZZ_JOBS=1 sh tools/fuzz.sh dict json
set -u
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
[ $# -gt 0 ] || set -- extract dict json graphml dot

if [ -f build-fuzz/build.ninja ]; then
    meson setup --reconfigure build-fuzz >/dev/null || exit 1
else
    CC=clang meson setup build-fuzz -Dfuzzing=enabled -Dtests=disabled \
        -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 1
fi
meson compile -C build-fuzz >/dev/null || exit 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p build-fuzz/logs build-fuzz/findings

# Runs one target; its exit status is libFuzzer's (0: nothing found).
fuzz() {
    mkdir -p "$work/$1"
    cp fuzz/corpus/"$1"/* "$work/$1"/
    LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        build-fuzz/fuzz/fuzz_"$1" -max_total_time="$seconds" -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 -artifact_prefix="build-fuzz/findings/$1-" \
        "$work/$1" >"build-fuzz/logs/$1.log" 2>&1
}

# Prints one line per target: executions, seconds, coverage, verdict.
summarise() {
    log=build-fuzz/logs/$1.log
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    time=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
    echo "fuzz_$1: ${runs:-?} executions in ${time:-?} s, $cov: $2"
}

status=0
pending=""   # "target:pid" of the runs under way, oldest first

# Waits for the oldest run and reports it.
reap() {
    first=${pending%% *}
    pending=${pending#"$first"}
    pending=${pending# }
    if wait "${first#*:}"; then
        summarise "${first%%:*}" "nothing found"
    else
        summarise "${first%%:*}" "FOUND, see build-fuzz/logs/${first%%:*}.log"
        status=1
    fi
}

running=0
for target in "$@"; do
    if [ ! -d "fuzz/corpus/$target" ]; then
        echo "fuzz: no target '$target'" >&2
        exit 2
    fi
    if [ "$running" -ge "$jobs" ]; then
        reap
        running=$((running - 1))
    fi
    fuzz "$target" &
    pending="${pending:+$pending }$target:$!"
    running=$((running + 1))
done
while [ -n "$pending" ]; do
    reap
done
exit $status
