#!/bin/sh
# Runs the test suite of the plain build (build/) under valgrind's
# memcheck: every cmocka program, and every run of `newsgraph` and
# `export-fixture` by the Python-driven tests (tools/valgrind-run). A test
# fails on any memory error or definite leak; tests/valgrind.supp holds
# the suppressions, all for third-party libraries. Left out: the
# hardening suite, which measures work and memory itself on inputs too big
# for memcheck, and render_large, which must draw 3,000 entities within a
# minute (the other render tests run the same code on smaller graphs).
# Ends with the totals of every process's ERROR SUMMARY.
# Slow (tens of minutes): not part of tools/test.sh.
#
#   sh tools/valgrind.sh [TEST...]      (default: all but those above)
set -u
cd "$(dirname "$0")/.."

meson compile -C build >/dev/null || exit 1
logs=$PWD/build/valgrind
rm -rf "$logs"
mkdir -p "$logs/links"
ln -s "$PWD/tools/valgrind-run" "$logs/links/newsgraph"
ln -s "$PWD/tools/valgrind-run" "$logs/links/export-fixture"

if [ $# -eq 0 ]; then
    # shellcheck disable=SC2046
    set -- $(meson test -C build --list --no-suite hardening 2>/dev/null |
             sed -n 's|^newsgraph:[^ ]* / ||p' | grep -vx render_large)
fi
NG_VALGRIND_LOGS=$logs NG_VALGRIND_LINKS=$logs/links \
NG_VALGRIND_SUPP=$PWD/tests/valgrind.supp \
    meson test -C build --wrapper "$PWD/tools/valgrind-run" --timeout-multiplier 20 \
        --print-errorlogs "$@"
status=$?

# Every process's summary: "ERROR SUMMARY: N errors from M contexts".
set -- "$logs"/*.log
cat "$@" | awk -v procs=$# '
    /ERROR SUMMARY:/ {errors += $4}
    /definitely lost:/ {gsub(",", "", $4); lost += $4}
    END {printf "valgrind: %d processes, %d errors, %d bytes definitely lost\n", procs, errors, lost}'
exit $status
