#!/bin/sh
# Builds and runs the whole test suite twice: as built for users, and
# under AddressSanitizer + UndefinedBehaviorSanitizer; then the unit tests
# and the seeds score once more with the byte scans' SIMD code off
# (-DNG_NO_SIMD), as machines without SSE2 run them; then runs every fuzz
# target for a minute (tools/fuzz.sh), each counted as one test.
# Warnings are errors when CI=true. Ends with one line "tests: N passed,
# M failed".
set -u
cd "$(dirname "$0")/.." || exit 1

werror=false
[ "${CI:-}" = true ] && werror=true

configure() {
    dir=$1
    shift
    if [ -f "$dir/build.ninja" ]; then
        meson setup --reconfigure "$dir" "$@" >/dev/null
    else
        meson setup "$dir" "$@" >/dev/null
    fi
}

# Prints "passed failed" from meson's summary of the last run in $1.
count() {
    awk '/^Ok:/ {ok = $2} /^(Fail|Unexpected Pass|Timeout):/ {bad += $NF}
         END {printf "%d %d\n", ok, bad}' "$1"
}

status=0
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for variant in plain sanitize portable; do
    dir=build
    opts="-Dwerror=$werror"
    suite=
    if [ $variant = sanitize ]; then
        dir=build-sanitize
        opts="$opts -Db_sanitize=address,undefined -Db_lundef=false"
    elif [ $variant = portable ]; then
        dir=build-portable
        opts="$opts -Dc_args=-DNG_NO_SIMD"
        suite="--suite unit --suite quality"
    fi
    echo "== $variant build ($dir)"
    # shellcheck disable=SC2086
    if ! configure "$dir" $opts || ! meson compile -C "$dir" >"$log" 2>&1; then
        cat "$log"
        echo "tests: 0 passed, 1 failed"
        exit 1
    fi
    # tests/lsan.supp: leaks inside Graphviz and its fonts, each explained
    # shellcheck disable=SC2086
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        meson test -C "$dir" $suite --print-errorlogs >"$log" 2>&1 || status=1
    cat "$log"
    # shellcheck disable=SC2046 # two numbers, split on purpose
    set -- $(count "$log")
    passed=$((passed + $1))
    failed=$((failed + $2))
done

echo "== fuzz (build-fuzz)"
sh tools/fuzz.sh >"$log" 2>&1 || status=1
cat "$log"
# shellcheck disable=SC2046 # two numbers, split on purpose
set -- $(grep -c 'nothing found$' "$log") $(grep -c ': FOUND' "$log")
passed=$((passed + $1))
failed=$((failed + $2))
# a build failure finds nothing and lists no target
[ $status = 0 ] || [ "$2" -gt 0 ] || failed=$((failed + 1))

echo "tests: $passed passed, $failed failed"
exit $status
