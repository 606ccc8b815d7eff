"""GraphML and DOT written by the installed NetworkX, igraph and
pygraphviz, loaded by `newsgraph convert` and compared with what was
written. (tests/io/data holds fixed samples of the same for the unit tests;
this check follows the libraries as they change.)

Run by meson with NG_BIN set, under Debian's /usr/bin/python3.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import igraph
import networkx as nx

BIN = os.environ["NG_BIN"]


class Loaders(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ng-load-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def convert(self, name):
        """The graph file `name` converted to JSON by newsgraph, as a dict."""
        out = os.path.join(self.dir, name + ".json")
        p = subprocess.run([BIN, "convert", os.path.join(self.dir, name), "-o", out],
                           capture_output=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr.decode(errors="replace"))
        self.assertEqual(p.stderr, b"")
        with open(out, encoding="utf-8") as f:
            return json.load(f)["graph"]

    @staticmethod
    def nodes(graph):
        return {n["label"]: n["metadata"]["type"] for n in graph["nodes"]}

    @staticmethod
    def edges(graph):
        labels = {n["id"]: n["label"] for n in graph["nodes"]}
        return {(labels[e["source"]], e["relation"], labels[e["target"]]):
                (e["metadata"]["weight"], e["metadata"]["modality"]) for e in graph["edges"]}

    def networkx_graph(self, multigraph):
        g = nx.MultiDiGraph() if multigraph else nx.DiGraph()
        g.add_node("Kim Jong Un", type="person")
        g.add_node("Russia", type="country")
        g.add_node("North Korea", kind="country")
        g.add_node("Wagner Group")
        g.add_edge("Kim Jong Un", "Russia", relation="visits", weight=2)
        g.add_edge("North Korea", "Russia", relation="supplies", modality="alleged", weight=1)
        if multigraph:
            g.add_edge("North Korea", "Russia", relation="supplies", modality="asserted",
                       weight=4)
        g.add_edge("Wagner Group", "Russia", label="meets")
        return g

    def test_networkx_graphml(self):
        nx.write_graphml(self.networkx_graph(False), os.path.join(self.dir, "nx.graphml"))
        got = self.convert("nx.graphml")
        self.assertEqual(self.nodes(got), {"Kim Jong Un": "person", "Russia": "country",
                                           "North Korea": "country",
                                           "Wagner Group": "organization"})
        self.assertEqual(self.edges(got), {
            ("Kim Jong Un", "visits", "Russia"): (2, "asserted"),
            ("North Korea", "supplies", "Russia"): (1, "alleged"),
            ("Russia", "meets", "Wagner Group"): (1, "asserted"),
        })

    def test_networkx_multigraph_graphml_adds_parallel_edges_up(self):
        nx.write_graphml(self.networkx_graph(True), os.path.join(self.dir, "multi.graphml"))
        got = self.edges(self.convert("multi.graphml"))
        self.assertEqual(got[("North Korea", "supplies", "Russia")], (5, "asserted"))

    def test_igraph_graphml(self):
        g = igraph.Graph(directed=True)
        g.add_vertices(3)
        g.vs["name"] = ["Xi Jinping", "Beijing", "United States"]
        g.vs["type"] = ["person", "place", "country"]
        g.vs["mentions"] = [3.0, float("nan"), 1.0]
        g.add_edges([(0, 1), (2, 0)])
        g.es["relation"] = ["visits", "sanctions"]
        g.es["weight"] = [2.0, 1.0]
        g.write_graphml(os.path.join(self.dir, "ig.graphml"))
        got = self.convert("ig.graphml")
        self.assertEqual(self.nodes(got), {"Xi Jinping": "person", "Beijing": "place",
                                           "United States": "country"})
        self.assertEqual(self.edges(got), {
            ("Xi Jinping", "visits", "Beijing"): (2, "asserted"),
            ("United States", "sanctions", "Xi Jinping"): (1, "asserted"),
        })
        mentions = {n["label"]: n["metadata"]["mentions"] for n in got["nodes"]}
        self.assertEqual(mentions, {"Xi Jinping": 3, "Beijing": 0, "United States": 1})

    def test_pygraphviz_dot(self):
        g = self.networkx_graph(False)
        nx.nx_agraph.write_dot(g, os.path.join(self.dir, "nx.dot"))
        got = self.convert("nx.dot")
        self.assertEqual(self.nodes(got)["Kim Jong Un"], "person")
        self.assertEqual(self.nodes(got)["North Korea"], "organization")  # "kind" is GraphML's
        self.assertEqual(self.edges(got), {
            ("Kim Jong Un", "visits", "Russia"): (2, "asserted"),
            ("North Korea", "supplies", "Russia"): (1, "alleged"),
            ("Russia", "meets", "Wagner Group"): (1, "asserted"),
        })


if __name__ == "__main__":
    unittest.main(verbosity=2)
