#!/bin/sh
# Installs the Debian packages that building and testing newsgraph need
# (only the missing ones), then configures the build directory `build`.
# The fonts are for diagrams: PNG and PDF are drawn with the fonts
# fontconfig finds, and names in Korean, Chinese and Japanese need Noto
# CJK, Cyrillic and Greek DejaVu. clang and its runtime build the fuzz
# targets; valgrind counts the work of pathological inputs (and runs
# tools/valgrind.sh); GNU time measures their memory and bench/run.py's.
# Run as root, or as a user who may use sudo.
set -eu
cd "$(dirname "$0")/.."

packages="
  meson ninja-build pkg-config gcc
  libgraphviz-dev graphviz libjansson-dev libxml2-dev libutf8proc-dev libcmocka-dev
  libxml2-utils python3 python3-networkx python3-igraph python3-jsonschema python3-graph-tool
  python3-pygraphviz fontconfig fonts-dejavu-core fonts-noto-cjk
  clang libclang-rt-14-dev valgrind time
"

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done

if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "bootstrap: installing$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

[ -f build/build.ninja ] || meson setup build
