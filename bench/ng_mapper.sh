#!/bin/sh
# Hadoop Streaming mapper: reads shard paths, one per line (a line
# "KEY<TAB>PATH", as NLineInputFormat gives, is read as PATH), extracts
# each shard and writes one line per shard: PATH<TAB>the graph as JSON on
# one line (JSON strings hold no raw newline or tab, so this is lossless).
# A path that is not on the local file system is fetched first with
# `hadoop fs -get`. Environment: NG_BIN (default: newsgraph on PATH),
# NG_LABEL (the graph label, the same for every shard; default: corpus).
set -u
ng=${NG_BIN:-newsgraph}
label=${NG_LABEL:-corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tab=$(printf '\t')

while IFS= read -r line || [ -n "$line" ]; do
    path=${line##*"$tab"}
    [ -n "$path" ] || continue
    local_path=$path
    if [ ! -e "$path" ]; then
        rm -rf "$tmp/shard"
        mkdir "$tmp/shard"
        hadoop fs -get "$path" "$tmp/shard/" || exit 1
        local_path=$tmp/shard
    fi
    # exit 1 means some input was skipped or repaired: the graph is still good
    "$ng" extract -q --label "$label" "$local_path" -o "$tmp/graph.json"
    status=$?
    if [ $status -gt 1 ]; then
        echo "ng_mapper: newsgraph extract $path failed ($status)" >&2
        exit $status
    fi
    printf '%s\t' "$path"
    tr -d '\n' < "$tmp/graph.json"
    printf '\n'
done
