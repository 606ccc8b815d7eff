"""newsgraph eval against the reference scorer: on the same files, with
each combination of options, the output must be the same, byte for byte.

The reference, score.py, lives beside the project in ../shared/eval and
is not part of it: the test finds it through NG_SHARED and is skipped
(exit status 77) when it is not there. Run by meson with NG_BIN,
NG_TESTS_DIR and NG_SHARED set.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

SKIP = 77
BIN = os.environ["NG_BIN"]
TESTS = os.environ["NG_TESTS_DIR"]
SCORE = os.path.join(os.environ.get("NG_SHARED", ""), "eval", "score.py")
DATA = os.path.join(TESTS, "eval", "data")
SEEDS_GOLD = os.path.join(TESTS, "data", "seeds.gold.jsonl")

OPTIONS = ([], ["--strict"], ["--verbose"], ["--json"], ["--strict", "--verbose", "--json"])


def perturbed_graph(gold_path, seed):
    """A graph made from the gold annotations, with the kinds of mistakes
    and spellings an extractor produces: relations left out or reversed,
    modalities changed, names in other cases and with hyphens, articles or
    possessives, duplicate nodes, unknown nodes and relations, evidence
    from other documents."""
    rng = random.Random(seed)
    docs = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    spellings = [str.upper, lambda s: s.replace(" ", "-"), lambda s: "The " + s,
                 lambda s: s + "\u2019s", str.lower, lambda s: s]
    nodes, edges = {}, []

    def node(name, doc):
        key = name + ("" if rng.random() < 0.85 else " (2)")  # sometimes a duplicate node
        if key not in nodes:
            nodes[key] = {"id": key.lower(), "label": rng.choice(spellings)(name),
                          "metadata": {"aliases": [], "docs": []}}
        if doc not in nodes[key]["metadata"]["docs"]:
            nodes[key]["metadata"]["docs"].append(doc)
        return nodes[key]["id"]

    for rec in docs:
        doc = rec["doc"]
        for r in rec.get("relations", []):
            if rng.random() < 0.2:
                continue
            source, target = node(r["source"], doc), node(r["target"], doc)
            if rng.random() < 0.2:
                source, target = target, source
            modality = r.get("modality", "asserted")
            if rng.random() < 0.2:
                modality = rng.choice(["asserted", "planned", "alleged", "denied"])
            evidence = [{"doc": rng.choice([doc, "corpus/" + doc]), "modality": modality}]
            if rng.random() < 0.2:
                evidence.append({"doc": "unannotated.txt", "modality": "asserted"})
            relation = r["relation"] if rng.random() < 0.95 else "attacks"
            edges.append({"source": source, "target": target, "relation": relation,
                          "metadata": {"evidence": evidence}})
        edges.append({"source": node("Nobody in particular", doc), "target": "no-such-node",
                      "relation": "meets", "metadata": {"evidence": [{"doc": doc}]}})
    return {"graph": {"nodes": list(nodes.values()), "edges": edges}}


class SameAsReference(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ng-eval-ref-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def compare(self, gold, graph):
        for options in OPTIONS:
            with self.subTest(gold=os.path.basename(gold), graph=os.path.basename(graph),
                              options=options):
                ours = subprocess.run([BIN, "eval", gold, graph, *options],
                                      capture_output=True, timeout=120)
                ref = subprocess.run(["/usr/bin/python3", SCORE, gold, graph, *options],
                                     capture_output=True, timeout=120)
                self.assertEqual(ref.returncode, 0, ref.stderr.decode(errors="replace"))
                self.assertEqual(ours.returncode, 0, ours.stderr.decode(errors="replace"))
                self.assertEqual(ours.stdout.decode(), ref.stdout.decode())

    def test_tiny_data_in_three_shapes(self):
        for graph in ("tiny.graph.json", "tiny.links.json", "tiny.keyed.json"):
            self.compare(os.path.join(DATA, "tiny.gold.jsonl"), os.path.join(DATA, graph))

    def test_summit_fixture(self):
        self.compare(os.path.join(DATA, "summit.gold.jsonl"),
                     os.path.join(TESTS, "io", "golden", "summit.json"))

    def test_seed_annotations_against_the_tiny_graph(self):
        self.compare(SEEDS_GOLD, os.path.join(DATA, "tiny.graph.json"))

    def test_seed_annotations_against_perturbed_graphs(self):
        for seed in range(8):
            path = os.path.join(self.dir, f"perturbed{seed}.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(perturbed_graph(SEEDS_GOLD, seed), f, ensure_ascii=seed % 2 == 0)
            self.compare(SEEDS_GOLD, path)


if __name__ == "__main__":
    if not os.path.isfile(SCORE):
        print(f"skipped: no reference scorer at {SCORE}")
        sys.exit(SKIP)
    unittest.main(verbosity=2)
