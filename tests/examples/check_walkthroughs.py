#!/usr/bin/python3
"""Runs a walkthrough of examples/ and checks what its commands produce.

    check_walkthroughs.py WALKTHROUGH.md

Every fenced block marked `sh` runs in bash (stopping at the first
failing command) and every block marked `python` in this Python (Debian's,
which has networkx and igraph), in order, in a fresh directory holding a
link to seeds/, with newsgraph first on the PATH. Blocks marked otherwise
(text, console, cypher, c) are for the reader only. The checks of the
walkthrough then compare its files and printed results with what the
graph, extracted here independently, says they should be.

Run by meson with NG_BIN and NG_SOURCE_ROOT set.
"""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

BIN = os.environ["NG_BIN"]
SEEDS = os.path.join(os.environ["NG_SOURCE_ROOT"], "seeds")
SVG = "{http://www.w3.org/2000/svg}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
RELATIONS = {"meets", "visits", "supplies", "sanctions"}
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)

Run = collections.namedtuple("Run", "language code stdout stderr")


def run_blocks(markdown, directory):
    """Runs the sh and python blocks; returns a Run for every block (the
    output of one that is not run is None)."""
    env = dict(os.environ, PATH=os.path.dirname(BIN) + os.pathsep + os.environ["PATH"])
    runs = []
    for language, code in BLOCK.findall(markdown):
        argv = {"sh": ["bash", "-e", "-o", "pipefail", "-c", code],
                "python": [sys.executable, "-c", code]}.get(language)
        if not argv:
            runs.append(Run(language, code, None, None))
            continue
        result = subprocess.run(argv, cwd=directory, env=env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, \
            f"this {language} block failed ({result.returncode}):\n{code}\n{result.stderr}"
        runs.append(Run(language, code, result.stdout, result.stderr))
    assert any(r.stdout is not None for r in runs), "the walkthrough has no block to run"
    return runs


class Graph:
    """The seeds' graph as the JSON export has it, extracted afresh."""

    def __init__(self, directory):
        path = os.path.join(directory, "reference.json")
        subprocess.run([BIN, "extract", "seeds", "-o", path], cwd=directory, check=True,
                       capture_output=True)
        with open(path, encoding="utf-8") as f:
            graph = json.load(f)["graph"]
        self.label = {n["id"]: n["label"] for n in graph["nodes"]}
        self.edges = [(e["source"], e["relation"], e["target"], e["metadata"])
                      for e in graph["edges"]]
        self.adjacent = collections.defaultdict(set)
        for s, _, t, _ in self.edges:
            self.adjacent[s].add(t)
            self.adjacent[t].add(s)

    def degree(self, node):
        return sum((s == node) + (t == node) for s, _, t, _ in self.edges)

    def most_connected(self):
        """(degree, label) of the entity a stable sort puts first."""
        return min((-self.degree(n), self.label[n]) for n in self.adjacent)

    def distance(self, a, b):
        """Hops between the entities labelled a and b, directions ignored."""
        ids = {label: node for node, label in self.label.items()}
        seen, frontier, hops = {ids[a]}, {ids[a]}, 0
        while frontier and ids[b] not in seen:
            frontier = {m for n in frontier for m in self.adjacent[n]} - seen
            seen |= frontier
            hops += 1
        return hops if ids[b] in seen else None


def svg_nodes(path):
    """The labels of the nodes an SVG shows, after xmllint parses it."""
    result = subprocess.run(["xmllint", "--noout", "--nonet", path], capture_output=True)
    assert result.returncode == 0, f"{path}: {result.stderr.decode()}"
    root = ET.parse(path).getroot()
    return {" ".join(t.text for t in g.iter(SVG + "text"))
            for g in root.iter(SVG + "g") if g.get("class", "").startswith("node")}


def svg_edge_classes(path):
    root = ET.parse(path).getroot()
    return {g.get("class") for g in root.iter(SVG + "g") if g.get("class", "").startswith("edge")}


def assert_magic(path, magic):
    with open(path, "rb") as f:
        assert f.read(len(magic)) == magic, f"{path} is not what its name says"


def block_with(runs, text):
    """The run of the block whose code holds `text`."""
    return next(r for r in runs if text in r.code)


# --- the walkthroughs ----------------------------------------------------

def check_diagram(runs, directory, graph):
    def out(name):
        return os.path.join(directory, "out", name)

    connected = {graph.label[n] for n in graph.adjacent}
    assert svg_nodes(out("graph.svg")) == connected
    assert_magic(out("seeds.png"), b"\x89PNG\r\n\x1a\n")
    assert_magic(out("seeds.pdf"), b"%PDF-")
    assert_magic(out("top.png"), b"\x89PNG\r\n\x1a\n")
    kim = [n for n, label in graph.label.items() if label == "Kim Jong Un"][0]
    assert svg_nodes(out("kim.svg")) == {graph.label[n] for n in graph.adjacent[kim] | {kim}}
    classes = svg_edge_classes(out("arms.svg"))
    assert classes and all(c.split()[1] in ("supplies", "sanctions") for c in classes), classes
    assert "Vladimir Putin" in svg_nodes(out("putin.svg"))
    for name in ("neato.svg", "circle.svg", "pipeline.svg"):
        assert svg_nodes(out(name)), name
    assert "left out" in block_with(runs, "--max-nodes 12").stderr


def check_networkx_igraph(runs, directory, graph):
    degree, top = graph.most_connected()
    hops = graph.distance("Sergei Shoigu", "Liu Guozhong")
    for run in (r for r in runs if r.language == "python" and "shortest" in r.code):
        lines = run.stdout.splitlines()
        assert lines[0].startswith(f"degree {-degree:2}  {top} ("), (lines[0], top)
        path = next(line for line in lines if line.startswith("path: "))[6:].split(" -> ")
        assert path[0] == "Sergei Shoigu" and path[-1] == "Liu Guozhong" and len(path) == hops + 1
        assert all(graph.distance(a, b) == 1 for a, b in zip(path, path[1:])), path
        communities = next(int(line.split()[0]) for line in lines if "communities" in line)
        assert 2 <= communities <= len(graph.adjacent), communities
    best = max(graph.edges, key=lambda e: e[3]["weight"])
    first = block_with(runs, "node_link_graph").stdout.splitlines()[0]
    assert first.endswith(f"({best[3]['weight']} sentences)"), (first, best)


def check_gvpr(runs, directory, graph):
    label = graph.label
    supplies = {f"{label[s]} -> {label[t]}  ({m['modality']}, {m['weight']} evidence)"
                for s, r, t, m in graph.edges if r == "supplies"}
    assert set(block_with(runs, 'relation=="supplies"').stdout.splitlines()) == supplies
    counts = collections.Counter(r for _, r, _, _ in graph.edges)
    printed = dict(line.split() for line in block_with(runs, "int n[string]").stdout.splitlines())
    assert {r: int(n) for r, n in printed.items()} == counts, printed
    degree, top = graph.most_connected()
    assert block_with(runs, "degree >= 4").stdout.splitlines()[0] == f"{-degree}  {top}"
    uncertain = os.path.join(directory, "out", "uncertain.dot")
    modalities = subprocess.run(["gvpr", "E{print(modality)}", uncertain], capture_output=True,
                                text=True, check=True).stdout.split()
    expected = [m["modality"] for _, _, _, m in graph.edges
                if m["modality"] in ("alleged", "planned")]
    assert sorted(modalities) == sorted(expected), modalities
    svg_nodes(os.path.join(directory, "out", "uncertain.svg"))


def read_graphml(directory):
    root = ET.parse(os.path.join(directory, "out", "graph.graphml")).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type"))
            for k in root.iter(GRAPHML + "key")}
    return root, keys


