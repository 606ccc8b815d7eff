"""The real outputs of `newsgraph extract seeds`, checked by the same
external tools as the exporters' fixtures: labels, aliases and evidence
sentences from real pages must come out valid in every format.
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import networkx as nx

BIN = os.environ["NG_BIN"]
ROOT = os.environ["NG_SOURCE_ROOT"]
SCHEMAS = os.environ["NG_SCHEMAS"]


def check(ok, what):
    if not ok:
        sys.exit(f"seed outputs: {what}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        out = {ext: os.path.join(tmp, "graph." + ext) for ext in ("json", "graphml", "dot")}
        args = [BIN, "extract", os.path.join(ROOT, "seeds")]
        for path in out.values():
            args += ["-o", path]
        p = subprocess.run(args, capture_output=True, text=True, timeout=120)
        check(p.returncode == 0, f"extract exited {p.returncode}: {p.stderr}")

        with open(out["json"], encoding="utf-8") as f:
            doc = json.load(f)
        with open(os.path.join(SCHEMAS, "jgf", "json-graph-schema_v1.json")) as f:
            jsonschema.validate(doc, json.load(f))
        nodes, edges = len(doc["graph"]["nodes"]), len(doc["graph"]["edges"])
        check(nodes > 50 and edges > 30, f"only {nodes} nodes and {edges} edges")
        g = nx.node_link_graph(doc["graph"], link="edges", key="id")
        check((g.number_of_nodes(), g.number_of_edges()) == (nodes, edges), "NetworkX counts (json)")

        p = subprocess.run(["xmllint", "--nonet", "--noout", "--schema",
                            os.path.join(SCHEMAS, "graphml", "graphml.xsd"), out["graphml"]],
                           capture_output=True, text=True)
        check(p.returncode == 0, f"xmllint: {p.stderr}")
        gm = nx.read_graphml(out["graphml"])
        check((gm.number_of_nodes(), gm.number_of_edges()) == (nodes, edges), "NetworkX counts (graphml)")
        labels = {d["label"] for _, d in gm.nodes(data=True)}
        check("Kim Jong Un" in labels and "Vladimir Putin" in labels, "labels (graphml)")

        p = subprocess.run(["dot", "-Tsvg", "-o", os.devnull, out["dot"]], capture_output=True, text=True)
        check(p.returncode == 0, f"dot: {p.stderr}")
        p = subprocess.run(["gvpr", 'E[relation=="meets"]{print(tail.name, " ", head.name)}', out["dot"]],
                           capture_output=True, text=True)
        check(p.returncode == 0 and "kim-jong-un vladimir-putin" in p.stdout, f"gvpr: {p.stdout} {p.stderr}")
    print(f"ok: {nodes} nodes, {edges} edges valid in JSON, GraphML and DOT")


if __name__ == "__main__":
    main()
