#!/usr/bin/python3
"""Benchmarks newsgraph on generated corpora.

    bench/run.py                          # 10M and 100M, 3 runs each
    bench/run.py --sizes 10M,100M,1G --runs 5
    bench/run.py --bin build/src/cli/newsgraph --sizes 2M --runs 1
    bench/run.py --sizes 1G --runs 1 --queries-up-to 100M

For each size it generates the corpus with bench/gen_corpus.py unless it is
already in the cache (--corpus-dir, default bench/corpus/), then measures,
--runs times, on that corpus:

* extraction: `newsgraph extract DIR -o g.json`, single-threaded, and with
  `--jobs 2` when `newsgraph extract --help` offers --jobs; wall time, peak
  resident memory (/usr/bin/time -v), the single thread's user and system
  CPU time, MiB/s and sentences/s (sentences: the sum of the JSON export's
  per-document sentence counts);
* the corpus is read once, untimed, before each timed command that reads
  it, so that every one of them finds it in the page cache;
* baselines over the same files: `LC_ALL=C wc -w` and
  `LC_ALL=C grep -F -o -f NAMES` (NAMES: every name, alias, demonym,
  capital and metonym of the default dictionary, data/*.tsv), and the
  ratio of extraction to each;
* exports: `convert` JSON to GraphML and to DOT, and one extraction
  writing JSON, GraphML and DOT; the size of each file;
* one query, the entities within two hops of the most connected entity
  through `supplies` edges: `newsgraph neighbours` on the JSON, NetworkX on
  the same JSON (bench/nx_neighbours.py) and gvpr on the DOT export
  (bench/neighbours.gvpr); the three answers must agree.

Exports and queries are measured only on corpora up to --queries-up-to
(default 100M): past that, NetworkX would need many times the memory of the
JSON export (2.4 GiB for 1G), and the figures that matter there are the
extraction's time, memory and linearity.

It prints a Markdown report (min, median and max over the runs, the
machine, the time per MiB for each size) and saves it as
bench/results/<date>-<host>.md (-2, -3... for later runs that day).
Without --bin it builds the binary it measures in build-bench/,
configured with --buildtype=release -Db_lto=true.
"""

import argparse
import collections
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_corpus  # noqa: E402

MIB = 1 << 20
ENTITY_KINDS = ("person", "country", "organization", "place")
NAME_KEYS = ("alias", "demonym", "capital", "metonym")


def log(msg):
    print(f"run: {msg}", file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


# A release build with link-time optimisation: the pipeline's stages call
# each other across files, and LTO lets the compiler inline across them.
RELEASE_OPTIONS = ["--buildtype=release", "-Db_lto=true"]


def build_release():
    build = os.path.join(ROOT, "build-bench")
    if not os.path.exists(os.path.join(build, "build.ninja")):
        log("configuring build-bench (release, LTO)")
        sh(["meson", "setup", build] + RELEASE_OPTIONS, cwd=ROOT)
    else:
        sh(["meson", "configure", build] + RELEASE_OPTIONS, cwd=ROOT)
    log("building build-bench")
    sh(["meson", "compile", "-C", build])
    return os.path.join(build, "src", "cli", "newsgraph")


def build_type(binary):
    """The buildtype and optimisation of the Meson build dir the binary is in."""
    d = os.path.dirname(os.path.abspath(binary))
    while d != os.path.dirname(d):
        info = os.path.join(d, "meson-info", "intro-buildoptions.json")
        if os.path.exists(info):
            with open(info, encoding="utf-8") as f:
                opts = {o["name"]: o["value"] for o in json.load(f)}
            return (f"{opts.get('buildtype')} (optimization={opts.get('optimization')}, "
                    f"b_lto={opts.get('b_lto')}, b_ndebug={opts.get('b_ndebug')}, "
                    f"b_sanitize={opts.get('b_sanitize')}) "
                    f"in {os.path.relpath(d, ROOT)}")
        d = os.path.dirname(d)
    return "unknown (not in a Meson build directory)"


def tool_version(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    return (p.stdout + p.stderr).strip().splitlines()[0] if p.stdout + p.stderr else "unknown"


def machine(binary):
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / (1 << 20):.1f} GiB"
    try:
        commit = sh(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]).strip()
        if sh(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"]).strip():
            commit += " (with uncommitted changes)"
    except (subprocess.CalledProcessError, FileNotFoundError):
        commit = "unknown"
    cc = sh(["cc", "--version"]).splitlines()[0] if shutil.which("cc") else "unknown"
    return [
        ("host", socket.gethostname()),
        ("CPU", cpu),
        ("cores", str(os.cpu_count())),
        ("RAM", mem),
        ("kernel", f"{platform.system()} {platform.release()}"),
        ("compiler", cc),
        ("newsgraph", sh([binary, "--version"]).strip()),
        ("git commit", commit),
        ("build", build_type(binary)),
        ("Python (NetworkX)", f"{platform.python_version()}, networkx "
         + sh(["/usr/bin/python3", "-c", "import networkx; print(networkx.__version__)"]).strip()),
        ("gvpr", tool_version(["gvpr", "-V"])),
    ]


def dictionary_names(path):
    """Every name of an entity in the default dictionary, one per line."""
    names = set()
    for fname in sorted(os.listdir(gen_corpus.DATA)):
        if not fname.endswith(".tsv"):
            continue
        for kind, name, keys in gen_corpus.read_tsv(fname):
            if kind in ENTITY_KINDS:
                names.add(name)
                for k in NAME_KEYS:
                    names.update(keys.get(k, []))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(names)) + "\n")
    return len(names)


