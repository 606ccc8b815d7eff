"""The extractor's score on the sample corpus, measured the way users
measure it: `newsgraph extract seeds` then `newsgraph eval` against the
hand-made annotations in tests/data/seeds.gold.jsonl.

Two thresholds: the quality bar the product promises (precision 0.85,
recall 0.75, strict F1 0.70, no duplicate nodes), and the floor, the
figures the extractor has reached. The floor only rises: when a change
improves the score, raise it here in the same commit.
"""
import json
import os
import subprocess
import sys
import tempfile

BIN = os.environ["NG_BIN"]
ROOT = os.environ["NG_SOURCE_ROOT"]
GOLD = os.path.join(ROOT, "tests", "data", "seeds.gold.jsonl")

BAR = {"precision": 0.85, "recall": 0.75, "strict_f1": 0.70}
FLOOR = {"precision": 0.96, "recall": 0.77, "f1": 0.85, "strict_f1": 0.81}


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.exit(f"newsgraph {' '.join(args)}: exit {p.returncode}\n{p.stderr}")
    return p.stdout


def figures(*args):
    """The JSON that `eval --json` prints before its closing F1 line."""
    out = run("eval", "--json", *args)
    return json.JSONDecoder().raw_decode(out)[0]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        graph = os.path.join(tmp, "graph.json")
        run("extract", os.path.join(ROOT, "seeds"), "-o", graph)
        primary = figures(GOLD, graph)
        strict = figures("--strict", GOLD, graph)
    p = primary["relations"]["all"]
    s = strict["relations"]["all"]
    got = {"precision": p["precision"], "recall": p["recall"], "f1": p["f1"],
           "strict_f1": s["f1"]}
    print("seeds:", json.dumps(got), "duplicate nodes:", primary["duplicate_nodes"])
    failures = [f"{k} {got[k]} below the bar {v}" for k, v in BAR.items() if got[k] < v]
    failures += [f"{k} {got[k]} below the floor {v}" for k, v in FLOOR.items() if got[k] < v]
    if primary["duplicate_nodes"]:
        failures.append(f"{primary['duplicate_nodes']} duplicate nodes")
    if failures:
        sys.exit("\n".join(failures))
    print("ok")


if __name__ == "__main__":
    main()
