#!/usr/bin/python3
"""Scale-out: the graph of a corpus extracted in shards and merged is the
graph of the whole corpus.

Generates a small corpus with bench/gen_corpus.py (fixed seed; twice, to
check the generator is deterministic), splits its files into 3 shards,
extracts each shard with the same --label and merges the three graphs,
then compares with one extraction of the whole corpus, in canonical form
(`newsgraph merge whole.json`): merge writes entities, edges and
evidence in a canonical order, extract in the order of the documents.
Checks that keeping evidence records in a temporary file
(--evidence-memory 0) writes the same JSON, GraphML and DOT, and leaves
nothing behind. Then does the same through bench/ng_mapper.sh and
bench/ng_reducer.sh as Hadoop Streaming would (cat list | mapper | sort |
reducer).
"""

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.environ.get("NG_SOURCE_ROOT") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NG = os.environ.get("NG_BIN") or os.path.join(ROOT, "build", "src", "cli", "newsgraph")
GEN = os.path.join(ROOT, "bench", "gen_corpus.py")
MAPPER = os.path.join(ROOT, "bench", "ng_mapper.sh")
REDUCER = os.path.join(ROOT, "bench", "ng_reducer.sh")
LABEL = "scale-test"
failures = []


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, **kw)
    if p.returncode != 0:
        sys.exit(f"FAIL: {cmd} exited {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p.stdout


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def same_tree(a, b):
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.diff_files or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(
        same_tree(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def main():
    with tempfile.TemporaryDirectory(prefix="ng-scale-") as tmp:
        corpus = os.path.join(tmp, "corpus")
        again = os.path.join(tmp, "corpus-again")
        for out in (corpus, again):
            run(["/usr/bin/python3", GEN, "--seed", "42", "--size", "2M", "--out", out, "-q"])
        check(same_tree(corpus, again), "same seed and size give a byte-identical corpus")

        files = sorted(os.path.join(d, n) for d, _, ns in os.walk(corpus)
                       for n in ns if not n.startswith("."))
        shards = []
        for k in range(3):
            shard = os.path.join(tmp, "shards", f"shard{k + 1}")
            os.makedirs(shard)
            part = files[k * len(files) // 3:(k + 1) * len(files) // 3]
            for f in part:
                shutil.copy(f, shard)
            shards.append(shard)
        print(f"     {len(files)} files in shards of "
              + ", ".join(str(len(os.listdir(s))) for s in shards))

        graphs = []
        for k, shard in enumerate(shards):
            g = os.path.join(tmp, f"part{k + 1}.json")
            run([NG, "extract", "-q", "--label", LABEL, shard, "-o", g])
            graphs.append(g)
        whole = os.path.join(tmp, "whole.json")
        run([NG, "extract", "-q", "--label", LABEL, corpus, "-o", whole])
        canonical = os.path.join(tmp, "canonical.json")
        run([NG, "merge", whole, "-o", canonical])
        merged = os.path.join(tmp, "merged.json")
        run([NG, "merge", *graphs, "-o", merged])
        check(filecmp.cmp(merged, canonical, shallow=False),
              "merge of the 3 shard graphs = the whole corpus's graph (canonical form)")
        merged_rev = os.path.join(tmp, "merged-rev.json")
        run([NG, "merge", *reversed(graphs), "-o", merged_rev])
        check(filecmp.cmp(merged_rev, merged, shallow=False),
              "merging the shards in another order gives the same bytes")
        check(filecmp.cmp(merged, whole, shallow=False) or same_content(merged, whole),
              "the merged graph holds what the plain extraction holds (same JSON values "
              "up to the order of entities, edges and evidence)")

        # Evidence records moved to a temporary file give the same files,
        # and the file is gone afterwards.
        spill_dir = os.path.join(tmp, "spill")
        os.makedirs(spill_dir)
        outputs = {}
        for mode, extra in (("memory", []), ("disk", ["--evidence-memory", "0"])):
            outputs[mode] = [os.path.join(tmp, f"{mode}.{ext}") for ext in ("json", "graphml", "dot")]
            cmd = [NG, "extract", "-q", "--label", LABEL, corpus, *extra]
            for out in outputs[mode]:
                cmd += ["-o", out]
            run(cmd, env=dict(os.environ, TMPDIR=spill_dir))
        for mem, disk in zip(outputs["memory"], outputs["disk"]):
            check(filecmp.cmp(mem, disk, shallow=False),
                  f"--evidence-memory 0 writes the same {os.path.splitext(mem)[1]} file")
        check(os.listdir(spill_dir) == [], "the evidence file leaves nothing in TMPDIR")

        # Hadoop Streaming, simulated: the input is a list of shard paths.
        listing = "".join(s + "\n" for s in shards).encode()
        env = dict(os.environ, NG_BIN=NG, NG_LABEL=LABEL)
        mapped = run(["sh", MAPPER], input=listing, env=env)
        lines = mapped.decode().splitlines()
        check(len(lines) == 3 and all("\t" in x for x in lines),
              "the mapper writes one KEY<TAB>graph line per shard")
        reduced = run(["sh", REDUCER], input=b"".join(sorted(mapped.splitlines(True))), env=env)
        streamed = os.path.join(tmp, "streamed.json")
        with open(streamed, "wb") as f:
            f.write(reduced)
        check(filecmp.cmp(streamed, canonical, shallow=False),
              "cat list | mapper | sort | reducer = the whole corpus's graph (canonical form)")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


def same_content(a, b):
    """The two JSON graphs hold the same nodes, edges and documents, in any order."""
    import json

    def norm(path):
        with open(path, encoding="utf-8") as f:
            g = json.load(f)["graph"]
        meta = dict(g["metadata"])
        meta["documents"] = sorted(json.dumps(d, sort_keys=True) for d in meta["documents"])
        nodes = sorted(json.dumps(n, sort_keys=True) for n in g["nodes"])
        edges = []
        for e in g["edges"]:
            e = dict(e, metadata=dict(e["metadata"]))
            e.pop("id")
            e["metadata"]["evidence"] = sorted(json.dumps(x, sort_keys=True)
                                               for x in e["metadata"]["evidence"])
            edges.append(json.dumps(e, sort_keys=True))
        return meta, nodes, sorted(edges), {k: v for k, v in g.items()
                                            if k not in ("metadata", "nodes", "edges")}
    return norm(a) == norm(b)


if __name__ == "__main__":
    sys.exit(main())