def ensure_corpus(cache, seed, size_text):
    out = os.path.join(cache, f"seed{seed}-{size_text}")
    marker = os.path.join(out, ".corpus.json")
    if not os.path.exists(marker):
        log(f"generating {out}")
        gen_corpus.generate(out, seed, gen_corpus.parse_size(size_text), 5000, 2000, 500,
                            quiet=True)
    with open(marker, encoding="utf-8") as f:
        return out, json.load(f)


def list_files(corpus, listfile):
    """The corpus's pages (not the hidden files), NUL-separated, in path order."""
    files = []
    for d, dirs, names in os.walk(corpus):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        files += [os.path.join(d, n) for n in sorted(names) if not n.startswith(".")]
    with open(listfile, "w", encoding="utf-8") as f:
        f.write("\0".join(files) + "\0")
    return len(files), sum(os.path.getsize(p) for p in files)


Timing = collections.namedtuple("Timing", "wall rss user system stdout")


def timed(cmd, ok=(0,), shell=False):
    """Runs a command under /usr/bin/time -v: a Timing of its wall seconds,
    peak RSS (KiB), user and system CPU seconds, and standard output."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = ["/usr/bin/time", "-v", "-o", tf.name]
        full += ["sh", "-c", cmd] if shell else cmd
        env = dict(os.environ, LC_ALL="C")
        t0 = time.perf_counter()
        p = subprocess.run(full, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - t0
        if p.returncode not in ok:
            sys.exit(f"run: {' '.join(cmd) if not shell else cmd} failed ({p.returncode}):\n"
                     + p.stderr[-2000:])
        fields = {}
        for line in tf.read().splitlines():
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
    return Timing(wall, int(fields["Maximum resident set size (kbytes)"]),
                  float(fields["User time (seconds)"]), float(fields["System time (seconds)"]),
                  p.stdout)


def warm(listfile):
    """Reads every page of the corpus, untimed, so that the command timed
    next finds all of it in the page cache. The baselines, run after an
    extraction, would find it there anyway; the extraction, run after the
    queries, might not: a system may drop file pages unused for a few
    seconds (this benchmark's machine does after 30, see the README)."""
    subprocess.run(f"xargs -0 -a '{listfile}' cat > /dev/null", shell=True, check=True)


def measure(binary, corpus, work, listfile, names, jobs, entity, run, queries=True):
    """One run of every figure: {name: value}. Without `queries`, only the
    extraction and the baselines. Each command that reads the corpus finds
    it in the page cache (warm)."""
    ng = binary
    r = {}
    g = os.path.join(work, "g.json")
    warm(listfile)
    # extract exits 1 when an input was skipped or repaired; the figures still count
    t = timed([ng, "extract", "-q", corpus, "-o", g], ok=(0, 1))
    r["extract_s"], r["extract_rss"] = t.wall, t.rss
    r["extract_user_s"], r["extract_system_s"] = t.user, t.system
    if jobs:
        gj = os.path.join(work, "g-jobs.json")
        warm(listfile)
        t = timed([ng, "extract", "-q", "--jobs", "2", corpus, "-o", gj], ok=(0, 1))
        r["extract_jobs_s"], r["extract_jobs_rss"] = t.wall, t.rss
        if run == 0 and not same_file(g, gj):
            log("warning: the --jobs 2 graph differs from the single-threaded one")
            r["jobs_differs"] = 1
    warm(listfile)
    r["wc_s"] = timed(f"xargs -0 -a '{listfile}' wc -w | tail -n 1", shell=True).wall
    warm(listfile)
    t = timed(f"xargs -0 -a '{listfile}' grep -h -F -o -f '{names}' | wc -l", shell=True)
    r["grep_s"], r["grep_matches"] = t.wall, int(t.stdout.strip() or 0)
    r["size_json"] = os.path.getsize(g)
    if not queries:
        return r
    r["convert_graphml_s"] = timed([ng, "convert", g, "-o", os.path.join(work, "g.graphml")]).wall
    r["convert_dot_s"] = timed([ng, "convert", g, "-o", os.path.join(work, "g.dot")]).wall
    x = [os.path.join(work, "x." + e) for e in ("json", "graphml", "dot")]
    warm(listfile)
    t = timed([ng, "extract", "-q", corpus, "-o", x[0], "-o", x[1], "-o", x[2]], ok=(0, 1))
    r["extract3_s"], r["extract3_rss"] = t.wall, t.rss
    for e in ("graphml", "dot"):
        r[f"size_{e}"] = os.path.getsize(os.path.join(work, "g." + e))

    ent_id, ent_label = entity(g) if run == 0 else measure.entity
    measure.entity = (ent_id, ent_label)
    t = timed([ng, "neighbours", g, ent_label, "--relation", "supplies", "--depth", "2",
               "-f", "tsv"])
    r["ng_query_s"], r["ng_query_rss"] = t.wall, t.rss
    ng_count = len({line.split("\t")[1] for line in t.stdout.splitlines()[1:]})
    t = timed(["/usr/bin/python3", os.path.join(HERE, "nx_neighbours.py"), g, ent_id, "supplies"])
    r["nx_query_s"], r["nx_query_rss"] = t.wall, t.rss
    lines = t.stdout.split()
    nx_count = int(lines[0])
    r["nx_load_s"], r["nx_search_s"] = float(lines[2]), float(lines[4])
    t = timed(["gvpr", "-f", os.path.join(HERE, "neighbours.gvpr"), "-a", f"{ent_id} supplies",
               os.path.join(work, "g.dot")])
    r["gvpr_query_s"], r["gvpr_query_rss"] = t.wall, t.rss
    gvpr_count = int(t.stdout.strip())
    if not ng_count == nx_count == gvpr_count:
        log(f"warning: the answers differ: newsgraph {ng_count}, NetworkX {nx_count}, "
            f"gvpr {gvpr_count}")
    r["query_answer"] = ng_count
    r["query_agree"] = int(ng_count == nx_count == gvpr_count)
    return r


def same_file(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def busiest(binary):
    def entity(graph):
        top = json.loads(sh([binary, "stats", graph, "--top", "1", "--format", "json"]))
        e = top["most_connected"][0]
        return e["id"], e["label"]
    return entity


def graph_facts(binary, path):
    """The graph's counts, from `newsgraph stats` (Python's json would need
    several times the file's size in memory on the largest corpora)."""
    s = json.loads(sh([binary, "stats", path, "--top", "0", "--format", "json"]))
    return {
        "documents": s["documents"]["count"],
        "sentences": s["documents"]["sentences"],
        "entities": s["entities"]["count"],
        "edges": s["edges"]["count"],
        "evidence": s["edges"]["evidence"],
    }


def mmm(values, fmt):
    v = sorted(values)
    return [fmt(v[0]), fmt(statistics.median(v)), fmt(v[-1])]


def report_queries(w, runs, d):
    """The export and query rows of one size, and the lines under its table."""
    col = lambda k: [r[k] for r in runs]  # noqa: E731
    s1 = lambda x: f"{x:.3f}"    # noqa: E731
    s2 = lambda x: f"{x:.2f}"    # noqa: E731
    mib = lambda x: f"{x / 1024:.1f}"  # noqa: E731  (KiB to MiB)
    w("| convert JSON to GraphML (s) | " + " | ".join(mmm(col("convert_graphml_s"), s1)) + " |")
    w("| convert JSON to DOT (s) | " + " | ".join(mmm(col("convert_dot_s"), s1)) + " |")
    w("| extract to JSON+GraphML+DOT (s) | " + " | ".join(mmm(col("extract3_s"), s1)) + " |")
    w("| extract to JSON+GraphML+DOT peak memory (MiB) | "
      + " | ".join(mmm(col("extract3_rss"), mib)) + " |")
    w("| query: `newsgraph neighbours` (s) | " + " | ".join(mmm(col("ng_query_s"), s1)) + " |")
    w("| query: NetworkX, whole process (s) | "
      + " | ".join(mmm(col("nx_query_s"), s1)) + " |")
    w("| query: NetworkX, json.load + node_link_graph (s) | "
      + " | ".join(mmm(col("nx_load_s"), s1)) + " |")
    w("| query: NetworkX, the search alone (s) | "
      + " | ".join(mmm(col("nx_search_s"), lambda x: f"{x:.4f}")) + " |")
    w("| query: gvpr on the DOT export (s) | " + " | ".join(mmm(col("gvpr_query_s"), s1)) + " |")
    w("| NetworkX / newsgraph | "
      + " | ".join(mmm([r["nx_query_s"] / r["ng_query_s"] for r in runs], s2)) + " |")
    w("| gvpr / newsgraph | "
      + " | ".join(mmm([r["gvpr_query_s"] / r["ng_query_s"] for r in runs], s2)) + " |")
    for k, what in (("ng_query_rss", "newsgraph"), ("nx_query_rss", "NetworkX"),
                    ("gvpr_query_rss", "gvpr")):
        w(f"| query peak memory, {what} (MiB) | " + " | ".join(mmm(col(k), mib)) + " |")
    w("")
    agree = all(r["query_agree"] for r in runs)
    w(f"Query: entities within 2 hops of {d['entity'][1]} (`{d['entity'][0]}`, the most "
      f"connected entity) through `supplies` edges in either direction: "
      f"{runs[0]['query_answer']:,} entities; the three tools "
      + ("agree." if agree else "**disagree** (see the warnings)."))
    w("")
    w(f"Export sizes: JSON {runs[0]['size_json'] / MIB:.1f} MiB, GraphML "
      f"{runs[0]['size_graphml'] / MIB:.1f} MiB, DOT {runs[0]['size_dot'] / MIB:.1f} MiB. "
      f"`grep -F` found {runs[0]['grep_matches']:,} dictionary names (case-sensitive).")


def report(args, mach, per_size, jobs):
    out = []
    w = out.append
    w(f"# newsgraph benchmark, {datetime.date.today().isoformat()}, {socket.gethostname()}")
    w("")
    w(f"Command: `bench/run.py --sizes {','.join(args.sizes)} --runs {args.runs} "
      f"--seed {args.seed} --queries-up-to {args.queries_up_to}"
      + (f" --bin {args.bin}" if args.bin else "") + "`")
    w("")
    w("| machine | |")
    w("|---|---|")
    for k, v in mach:
        w(f"| {k} | {v} |")
    w("")
    w("Times are wall-clock seconds, min / median / max over the runs; MiB = 2^20 bytes;"
      " memory is the peak resident set size (/usr/bin/time -v). Ratios are taken per run."
      " The baselines read the files from a list; newsgraph walks the directory itself."
      " Every command that reads the corpus is timed right after an untimed read of all"
      " of it, so each finds it in the page cache.")
    w("")
    s1 = lambda x: f"{x:.3f}"    # noqa: E731
    s2 = lambda x: f"{x:.2f}"    # noqa: E731
    s0 = lambda x: f"{x:,.0f}"   # noqa: E731
    mib = lambda x: f"{x / 1024:.1f}"  # noqa: E731  (KiB to MiB)
    for size, d in per_size:
        runs, facts, meta, nfiles, nbytes, load = (d["runs"], d["facts"], d["meta"], d["files"],
                                                   d["bytes"], d["load"])
        col = lambda k: [r[k] for r in runs]  # noqa: E731
        mb = nbytes / MIB
        w(f"## {size}: {nbytes / MIB:.1f} MiB, {nfiles:,} files, seed {args.seed}")
        w("")
        w(f"Graph: {facts['documents']:,} documents, {facts['sentences']:,} sentences, "
          f"{facts['entities']:,} entities, {facts['edges']:,} edges, "
          f"{facts['evidence']:,} evidence records. Load average before the runs: "
          f"{load[0]}; after: {load[1]}.")
        w("")
        w("| figure | min | median | max |")
        w("|---|---|---|---|")
        w("| extract, 1 thread (s) | " + " | ".join(mmm(col("extract_s"), s1)) + " |")
        w("| extract throughput (MiB/s) | "
          + " | ".join(mmm([mb / t for t in col("extract_s")], s2)) + " |")
        w("| extract throughput (MB/s, 10^6 bytes) | "
          + " | ".join(mmm([nbytes / 1e6 / t for t in col("extract_s")], s2)) + " |")
        w("| extract throughput (sentences/s) | "
          + " | ".join(mmm([facts["sentences"] / t for t in col("extract_s")], s0)) + " |")
        w("| extract, 1 thread: user CPU (s) | "
          + " | ".join(mmm(col("extract_user_s"), s2)) + " |")
        w("| extract, 1 thread: system CPU (s) | "
          + " | ".join(mmm(col("extract_system_s"), s2)) + " |")
        w("| extract peak memory (MiB) | " + " | ".join(mmm(col("extract_rss"), mib)) + " |")
        if jobs:
            w("| extract --jobs 2 (s) | " + " | ".join(mmm(col("extract_jobs_s"), s1)) + " |")
            w("| extract --jobs 2 throughput (MiB/s) | "
              + " | ".join(mmm([mb / t for t in col("extract_jobs_s")], s2)) + " |")
            w("| extract --jobs 2 peak memory (MiB) | "
              + " | ".join(mmm(col("extract_jobs_rss"), mib)) + " |")
            w("| speed-up of --jobs 2 (1 thread / 2 threads, per run) | "
              + " | ".join(mmm([r["extract_s"] / r["extract_jobs_s"] for r in runs], s2)) + " |")
        else:
            w("| extract --jobs 2 | not offered by this binary | | |")
        w("| `wc -w` (s) | " + " | ".join(mmm(col("wc_s"), s1)) + " |")
        w("| `grep -F -o -f NAMES` (s) | " + " | ".join(mmm(col("grep_s"), s1)) + " |")
        w("| extract / `wc -w` | "
          + " | ".join(mmm([r["extract_s"] / r["wc_s"] for r in runs], s2)) + " |")
        w("| extract / `grep -F` | "
          + " | ".join(mmm([r["extract_s"] / r["grep_s"] for r in runs], s2)) + " |")
        if "ng_query_s" in runs[0]:
            report_queries(w, runs, d)
        else:
            w("")
            w(f"Exports and queries: not measured at this size (--queries-up-to). JSON export "
              f"{runs[0]['size_json'] / MIB:.1f} MiB. `grep -F` found {runs[0]['grep_matches']:,} dictionary names (case-sensitive).")
        if jobs and any(r.get("jobs_differs") for r in runs):
            w("")
            w("**The --jobs 2 graph differs from the single-threaded one.**")
        stated = meta["relations_stated"]
        w("")
        w("Relations the generator stated (distinct per page): " + "; ".join(
            f"{rel} " + ", ".join(f"{m} {stated[rel][m]:,}" for m in gen_corpus.MODALITIES)
            for rel in gen_corpus.RELATIONS) + ".")
        w("")
    if len(per_size) > 1:
        w("## Linearity")
        w("")
        w("| size | MiB | extract s/MiB (median) | peak memory (MiB) |"
          + (" --jobs 2 s/MiB |" if jobs else ""))
        w("|---|---|---|---|" + ("---|" if jobs else ""))
        for size, d in per_size:
            mb = d["bytes"] / MIB
            runs = d["runs"]
            row = (f"| {size} | {mb:.1f} | "
                   f"{statistics.median(r['extract_s'] for r in runs) / mb:.4f} | "
                   f"{statistics.median(r['extract_rss'] for r in runs) / 1024:.1f} |")
            if jobs:
                row += f" {statistics.median(r['extract_jobs_s'] for r in runs) / mb:.4f} |"
            w(row)
        w("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10M,100M", help="corpus sizes (default 10M,100M)")
    ap.add_argument("--queries-up-to", default="100M",
                    help="the largest size whose exports and queries are measured (default 100M)")
    ap.add_argument("--runs", type=int, default=3, help="repetitions (default 3)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--bin", help="the newsgraph to measure (default: build a release build)")
    ap.add_argument("--corpus-dir", default=os.path.join(HERE, "corpus"),
                    help="cache of generated corpora (default bench/corpus)")
    ap.add_argument("--results-dir", default=os.path.join(HERE, "results"))
    args = ap.parse_args()
    args.sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for s in args.sizes + [args.queries_up_to]:
        gen_corpus.parse_size(s)
    for tool in ("/usr/bin/time", "gvpr", "xargs", "wc", "grep"):
        if not shutil.which(tool):
            sys.exit(f"run: {tool} is missing (tools/bootstrap.sh installs it)")

    binary = os.path.abspath(args.bin) if args.bin else build_release()
    helptext = subprocess.run([binary, "extract", "--help"], capture_output=True, text=True)
    jobs = "--jobs" in helptext.stdout + helptext.stderr
    log(f"measuring {binary}" + (" (with --jobs 2)" if jobs else " (no --jobs)"))
    mach = machine(binary)

    per_size = []
    with tempfile.TemporaryDirectory(prefix="ng-bench-") as work:
        names = os.path.join(work, "names.txt")
        nnames = dictionary_names(names)
        log(f"{nnames} dictionary names in {names}")
        for size in args.sizes:
            corpus, meta = ensure_corpus(args.corpus_dir, args.seed, size)
            listfile = os.path.join(work, "files.lst")
            nfiles, nbytes = list_files(corpus, listfile)
            load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
            runs = []
            for i in range(args.runs):
                log(f"{size}: run {i + 1} of {args.runs}")
                queries = gen_corpus.parse_size(size) <= gen_corpus.parse_size(args.queries_up_to)
                runs.append(measure(binary, corpus, work, listfile, names, jobs,
                                    busiest(binary), i, queries))
            load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
            per_size.append((size, {
                "runs": runs, "facts": graph_facts(binary, os.path.join(work, "g.json")), "meta": meta,
                "files": nfiles, "bytes": nbytes, "load": (load_before, load_after),
                "entity": measure.entity if queries else None}))
    text = report(args, mach, per_size, jobs)
    print(text)
    os.makedirs(args.results_dir, exist_ok=True)
    stem = f"{datetime.date.today().isoformat()}-{re.sub(r'[^A-Za-z0-9.-]', '_', socket.gethostname())}"
    path = os.path.join(args.results_dir, stem + ".md")
    for n in range(2, 1000):  # a second run on the same day keeps the first
        if not os.path.exists(path):
            break
        path = os.path.join(args.results_dir, f"{stem}-{n}.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    log(f"saved {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
