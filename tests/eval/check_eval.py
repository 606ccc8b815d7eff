"""newsgraph eval as a user meets it: the table, the JSON, the list of
differences, and the exit codes for bad command lines and bad files.

The figures are those worked out by hand in test_score.c.
Run by meson with NG_BIN (the program) and NG_TESTS_DIR set.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ["NG_BIN"]
DATA = os.path.join(os.environ["NG_TESTS_DIR"], "eval", "data")
GOLD = os.path.join(DATA, "tiny.gold.jsonl")
GRAPH = os.path.join(DATA, "tiny.graph.json")

EXIT_OK, EXIT_USAGE, EXIT_NO_INPUT, EXIT_MALFORMED = 0, 2, 3, 4

PRIMARY_TABLE = """\
relation     tp   fp   fn      P      R     F1
meets         1    0    0  1.000  1.000  1.000
visits        1    1    1  0.500  0.500  0.500
supplies      1    1    1  0.500  0.500  0.500
sanctions     2    0    0  1.000  1.000  1.000
all           5    2    2  0.714  0.714  0.714
duplicate nodes (one gold entity, several graph nodes, per document): 2
primary F1 0.714 (P 0.714 R 0.714)
"""

STRICT_DIFFERENCES = """\
SPURIOUS a.txt: Kim Jong Un --visits--> ?Tuvalu  gold=None system=asserted
MISSED   a.txt: Kim Jong Un --visits--> Russia  gold=planned system=None
MODALITY a.txt: North Korea --supplies--> Russia  gold=alleged system=asserted
SPURIOUS b.txt: North Korea --supplies--> Russia  gold=None system=planned
MISSED   b.txt: Russia --supplies--> North Korea  gold=planned system=None
"""


def run(*args, stdin=None):
    return subprocess.run([BIN, "eval", *args], input=stdin, capture_output=True, timeout=60)


class EvalCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ng-eval-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def assert_exit(self, proc, code):
        self.assertEqual(proc.returncode, code,
                         f"exit {proc.returncode}, stderr: {proc.stderr.decode(errors='replace')}")

    def assert_stderr_has(self, proc, *texts):
        err = proc.stderr.decode("utf-8", errors="replace")
        for t in texts:
            self.assertIn(t, err)


class Output(EvalCase):
    def test_table(self):
        p = run(GOLD, GRAPH)
        self.assert_exit(p, EXIT_OK)
        self.assertEqual(p.stdout.decode(), PRIMARY_TABLE)
        self.assertEqual(p.stderr, b"")

    def test_strict_last_line(self):
        p = run("--strict", GOLD, GRAPH)
        self.assert_exit(p, EXIT_OK)
        lines = p.stdout.decode().splitlines()
        self.assertIn("supplies      0    2    2  0.000  0.000  0.000", lines)
        self.assertEqual(lines[-1], "strict F1 0.571 (P 0.571 R 0.571)")

    def test_verbose_lists_differences_before_the_table(self):
        p = run(GOLD, GRAPH, "--strict", "--verbose")
        self.assert_exit(p, EXIT_OK)
        out = p.stdout.decode()
        self.assertTrue(out.startswith(STRICT_DIFFERENCES), out)
        self.assertIn("relation     tp", out)

    def test_json_figures_then_the_last_line(self):
        p = run("--json", GOLD, GRAPH)
        self.assert_exit(p, EXIT_OK)
        *body, last = p.stdout.decode().splitlines()
        doc = json.loads("\n".join(body))
        self.assertEqual(list(doc["relations"]),
                         ["meets", "visits", "supplies", "sanctions", "all"])
        self.assertEqual(doc["relations"]["all"], {"tp": 5, "fp": 2, "fn": 2, "precision": 0.714,
                                                   "recall": 0.714, "f1": 0.714})
        self.assertEqual(doc["relations"]["meets"]["precision"], 1.0)
        self.assertEqual(doc["duplicate_nodes"], 2)
        self.assertEqual(last, "primary F1 0.714 (P 0.714 R 0.714)")

    def test_graph_from_standard_input(self):
        with open(GRAPH, "rb") as f:
            p = run(GOLD, "-", stdin=f.read())
        self.assert_exit(p, EXIT_OK)
        self.assertEqual(p.stdout.decode(), PRIMARY_TABLE)

    def test_help(self):
        for args in (["eval", "--help"], ["help", "eval"]):
            p = subprocess.run([BIN, *args], capture_output=True, timeout=60)
            self.assert_exit(p, EXIT_OK)
            out = p.stdout.decode()
            for text in ("Usage: newsgraph eval", "--strict", "--verbose", "--json", "Exit status"):
                self.assertIn(text, out)

    def test_listed_among_the_commands(self):
        p = subprocess.run([BIN, "--help"], capture_output=True, timeout=60)
        self.assertRegex(p.stdout.decode(), r"\n  eval +score a graph")


class UsageErrors(EvalCase):
    def test_files_missing_or_too_many(self):
        for args in ([], [GOLD], [GOLD, GRAPH, GRAPH]):
            p = run(*args)
            self.assert_exit(p, EXIT_USAGE)
            self.assert_stderr_has(p, "give a gold file and a graph file", "newsgraph eval --help")

    def test_unknown_option(self):
        p = run("--loose", GOLD, GRAPH)
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "unknown option '--loose'")

    def test_both_files_from_standard_input(self):
        p = run("-", "-")
        self.assert_exit(p, EXIT_USAGE)
        self.assert_stderr_has(p, "standard input")


class BadFiles(EvalCase):
    def test_missing_gold(self):
        p = run(os.path.join(self.dir, "nope.jsonl"), GRAPH)
        self.assert_exit(p, EXIT_NO_INPUT)
        self.assert_stderr_has(p, "nope.jsonl")
        self.assertEqual(p.stdout, b"")

    def test_missing_graph(self):
        p = run(GOLD, os.path.join(self.dir, "nope.json"))
        self.assert_exit(p, EXIT_NO_INPUT)
        self.assert_stderr_has(p, "nope.json")

    def test_gold_line_that_is_not_json(self):
        gold = self.write("gold.jsonl", b'{"doc": "a.txt"}\n\n{"doc": \n')
        p = run(gold, GRAPH)
        self.assert_exit(p, EXIT_MALFORMED)
        self.assert_stderr_has(p, "gold.jsonl:3: not valid JSON")

    def test_gold_member_of_the_wrong_type(self):
        gold = self.write("gold.jsonl", b'{"doc": "a.txt", "relations": [{"source": 1}]}\n')
        p = run(gold, GRAPH)
        self.assert_exit(p, EXIT_MALFORMED)
        self.assert_stderr_has(
            p, "gold.jsonl:1: relations[0].source: expected a string, found an integer")

    def test_graph_that_is_not_json(self):
        graph = self.write("g.json", b'{"graph": {"nodes": [\n  {"id": 1,,}\n]}}\n')
        p = run(GOLD, graph)
        self.assert_exit(p, EXIT_MALFORMED)
        self.assert_stderr_has(p, "g.json:2:")

    def test_graph_member_of_the_wrong_type(self):
        graph = self.write("g.json", b'{"graph": {"nodes": [{"id": "k", "aliases": 5}]}}')
        p = run(GOLD, graph)
        self.assert_exit(p, EXIT_MALFORMED)
        self.assert_stderr_has(
            p, "g.json: graph.nodes[0].aliases: expected a list, found an integer")


if __name__ == "__main__":
    unittest.main(verbosity=2)
