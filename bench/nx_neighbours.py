#!/usr/bin/python3
"""The entities within two hops of one entity through one relation, in
either direction, with NetworkX, loading the JSON export the way
examples/networkx-igraph.md does:

    bench/nx_neighbours.py graph.json ENTITY-ID RELATION

prints how many there are, then the seconds spent loading and querying.
"""
import json
import sys
import time

import networkx as nx


def main():
    path, start, relation = sys.argv[1:4]
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    g = nx.node_link_graph(doc["graph"], link="edges", key="id")
    t1 = time.perf_counter()
    dist = {start: 0}
    frontier = [start]
    for depth in (1, 2):
        nxt = []
        for n in frontier:
            for u, v, rel in (*g.out_edges(n, data="relation"), *g.in_edges(n, data="relation")):
                m = v if u == n else u
                if rel == relation and m not in dist:
                    dist[m] = depth
                    nxt.append(m)
        frontier = nxt
    t2 = time.perf_counter()
    print(len(dist) - 1)
    print(f"load {t1 - t0:.6f}")
    print(f"query {t2 - t1:.6f}")


if __name__ == "__main__":
    main()
