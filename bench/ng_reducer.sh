#!/bin/sh
# Hadoop Streaming reducer: reads the mapper's lines (KEY<TAB>graph JSON),
# merges all the graphs with `newsgraph merge` and writes the merged graph
# as JSON on standard output. Run it as the only reducer
# (-numReduceTasks 1). Environment: NG_BIN (default: newsgraph on PATH).
set -u
ng=${NG_BIN:-newsgraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tab=$(printf '\t')

n=0
while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] || continue
    n=$((n + 1))
    printf '%s\n' "${line#*"$tab"}" > "$tmp/$n.json"
done
if [ $n -eq 0 ]; then
    echo "ng_reducer: no graphs to merge" >&2
    exit 1
fi
# the order does not matter: merge writes a canonical order
"$ng" merge -q "$tmp"/*.json -o -