def check_neo4j(runs, directory, graph):
    root, keys = read_graphml(directory)
    # APOC's readLabels takes the relationship type from a <data key="label">
    # that comes first in the edge.
    assert keys["label"] == ("edge", "label", "string"), keys.get("label")
    edges = list(root.iter(GRAPHML + "edge"))
    assert len(edges) == len(graph.edges)
    for edge in edges:
        first = next(iter(edge))
        assert first.tag == GRAPHML + "data" and first.get("key") == "label", ET.tostring(edge)
        assert first.text in RELATIONS, first.text
    node_keys = {name: key for key, (domain, name, _) in keys.items() if domain == "node"}
    for node in root.iter(GRAPHML + "node"):
        data = {d.get("key") for d in node.iter(GRAPHML + "data")}
        assert {node_keys["label"], node_keys["type"]} <= data, ET.tostring(node)
    cypher = "".join(r.code for r in runs if r.language == "cypher")
    assert 'apoc.import.graphml("graph.graphml", {readLabels: true' in cypher


def check_gephi_yed(runs, directory, graph):
    root, keys = read_graphml(directory)
    named = {(domain, name): kind for domain, name, kind in keys.values()}
    for wanted in (("node", "label"), ("node", "type"), ("edge", "relation"), ("edge", "modality")):
        assert named.get(wanted) == "string", wanted
    assert named.get(("edge", "weight")) == "int"  # Gephi's edge weight
    assert len(list(root.iter(GRAPHML + "node"))) == len(graph.label)


CHECKS = {"diagram": check_diagram, "networkx-igraph": check_networkx_igraph,
          "gvpr": check_gvpr, "neo4j": check_neo4j, "gephi-yed": check_gephi_yed}

if __name__ == "__main__":
    walkthrough = sys.argv[1]
    name = os.path.splitext(os.path.basename(walkthrough))[0]
    with open(walkthrough, encoding="utf-8") as f:
        markdown = f.read()
    with tempfile.TemporaryDirectory(prefix="ng-walkthrough-") as work:
        os.symlink(SEEDS, os.path.join(work, "seeds"))
        runs = run_blocks(markdown, work)
        CHECKS[name](runs, work, Graph(work))
    print("ok")
